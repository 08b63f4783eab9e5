/**
 * `terrace:environment:change` on real local git repositories: an environment created the way
 * the Create template does it (generate, then publish to the local bare repository), then changed.
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
import { createLocalEnvironment, mockContext } from './__testUtils__';

const FORM = {
  name: 'shop-dev',
  owner: 'group:default/shop',
  cloud: 'aws',
  region: 'eu-west-1',
  tier: 'dev',
  components: [
    { name: 'db', type: 'postgres' },
    { name: 'assets', type: 'bucket' },
  ],
};

// git and the generator run for real: generous on a shared machine
jest.setTimeout(60_000);

describe('terrace:environment:change', () => {
  let root: string;
  let publish: PublishSettings;
  let terraform: TerraformSettings;
  let bare: string;
  let workspacePath: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-change-'));
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
    workspacePath = path.join(root, 'workspace');
    await fs.mkdir(workspacePath);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const branches = async () =>
    (await git(['branch', '--format=%(refname:short)'], bare))
      .split('\n')
      .filter(Boolean)
      .sort();

  it('adds a redis: the regenerated files on a branch terrace/change-<task>, the description with + lines of the cost delta and the plan summary', async () => {
    const events: EnvironmentEvent[] = [];
    const action = createChangeEnvironmentAction({
      generate: generateEnvironmentFiles,
      publish,
      terraform,
      history: { record: async e => void events.push(e) },
      now: () => new Date('2026-12-01T10:00:00Z'),
    });
    const components = [...FORM.components, { name: 'cache', type: 'redis' }];
    const ctx = mockContext({
      input: { ...FORM, components },
      workspacePath,
    });
    await action.handler(ctx);

    const taskId = ctx.task.id;
    const branch = `terrace/change-${taskId}`;
    expect(await branches()).toEqual(['main', branch].sort());

    // the branch holds exactly the files generating the new spec gives, plus the change file
    const expected = new Map<string, string>(
      (await generateEnvironmentFiles(
        yaml.parse(await git(['show', `${branch}:environment.yaml`], bare)),
        {
          sourceLocation: `file://${path.join(publish.localRoot, 'shop-dev')}/`,
          // the entity keeps the task that created it
          taskId: yaml.parse(
            await git(['show', 'main:catalog-info.yaml'], bare),
          ).metadata.annotations['terrace.dev/scaffolder-task-id'],
        },
      )) as Map<string, string>,
    );
    const onBranch = (
      await git(['ls-tree', '-r', '--name-only', branch], bare)
    ).split('\n');
    expect(onBranch.sort()).toEqual(
      [...expected.keys(), `.terrace/changes/${taskId}.md`].sort(),
    );
    for (const [file, content] of expected) {
      expect({
        file,
        content: await git(['show', `${branch}:${file}`], bare),
      }).toEqual({ file, content: content.trimEnd() });
    }
    const spec = yaml.parse(
      await git(['show', `${branch}:environment.yaml`], bare),
    );
    expect(spec.spec.components.map((c: any) => c.name)).toEqual([
      'db',
      'assets',
      'cache',
    ]);
    expect(
      onBranch.some(f => /^terraform\/.*\.tf$/.test(f)) &&
        (await git(['diff', '--name-only', 'main', branch], bare)).split('\n'),
    ).toEqual(
      expect.arrayContaining([
        'environment.yaml',
        'README.md',
        'cost.json',
        `.terrace/changes/${taskId}.md`,
      ]),
    );
    // main is untouched: the change waits for review
    expect(
      yaml.parse(await git(['show', 'main:environment.yaml'], bare)).spec
        .components,
    ).toHaveLength(2);

    // the description: the plan summary (skipped for ci, with why) and + lines with the amounts
    const description = await git(
      ['show', `${branch}:.terrace/changes/${taskId}.md`],
      bare,
    );
    expect(ctx.output).toHaveBeenCalledWith('description', `${description}\n`);
    expect(description).toContain(
      "**Plan skipped:** the ci executor plans in the repository's workflow (.github/workflows/terraform.yml) on the pull request, not here",
    );
    const delta = estimateCostDelta(
      yaml.parse(await git(['show', 'main:environment.yaml'], bare)),
      spec,
    );
    if (!delta.ok) throw new Error(delta.reason);
    const added = delta.lines.filter(l => l.component === 'cache');
    expect(added.length).toBeGreaterThan(0);
    for (const line of added) {
      expect(description).toContain(
        `| + cache | ${line.item} | \`${
          line.resource
        }\` | $0.00 | $${line.after.toFixed(2)} | +$${line.after.toFixed(2)} |`,
      );
    }
    expect(description).toContain(
      `${delta.total.before.toFixed(2)} → ${delta.total.after.toFixed(
        2,
      )} (+${delta.total.difference.toFixed(2)})`,
    );
    expect(ctx.output).toHaveBeenCalledWith('branch', branch);
    expect(ctx.output).toHaveBeenCalledWith('costDelta', delta);
    expect(ctx.output).toHaveBeenCalledWith(
      'planSummary',
      "Plan skipped: the ci executor plans in the repository's workflow (.github/workflows/terraform.yml) on the pull request, not here",
    );

    // the history event carries the totals
    expect(events).toEqual([
      {
        environment: 'shop-dev',
        kind: 'change',
        at: '2026-12-01T10:00:00.000Z',
        actor: expect.any(String),
        summary: expect.stringMatching(/^Plan skipped: /),
        costDelta: delta.total,
        taskId,
      },
    ]);
  });

  it('refuses to remove the postgres without acknowledgeDataLoss, naming it, and writes nothing', async () => {
    const action = createChangeEnvironmentAction({
      generate: generateEnvironmentFiles,
      publish,
      terraform,
    });
    const input = { ...FORM, components: [FORM.components[1]] };
    const refused = action.handler(mockContext({ input, workspacePath }));
    await expect(refused).rejects.toThrow(InputError);
    await expect(refused).rejects.toThrow(
      /^acknowledgeDataLoss: this change would lose data: component db \(postgres\) removed\./,
    );
    expect(await branches()).toEqual(['main']);
    // the clone in the workspace is as the repository has it
    expect(await git(['status', '--porcelain'], workspacePath)).toBe('');

    // with the acknowledgement it is proposed, and the description says what is lost
    const other = path.join(root, 'workspace-2');
    await fs.mkdir(other);
    const ctx = mockContext({
      input: { ...input, acknowledgeDataLoss: true },
      workspacePath: other,
    });
    await action.handler(ctx);
    const description = (ctx.output as jest.Mock).mock.calls.find(
      c => c[0] === 'description',
    )[1];
    expect(description).toContain(
      '> **⚠ DATA LOSS ACKNOWLEDGED:** this change removes or replaces data stores:\n>\n> - component db (postgres): **removed**',
    );
    expect(description).toMatch(/\| - db \| .* \| -\$\d/);
    const branch = `terrace/change-${ctx.task.id}`;
    const files = (
      await git(['diff', '--name-status', 'main', branch], bare)
    ).split('\n');
    // the database's own Terraform is gone from the branch
    expect(files.filter(f => f.startsWith('D\t'))).not.toEqual([]);
  });

  it('names each problem of the new spec by field, and a repository that does not exist; nothing is pushed', async () => {
    const action = createChangeEnvironmentAction({
      generate: generateEnvironmentFiles,
      publish,
      terraform,
    });
    await expect(
      action.handler(
        mockContext({
          input: {
            ...FORM,
            components: [
              ...FORM.components,
              { name: 'cache', type: 'redis', size: 'huge' },
            ],
          },
          workspacePath,
        }),
      ),
    ).rejects.toThrow(/spec\.components\[2\]\.size/);
    await expect(
      action.handler(
        mockContext({
          input: { ...FORM, name: 'shop-nope' },
          workspacePath: path.join(root, 'empty'),
        }),
      ),
    ).rejects.toThrow(
      /^name: there is no local repository "shop-nope.git" with branch main/,
    );
    expect(await branches()).toEqual(['main']);
  });
});
