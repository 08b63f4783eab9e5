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
    const approvalsAsked: string[] = [];
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
          // a second person approves at once
          approvals: {
            waitForApproval: async request => {
              approvalsAsked.push(request.environment);
              return {
                id: 'a-1',
                environment: request.environment,
                action: request.action,
                requestedBy: request.requestedBy,
                requestedAt: '2026-12-01T12:00:00.000Z',
                status: 'approved',
                decidedBy: 'user:default/bob',
                decidedAt: '2026-12-01T12:01:00.000Z',
              };
            },
          },
        }),
        ws.workspacePath,
        input => input,
        ctx =>
          expect(ctx.output).toHaveBeenCalledWith(
            'status',
            expect.stringMatching(/^(applied|planned)$/),
          ),
        { user: { ref: 'user:default/alice' } },
      );
      expect(approvalsAsked).toEqual(['shop-prod']);
    } finally {
      await ws.remove();
    }
  });
});
