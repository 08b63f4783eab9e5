import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createFetchEnvironmentAction } from './fetchEnvironment';
import { git } from './git';
import { exampleWorkspace, runExamples } from './__testUtils__/examples';

jest.setTimeout(60_000);

describe('terrace:environment:fetch examples', () => {
  it('clone the local repository of the picked environment', async () => {
    const ws = await exampleWorkspace();
    try {
      // a local repository as terrace:git:publish leaves it: bare repository and checkout
      const localRoot = path.join(ws.root, 'repos');
      const bare = path.join(localRoot, 'shop-dev.git');
      await fs.mkdir(bare, { recursive: true });
      await git(['init', '--bare', '--quiet', '--initial-branch=main'], bare);
      const source = path.join(ws.root, 'source');
      await fs.mkdir(source);
      await fs.writeFile(path.join(source, 'environment.yaml'), 'kind: Environment\n');
      await git(['init', '--quiet', '--initial-branch=main'], source);
      await git(['add', '--all'], source);
      await git(['commit', '--quiet', '-m', 'Create'], source, {
        GIT_AUTHOR_NAME: 'T',
        GIT_AUTHOR_EMAIL: 't@localhost',
        GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@localhost',
      });
      await git(['push', '--quiet', bare, 'HEAD:refs/heads/main'], source);
      const catalog = catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: {
              name: 'shop-dev',
              namespace: 'default',
              annotations: {
                'backstage.io/source-location': `url:${
                  pathToFileURL(path.join(localRoot, 'shop-dev')).href
                }`,
              },
            },
            spec: { type: 'environment', owner: 'group:default/shop' },
          },
        ],
      });
      const target = 'fetched';
      await runExamples(
        createFetchEnvironmentAction({
          catalog,
          publish: {
            localRoot,
            defaultBranch: 'main',
            authorName: 'Terrace',
            authorEmail: 'terrace@localhost',
          },
        }),
        ws.workspacePath,
        // the EntityPicker's value, and a folder of its own in the example workspace
        input => ({ ...input, entityRef: 'resource:default/shop-dev', targetPath: target }),
        async ctx => {
          expect(ctx.output).toHaveBeenCalledWith('name', 'shop-dev');
          expect(
            await fs.readFile(
              path.join(ws.workspacePath, target, 'environment.yaml'),
              'utf8',
            ),
          ).toBe('kind: Environment\n');
        },
      );
    } finally {
      await ws.remove();
    }
  });
});
