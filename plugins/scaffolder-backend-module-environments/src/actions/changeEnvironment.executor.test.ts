/**
 * `terrace:environment:change` keeps the executor that owns the environment
 * (`terrace.dev/terraform-executor`, which the drift check reads) on real local git repositories.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import yaml from 'yaml';
import type { PublishSettings } from '../config';
import { generateEnvironmentFiles } from '../generator';
import { createChangeEnvironmentAction } from './changeEnvironment';
import { git } from './git';
import { createLocalEnvironment, mockContext } from './__testUtils__';

jest.setTimeout(60_000);

const FORM = {
  name: 'shop-dev',
  owner: 'group:default/shop',
  cloud: 'aws',
  region: 'eu-west-1',
  tier: 'dev',
  components: [{ name: 'assets', type: 'bucket' }],
};

describe('terrace:environment:change and the owning executor', () => {
  let root: string;
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('keeps terrace.dev/terraform-executor in the regenerated catalog-info.yaml', async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-change-executor-'));
    const publish: PublishSettings = {
      localRoot: path.join(root, 'repos'),
      defaultBranch: 'main',
      authorName: 'Terrace',
      authorEmail: 'terrace@localhost',
    };
    // created the way the Create template does it, applied with hcp
    const bare = await createLocalEnvironment(root, publish, {
      ...FORM,
      executor: 'hcp',
    });
    const executorOn = async (ref: string) =>
      yaml.parse(await git(['show', `${ref}:catalog-info.yaml`], bare)).metadata
        .annotations['terrace.dev/terraform-executor'];
    expect(await executorOn('main')).toBe('hcp');

    const workspacePath = path.join(root, 'workspace');
    await fs.mkdir(workspacePath);
    const ctx = mockContext({
      input: {
        ...FORM,
        components: [...FORM.components, { name: 'cache', type: 'redis' }],
      },
      workspacePath,
    });
    await createChangeEnvironmentAction({
      generate: generateEnvironmentFiles,
      publish,
      terraform: {
        executor: 'ci',
        allowedExecutors: ['ci'],
        binary: 'terraform',
        local: { overrideFiles: [], backendConfigFiles: [] },
        timeoutMs: 60_000,
        locks: new EnvironmentLocks(path.join(root, 'locks')),
      },
      history: { record: async () => {} },
    }).handler(ctx);
    expect(await executorOn(`terrace/change-${ctx.task.id}`)).toBe('hcp');
  });
});
