/**
 * `terrace:environment:merge` and `terrace:environment:push` on real local git repositories: an
 * environment created as the Create template does it, changes proposed by
 * `terrace:environment:change`, then merged in a task workspace and pushed.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import type { EnvironmentEvent } from '@terrace/plugin-environments-common';
import {
  EnvironmentLocks,
  estimateCostDelta,
} from '@terrace/plugin-environments-node';
import yaml from 'yaml';
import type { PublishSettings, TerraformSettings } from '../config';
import { generateEnvironmentFiles } from '../generator';
import { createChangeEnvironmentAction } from './changeEnvironment';
import { git } from './git';
import { createMergeChangeAction, createPushChangeAction } from './mergeChange';
import {
  checkpointStore,
  createLocalEnvironment,
  mockContext,
} from './__testUtils__';

const FORM = {
  name: 'shop-dev',
  owner: 'group:default/shop',
  cloud: 'aws',
  region: 'eu-west-1',
  tier: 'dev',
  components: [{ name: 'db', type: 'postgres' }],
};

jest.setTimeout(60_000);

describe('terrace:environment:merge and terrace:environment:push', () => {
  let root: string;
  let publish: PublishSettings;
  let terraform: TerraformSettings;
  let bare: string;
  let workspaces = 0;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-merge-'));
    publish = {
      localRoot: path.join(root, 'repos'),
      defaultBranch: 'main',
      authorName: 'Terrace',
      authorEmail: 'terrace@localhost',
    };
    terraform = {
      executor: 'ci',
      allowedExecutors: ['ci'],
      binary: 'terraform',
      local: { overrideFiles: [], backendConfigFiles: [] },
      timeoutMs: 60_000,
      locks: new EnvironmentLocks(path.join(root, 'locks')),
    };
    bare = await createLocalEnvironment(root, publish, FORM);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  /** Proposes a change as "Change this environment" does; resolves with its branch. */
  async function propose(taskId: string, components: unknown[]) {
    const workspacePath = path.join(root, `propose-${taskId}`);
    await fs.mkdir(workspacePath);
    await createChangeEnvironmentAction({
      generate: generateEnvironmentFiles,
      publish,
      terraform,
    }).handler(
      mockContext({
        input: { ...FORM, components } as any,
        workspacePath,
        task: { id: taskId } as any,
      }),
    );
    return `terrace/change-${taskId}`;
  }

  /** A new task workspace holding a clone of the repository, as terrace:environment:fetch leaves it. */
  async function fetched() {
    const workspacePath = path.join(root, `task-${++workspaces}`);
    await fs.mkdir(workspacePath);
    await git(['clone', '--quiet', bare, '.'], workspacePath);
    return workspacePath;
  }

  const tipOf = (ref: string) => git(['rev-parse', ref], bare);
  const branches = async () =>
    (await git(['branch', '--format=%(refname:short)'], bare))
      .split('\n')
      .filter(Boolean)
      .sort();
  const redis = { name: 'cache', type: 'redis' };

  it('merges the change in the workspace only; the push after the apply publishes it, deletes the branch and records the change with its cost delta', async () => {
    const branch = await propose('task-add-redis', [...FORM.components, redis]);
    const mainBefore = await tipOf('main');
    const workspacePath = await fetched();

    const merge = mockContext({
      input: { environment: 'shop-dev', branch },
      workspacePath,
    });
    await createMergeChangeAction({ publish }).handler(merge);

    // the workspace holds the merged spec and Terraform; the repository does not yet
    const spec = yaml.parse(
      await fs.readFile(path.join(workspacePath, 'environment.yaml'), 'utf8'),
    );
    expect(spec.spec.components.map((c: any) => c.name)).toEqual([
      'db',
      'cache',
    ]);
    const tf = (await fs.readdir(path.join(workspacePath, 'terraform'))).join(
      '\n',
    );
    expect(tf).toMatch(/cache|redis/);
    expect(await tipOf('main')).toBe(mainBefore);
    const head = await git(['rev-parse', 'HEAD'], workspacePath);
    expect(merge.output).toHaveBeenCalledWith('commitHash', head);
    expect(
      (await git(['rev-list', '--parents', '-n1', 'HEAD'], workspacePath))
        .split(' ')
        .slice(1),
    ).toEqual([mainBefore, await tipOf(branch)]);
    expect(merge.output).toHaveBeenCalledWith(
      'changeFile',
      '.terrace/changes/task-add-redis.md',
    );
    expect(merge.output).toHaveBeenCalledWith(
      'title',
      'Change environment shop-dev',
    );
    // the cost delta the change was proposed with, read back from its description
    const delta = estimateCostDelta(
      yaml.parse(await git(['show', `${mainBefore}:environment.yaml`], bare)),
      spec,
    );
    if (!delta.ok) throw new Error(delta.reason);
    expect(delta.total.difference).toBeGreaterThan(0);
    expect(merge.output).toHaveBeenCalledWith('costDelta', delta.total);

    // the push (after the apply): main is the merge, the checkout follows, the branch is gone
    const events: EnvironmentEvent[] = [];
    const push = createPushChangeAction({
      publish,
      history: { record: async e => void events.push(e) },
      now: () => new Date('2026-12-01T16:00:00Z'),
    });
    const { checkpoint } = checkpointStore();
    const pushed = mockContext({
      input: { environment: 'shop-dev', branch },
      workspacePath,
      checkpoint,
      task: { id: 'task-apply' } as any,
    });
    await push.handler(pushed);
    expect(await tipOf('main')).toBe(head);
    expect(await branches()).toEqual(['main']);
    expect(
      yaml
        .parse(
          await fs.readFile(
            path.join(publish.localRoot, 'shop-dev', 'environment.yaml'),
            'utf8',
          ),
        )
        .spec.components.map((c: any) => c.name),
    ).toEqual(['db', 'cache']);
    expect(events).toEqual([
      {
        environment: 'shop-dev',
        kind: 'change',
        at: '2026-12-01T16:00:00.000Z',
        actor: expect.any(String),
        summary: `Applied ${branch}`,
        costDelta: delta.total,
        taskId: 'task-apply',
      },
    ]);

    // a retried task pushes and records nothing again
    await push.handler(
      mockContext({
        input: { environment: 'shop-dev', branch },
        workspacePath,
        checkpoint,
      }),
    );
    expect(events).toHaveLength(1);

    // the same branch again: it is gone, so it is refused by name
    await expect(
      createMergeChangeAction({ publish }).handler(
        mockContext({
          input: { environment: 'shop-dev', branch },
          workspacePath: await fetched(),
        }),
      ),
    ).rejects.toThrow(
      new InputError(
        `branch: ${branch} is not in the repository shop-dev.git (already applied and deleted, or never proposed)`,
      ),
    );
  });

  it('refuses a change that no longer merges cleanly (main moved): names the conflicts, pushes nothing, leaves the workspace as it was', async () => {
    const first = await propose('task-redis-a', [...FORM.components, redis]);
    const second = await propose('task-redis-b', [
      ...FORM.components,
      { name: 'sessions', type: 'redis' },
    ]);
    // the first change is applied: main moved
    const ws1 = await fetched();
    await createMergeChangeAction({ publish }).handler(
      mockContext({
        input: { environment: 'shop-dev', branch: first },
        workspacePath: ws1,
      }),
    );
    await createPushChangeAction({ publish }).handler(
      mockContext({
        input: { environment: 'shop-dev', branch: first },
        workspacePath: ws1,
      }),
    );
    const mainBefore = await tipOf('main');
    const secondTip = await tipOf(second);

    const workspacePath = await fetched();
    const refused = await createMergeChangeAction({ publish })
      .handler(
        mockContext({
          input: { environment: 'shop-dev', branch: second },
          workspacePath,
        }),
      )
      .catch(e => e);
    expect(refused).toBeInstanceOf(InputError);
    expect(refused.message).toMatch(
      new RegExp(
        `^branch: terrace/change-task-redis-b does not merge cleanly into main: conflicts in .*environment\\.yaml`,
      ),
    );
    expect(refused.message).toContain('Nothing was merged or pushed.');
    // nothing pushed, the branch kept, the workspace clean at main
    expect(await tipOf('main')).toBe(mainBefore);
    expect(await tipOf(second)).toBe(secondTip);
    expect(await git(['status', '--porcelain'], workspacePath)).toBe('');
    expect(await git(['rev-parse', 'HEAD'], workspacePath)).toBe(mainBefore);
    // and the push refuses a workspace that does not hold the change
    await expect(
      createPushChangeAction({ publish }).handler(
        mockContext({
          input: { environment: 'shop-dev', branch: second },
          workspacePath,
        }),
      ),
    ).rejects.toThrow(
      new InputError(
        `branch: main in the workspace does not hold ${second}; merge it first (terrace:environment:merge)`,
      ),
    );
    expect(await tipOf('main')).toBe(mainBefore);
  });

  it('refuses a branch already merged by hand, a branch that is not a change branch, and an unknown environment, naming the input', async () => {
    const branch = await propose('task-merged', [...FORM.components, redis]);
    // merged into main by hand, the branch left behind
    const byHand = await fetched();
    await git(['merge', '--quiet', '--no-edit', `origin/${branch}`], byHand, {
      GIT_AUTHOR_NAME: 'Someone',
      GIT_AUTHOR_EMAIL: 's@localhost',
      GIT_COMMITTER_NAME: 'Someone',
      GIT_COMMITTER_EMAIL: 's@localhost',
    });
    await git(['push', '--quiet', 'origin', 'HEAD:main'], byHand);
    const mainBefore = await tipOf('main');
    const action = createMergeChangeAction({ publish });
    const run = async (input: Record<string, string>) =>
      action
        .handler(mockContext({ input, workspacePath: await fetched() }))
        .catch(e => e);

    const merged = await run({ environment: 'shop-dev', branch });
    expect(merged).toBeInstanceOf(InputError);
    expect(merged.message).toBe(
      `branch: ${branch} is already merged into main of shop-dev.git; there is nothing to apply from it`,
    );
    const notChange = await run({ environment: 'shop-dev', branch: 'main' });
    expect(notChange).toBeInstanceOf(InputError);
    expect(notChange.message).toMatch(/^branch: "main" is not a change branch/);
    const unknown = await run({ environment: 'shop-prod', branch });
    expect(unknown).toBeInstanceOf(InputError);
    expect(unknown.message).toMatch(
      /^environment: there is no local repository "shop-prod\.git"/,
    );
    expect(await tipOf('main')).toBe(mainBefore);
    expect(await branches()).toEqual(['main', branch].sort());
  });
});
