import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import { generateEnvironmentFiles } from '../generator';
import { createChangeEnvironmentAction } from './changeEnvironment';
import { createLocalEnvironment } from './__testUtils__';
import { runExamples } from './__testUtils__/examples';
import { git } from './git';

// git and the generator run for real: generous on a shared machine
jest.setTimeout(60_000);

describe('terrace:environment:change examples', () => {
  it('run, each against the local repository of shop-dev, each on its own branch', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-change-ex-'));
    const publish = {
      localRoot: path.join(root, 'repos'),
      defaultBranch: 'main',
      authorName: 'Terrace',
      authorEmail: 'terrace@localhost',
    };
    try {
      await createLocalEnvironment(root, publish, {
        name: 'shop-dev',
        owner: 'group:default/shop',
        cloud: 'aws',
        region: 'ap-southeast-2',
        tier: 'dev',
        components: [{ name: 'db', type: 'postgres' }],
      });
      const workspacePath = path.join(root, 'workspace');
      await fs.mkdir(workspacePath);
      let n = 0;
      const descriptions: string[] = [];
      await runExamples(
        createChangeEnvironmentAction({
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
        }),
        workspacePath,
        // each example clones into a folder of its own
        input => ({ ...input, sourcePath: `example-${++n}` }),
        async ctx => {
          const description = (ctx.output as jest.Mock).mock.calls.find(
            c => c[0] === 'description',
          )[1];
          descriptions.push(description);
          expect(ctx.output).toHaveBeenCalledWith(
            'branch',
            expect.stringMatching(/^terrace\/change-/),
          );
          // the next example is another task: the mock task id is the same, so free its branch
          await git(
            ['branch', '-D', `terrace/change-${ctx.task.id}`],
            path.join(publish.localRoot, 'shop-dev.git'),
          );
        },
      );
      if (process.env.TERRACE_SHOW_DESCRIPTIONS) {
        // eslint-disable-next-line no-console
        console.log(descriptions.join('\n-----\n'));
      }
      expect(descriptions[0]).toMatch(/\| \+ cache \|/);
      expect(descriptions[1]).toMatch(/\| - db \|/);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
