import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import { createDestroyEnvironmentAction } from './destroyEnvironment';
import { exampleWorkspace, runExamples } from './__testUtils__/examples';

jest.setTimeout(180_000);

describe('terrace:environment:destroy examples', () => {
  it('run with real terraform on a provider-free module', async () => {
    const ws = await exampleWorkspace();
    try {
      const localRoot = path.join(ws.root, 'repos');
      await fs.mkdir(localRoot);
      await runExamples(
        createDestroyEnvironmentAction({
          settings: {
            executor: 'local',
            allowedExecutors: ['local', 'ci'],
            binary: process.env.TERRACE_TERRAFORM_BIN ?? 'terraform',
            timeoutMs: 60_000,
            locks: new EnvironmentLocks(path.join(ws.root, 'locks')),
            local: { overrideFiles: [], backendConfigFiles: [] },
          },
          publish: {
            localRoot,
            defaultBranch: 'main',
            authorName: 'Terrace',
            authorEmail: 'terrace@localhost',
          },
          permissions: mockServices.permissions({
            result: AuthorizeResult.ALLOW,
          }),
          catalog: catalogServiceMock.mock({
            getLocationByEntity: jest.fn().mockResolvedValue(undefined),
            getEntityByRef: jest.fn().mockResolvedValue(undefined),
          }),
        }),
        ws.workspacePath,
        // the name typed in the form
        input => ({
          ...input,
          confirmName:
            input.confirmName === '${{ parameters.confirmName }}'
              ? input.environment
              : input.confirmName,
        }),
        ctx =>
          expect(ctx.output).toHaveBeenCalledWith('status', 'destroyed'),
      );
    } finally {
      await ws.remove();
    }
  });
});
