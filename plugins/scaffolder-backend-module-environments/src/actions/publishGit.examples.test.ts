import path from 'node:path';
import { createPublishGitAction } from './publishGit';
import { exampleWorkspace, runExamples } from './__testUtils__/examples';

describe('terrace:git:publish examples', () => {
  it('run, each into its own local repository', async () => {
    const ws = await exampleWorkspace();
    let n = 0;
    try {
      await runExamples(
        createPublishGitAction({
          settings: {
            localRoot: path.join(ws.root, 'repos'),
            defaultBranch: 'main',
            authorName: 'Terrace',
            authorEmail: 'terrace@localhost',
          },
        }),
        ws.workspacePath,
        input => ({ ...input, name: `${input.name}-${++n}` }),
        ctx =>
          expect(ctx.output).toHaveBeenCalledWith(
            'commitHash',
            expect.stringMatching(/^[0-9a-f]{40}$/),
          ),
      );
    } finally {
      await ws.remove();
    }
  });
});
