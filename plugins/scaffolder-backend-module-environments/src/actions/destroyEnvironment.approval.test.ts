import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EnvironmentApproval } from '@terrace/plugin-environments-common';
import {
  EnvironmentLocks,
  type ApprovalGate,
  type ApprovalRequest,
} from '@terrace/plugin-environments-node';
import { createDestroyEnvironmentAction } from './destroyEnvironment';
import { mockContext } from './__testUtils__';

jest.setTimeout(120_000);

const PROD_SPEC = [
  'apiVersion: terrace.dev/v1alpha1',
  'kind: Environment',
  'metadata: { name: shop-prod, owner: group:default/shop }',
  'spec:',
  '  cloud: aws',
  '  region: ap-southeast-2',
  '  tier: prod',
  '  components: [{ name: app, type: secrets, names: [api-key] }]',
].join('\n');

// A prod destroy with the approval gate wired: real terraform on a provider-free module with
// local state (one terraform_data resource, applied first), so the plan shown before the wait
// and the destroy after it are Terraform's own. The gate is the interface's contract: resolve
// with an approval, or reject with NotAllowedError.
describe('terrace:environment:destroy of a prod environment with an approval gate', () => {
  let root: string;
  let workspacePath: string;
  const binary = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-destroy-prod-'));
    workspacePath = path.join(root, 'workspace');
    await fs.mkdir(path.join(workspacePath, 'terraform'), { recursive: true });
    await fs.mkdir(path.join(root, 'repos'));
    await fs.writeFile(path.join(workspacePath, 'environment.yaml'), PROD_SPEC);
    await fs.writeFile(
      path.join(workspacePath, 'terraform', 'main.tf'),
      'resource "terraform_data" "x" {\n  input = "prod"\n}\n',
    );
    const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
    const cwd = path.join(workspacePath, 'terraform');
    execFileSync(binary, ['init', '-input=false'], { cwd, env });
    execFileSync(binary, ['apply', '-auto-approve', '-input=false'], { cwd, env });
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const state = async () =>
    JSON.parse(
      await fs.readFile(
        path.join(workspacePath, 'terraform', 'terraform.tfstate'),
        'utf8',
      ),
    ).resources.length;

  function destroyWith(approvals: ApprovalGate) {
    return createDestroyEnvironmentAction({
      settings: {
        executor: 'local',
        allowedExecutors: ['local'],
        binary,
        timeoutMs: 60_000,
        locks: new EnvironmentLocks(path.join(root, 'locks')),
        local: { overrideFiles: [], backendConfigFiles: [] },
      },
      publish: {
        localRoot: path.join(root, 'repos'),
        defaultBranch: 'main',
        authorName: 'Terrace',
        authorEmail: 'terrace@localhost',
      },
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      catalog: catalogServiceMock.mock({
        getLocationByEntity: jest.fn().mockResolvedValue(undefined),
        getEntityByRef: jest.fn().mockResolvedValue(undefined),
      }),
      approvals,
    });
  }

  const logLines: string[] = [];
  const logger = () => {
    logLines.length = 0;
    const push = (m: unknown) => void logLines.push(String(m));
    return { info: push, warn: push, error: push, debug: push, child: () => logger() } as any;
  };
  const input = { environment: 'shop-prod', confirmName: 'shop-prod' };
  const user = { ref: 'user:default/alice' } as any;

  it('shows the destroy plan, waits for the approval, then destroys', async () => {
    const requests: ApprovalRequest[] = [];
    const action = destroyWith({
      async waitForApproval(request) {
        requests.push(request);
        // the plan was in the log before anyone was asked
        expect(logLines).toContain('Destroy plan: Plan: 0 to add, 0 to change, 1 to destroy.');
        expect(await state()).toBe(1);
        return {
          id: 'a-1',
          environment: 'shop-prod',
          action: 'destroy',
          requestedBy: request.requestedBy,
          requestedAt: '2026-12-01T14:00:00Z',
          status: 'approved',
          decidedBy: 'user:default/bob',
          decidedAt: '2026-12-01T14:03:00Z',
        } satisfies EnvironmentApproval;
      },
    });
    const ctx = mockContext({ input, workspacePath, logger: logger(), user });
    await action.handler(ctx);
    expect(requests.map(r => [r.environment, r.action, r.requestedBy])).toEqual([
      ['shop-prod', 'destroy', 'user:default/alice'],
    ]);
    expect(logLines).toContain(
      'Destroy of "shop-prod" approved by user:default/bob at 2026-12-01T14:03:00Z',
    );
    expect(ctx.output).toHaveBeenCalledWith('status', 'destroyed');
    expect(await state()).toBe(0);
  });

  it('destroys nothing when the approval is refused', async () => {
    const action = destroyWith({
      async waitForApproval() {
        throw new NotAllowedError('Destroy of shop-prod was rejected by user:default/bob');
      },
    });
    const error = await action
      .handler(mockContext({ input, workspacePath, logger: logger(), user }))
      .catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(await state()).toBe(1);
  });
});
