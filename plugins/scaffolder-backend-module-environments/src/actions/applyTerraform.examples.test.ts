import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import { createApplyTerraformAction } from './applyTerraform';
import { exampleWorkspace, runExamples } from './__testUtils__/examples';

jest.setTimeout(120_000);

describe('terrace:terraform:apply examples', () => {
  it('run with real terraform on a provider-free module', async () => {
    const ws = await exampleWorkspace();
    try {
      await runExamples(
        createApplyTerraformAction({
          settings: {
            executor: 'local',
            allowedExecutors: ['local', 'ci'],
            binary: process.env.TERRACE_TERRAFORM_BIN ?? 'terraform',
            timeoutMs: 60_000,
            locks: new EnvironmentLocks(path.join(ws.root, 'locks')),
            local: { overrideFiles: [], backendConfigFiles: [] },
          },
          permissions: mockServices.permissions({
            result: AuthorizeResult.ALLOW,
          }),
        }),
        ws.workspacePath,
        // the form's approval checkbox, ticked
        input => ({
          ...input,
          approved:
            input.approved === '${{ parameters.approved }}'
              ? true
              : input.approved,
        }),
        ctx =>
          expect(ctx.output).toHaveBeenCalledWith(
            'status',
            expect.stringMatching(/^(applied|planned)$/),
          ),
      );
    } finally {
      await ws.remove();
    }
  });
});
