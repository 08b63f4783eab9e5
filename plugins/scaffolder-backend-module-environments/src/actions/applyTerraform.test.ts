import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  EnvironmentApproval,
  EnvironmentEvent,
} from '@terrace/plugin-environments-common';
import {
  ConfiguredAccounts,
  EnvironmentLocks,
  type ApprovalGate,
  type ApprovalRequest,
} from '@terrace/plugin-environments-node';
import type { TerraformSettings } from '../config';
import { ciSummary, createApplyTerraformAction } from './applyTerraform';
import { checkpointStore, mockContext } from './__testUtils__';

jest.setTimeout(120_000);

const binary = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';
const SECRET = 'tok-93b1d2e07aa5-never-logged';

const MAIN_TF = `
variable "api_token" {
  type      = string
  sensitive = true
}

resource "terraform_data" "app" {
  input = var.api_token
}

output "id" {
  value = terraform_data.app.id
}
`;

describe('terrace:terraform:apply', () => {
  let root: string;
  let workspacePath: string;
  let settings: TerraformSettings;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-apply-'));
    workspacePath = path.join(root, 'workspace');
    await fs.mkdir(path.join(workspacePath, 'terraform'), { recursive: true });
    await fs.writeFile(
      path.join(workspacePath, 'terraform', 'main.tf'),
      MAIN_TF,
    );
    settings = {
      executor: 'local',
      allowedExecutors: ['local', 'ci'],
      binary,
      timeoutMs: 60_000,
      locks: new EnvironmentLocks(path.join(root, 'locks')),
      local: { overrideFiles: [], backendConfigFiles: [] },
    };
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const allow = () =>
    mockServices.permissions({ result: AuthorizeResult.ALLOW });
  const deny = () => mockServices.permissions({ result: AuthorizeResult.DENY });
  const logged = (ctx: { logger: any }) =>
    (ctx.logger.info as jest.Mock).mock.calls.map(c => String(c[0])).join('\n');

  function loggerSpy() {
    return {
      info: jest.fn(),
      warn: jest.fn(),
      error: jest.fn(),
      debug: jest.fn(),
      child: jest.fn(),
    } as any;
  }

  it('applies locally: plan summary and outputs in the task output, every line in the log, secrets masked', async () => {
    const logger = loggerSpy();
    const ctx = mockContext({
      input: {
        environment: 'shop-dev',
        tier: 'dev',
        variables: { api_token: SECRET },
      },
      workspacePath,
      logger,
    });
    await createApplyTerraformAction({
      settings,
      permissions: allow(),
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('status', 'applied');
    expect(ctx.output).toHaveBeenCalledWith('add', 1);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'Applied. Plan: 1 to add, 0 to change, 0 to destroy.',
    );
    expect(ctx.output).toHaveBeenCalledWith('outputs', {
      id: expect.any(String),
    });
    const log = logged(ctx);
    expect(log).toContain('Terraform has been successfully initialized!');
    expect(log).toContain(
      'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.',
    );
    expect(log).not.toContain(SECRET);
  });

  it('plans only in a dry run', async () => {
    const ctx = mockContext({
      input: {
        environment: 'shop-dev',
        tier: 'prod',
        variables: { api_token: SECRET },
      },
      workspacePath,
      isDryRun: true,
    });
    // prod without approval, and no permission: a dry run still plans
    await createApplyTerraformAction({ settings, permissions: deny() }).handler(
      ctx,
    );
    expect(ctx.output).toHaveBeenCalledWith('status', 'planned');
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'Plan: 1 to add, 0 to change, 0 to destroy.',
    );
    await expect(
      fs.stat(path.join(workspacePath, 'terraform', 'terraform.tfstate')),
    ).rejects.toThrow();
  });

  it('calls nothing on HCP Terraform in a dry run', async () => {
    const ctx = mockContext({
      input: { environment: 'shop-dev', tier: 'dev', executor: 'hcp' },
      workspacePath,
      isDryRun: true,
    });
    const hcpSettings = {
      ...settings,
      allowedExecutors: ['hcp' as const],
      // an address nothing listens on: any call would fail the test
      hcp: {
        address: 'http://127.0.0.1:9',
        token: 't',
        organization: 'acme',
        workspacePrefix: 'terrace-',
      },
    };
    await createApplyTerraformAction({
      settings: hcpSettings,
      permissions: deny(),
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('status', 'planned');
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'Dry run: would plan and apply environment "shop-dev" on HCP Terraform',
    );
  });

  /** A gate that holds the apply until the test decides, as a second person would in the portal. */
  function fakeGate() {
    const requests: ApprovalRequest[] = [];
    let decide: (approval: EnvironmentApproval | Error) => void = () => {};
    let asked: () => void = () => {};
    const wasAsked = new Promise<void>(resolve => {
      asked = resolve;
    });
    const gate: ApprovalGate = {
      waitForApproval: request => {
        requests.push(request);
        request.log('Waiting for approval (fake gate)');
        asked();
        return new Promise((resolve, reject) => {
          decide = a => (a instanceof Error ? reject(a) : resolve(a));
        });
      },
    };
    return { gate, requests, wasAsked, decide: (a: any) => decide(a) };
  }

  const stateFile = () =>
    path.join(workspacePath, 'terraform', 'terraform.tfstate');

  it('refuses a prod apply without an approval gate, and without a user to ask for', async () => {
    const noGate = await createApplyTerraformAction({
      settings,
      permissions: allow(),
    })
      .handler(
        mockContext({
          input: { environment: 'shop-prod', tier: 'prod', approved: true },
          workspacePath,
          user: { ref: 'user:default/alice' },
        }),
      )
      .catch(e => e);
    expect(noGate).toBeInstanceOf(NotAllowedError);
    expect(noGate.message).toBe(
      `environment "shop-prod" is tier prod: applying it needs a second person's approval, and this portal has no approval gate for terrace:terraform:apply`,
    );
    const { gate, requests } = fakeGate();
    await expect(
      createApplyTerraformAction({
        settings,
        permissions: allow(),
        approvals: gate,
      }).handler(
        mockContext({
          input: { environment: 'shop-prod', tier: 'prod' },
          workspacePath,
        }),
      ),
    ).rejects.toThrow(
      'environment "shop-prod" is tier prod: applying it needs a second person\'s approval, which needs to know who asked; this task has no user (run it from the portal, signed in)',
    );
    expect(requests).toEqual([]);
    await expect(fs.stat(stateFile())).rejects.toThrow();
  });

  it('asks for approval in the tiers terrace.approvals.tiers names: none with [], staging with [staging]', async () => {
    const ctx = mockContext({
      input: {
        environment: 'shop-prod',
        tier: 'prod',
        variables: { api_token: SECRET },
      },
      workspacePath,
      user: { ref: 'user:default/alice' },
    });
    await createApplyTerraformAction({
      settings,
      permissions: allow(),
      approvalTiers: [],
    }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('status', 'applied');
    await fs.rm(stateFile());
    const staging = await createApplyTerraformAction({
      settings,
      permissions: allow(),
      approvalTiers: ['staging'],
    })
      .handler(
        mockContext({
          input: { environment: 'shop-staging', tier: 'staging' },
          workspacePath,
          user: { ref: 'user:default/alice' },
        }),
      )
      .catch(e => e);
    expect(staging).toBeInstanceOf(NotAllowedError);
    expect(staging.message).toBe(
      `environment "shop-staging" is tier staging: applying it needs a second person's approval, and this portal has no approval gate for terrace:terraform:apply`,
    );
    await expect(fs.stat(stateFile())).rejects.toThrow();
  });

  it('refuses to apply without the apply permission, before asking for approval', async () => {
    const { gate, requests } = fakeGate();
    const ctx = mockContext({
      input: { environment: 'shop-prod', tier: 'prod' },
      workspacePath,
      user: { ref: 'user:default/alice' },
    });
    await expect(
      createApplyTerraformAction({
        settings,
        permissions: deny(),
        approvals: gate,
      }).handler(ctx),
    ).rejects.toThrow(
      'You are not allowed to apply environment "shop-prod" (permission terrace.environment.apply)',
    );
    expect(requests).toEqual([]);
  });

  it('waits for the approval of a prod apply, applies once another user approved, and records the creation', async () => {
    await fs.writeFile(
      path.join(workspacePath, 'cost.json'),
      JSON.stringify({ currency: 'USD', monthly: 42.504, lines: [] }),
    );
    const { gate, requests, wasAsked, decide } = fakeGate();
    const recorded: EnvironmentEvent[] = [];
    const logger = loggerSpy();
    const ctx = mockContext({
      input: {
        environment: 'shop-prod',
        tier: 'prod',
        variables: { api_token: SECRET },
      },
      workspacePath,
      logger,
      user: { ref: 'user:default/alice' },
      task: { id: 'task-42' },
    });
    const running = createApplyTerraformAction({
      settings,
      permissions: allow(),
      approvals: gate,
      history: { record: async event => void recorded.push(event) },
    }).handler(ctx);
    await wasAsked;
    expect(requests).toEqual([
      expect.objectContaining({
        environment: 'shop-prod',
        action: 'apply',
        requestedBy: 'user:default/alice',
        taskId: 'task-42',
      }),
    ]);
    // nothing is applied while the approval is pending
    await expect(fs.stat(stateFile())).rejects.toThrow();
    expect(recorded).toEqual([]);
    decide({
      id: 'a-1',
      environment: 'shop-prod',
      action: 'apply',
      requestedBy: 'user:default/alice',
      requestedAt: '2026-12-01T12:00:00.000Z',
      status: 'approved',
      decidedBy: 'user:default/bob',
      decidedAt: '2026-12-01T12:05:00.000Z',
    });
    await running;
    expect(ctx.output).toHaveBeenCalledWith('status', 'applied');
    expect(logged(ctx)).toContain('Waiting for approval (fake gate)');
    expect(recorded).toEqual([
      {
        environment: 'shop-prod',
        kind: 'create',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        actor: 'user:default/alice',
        summary: 'Applied. Plan: 1 to add, 0 to change, 0 to destroy.',
        costDelta: {
          before: 0,
          after: 42.5,
          difference: 42.5,
          currency: 'USD',
        },
        taskId: 'task-42',
      },
    ]);
  });

  it('applies nothing when the approval is rejected', async () => {
    const { gate, wasAsked, decide } = fakeGate();
    const running = createApplyTerraformAction({
      settings,
      permissions: allow(),
      approvals: gate,
    }).handler(
      mockContext({
        input: { environment: 'shop-prod', tier: 'prod' },
        workspacePath,
        user: { ref: 'user:default/alice' },
      }),
    );
    await wasAsked;
    decide(
      new NotAllowedError(
        'The apply of shop-prod was rejected by user:default/bob at 2026-12-01T12:05:00.000Z',
      ),
    );
    await expect(running).rejects.toThrow(
      'The apply of shop-prod was rejected by user:default/bob',
    );
    await expect(fs.stat(stateFile())).rejects.toThrow();
  });

  it('with the ci executor applies nothing and says the workflow will', async () => {
    const ctx = mockContext({
      input: { environment: 'shop-prod', tier: 'prod', executor: 'ci' },
      workspacePath,
    });
    await createApplyTerraformAction({ settings, permissions: deny() }).handler(
      ctx,
    );
    expect(ctx.output).toHaveBeenCalledWith('status', 'delegated');
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      expect.stringContaining('applies on merge to main'),
    );
  });

  it('does not apply again when a task is retried after the apply', async () => {
    const { checkpoint } = checkpointStore();
    const action = createApplyTerraformAction({
      settings,
      permissions: allow(),
    });
    const input = {
      environment: 'shop-dev',
      tier: 'dev',
      variables: { api_token: SECRET },
    };
    await action.handler(mockContext({ input, workspacePath, checkpoint }));
    const state = await fs.readFile(
      path.join(workspacePath, 'terraform', 'terraform.tfstate'),
      'utf8',
    );
    const logger = loggerSpy();
    const retried = mockContext({ input, workspacePath, checkpoint, logger });
    await action.handler(retried);
    expect(logger.info).not.toHaveBeenCalled();
    expect(retried.output).toHaveBeenCalledWith('status', 'applied');
    expect(
      await fs.readFile(
        path.join(workspacePath, 'terraform', 'terraform.tfstate'),
        'utf8',
      ),
    ).toBe(state);
  });

  it('refuses an executor the configuration does not allow', async () => {
    const ctx = mockContext({
      input: { environment: 'shop-dev', tier: 'dev', executor: 'hcp' },
      workspacePath,
    });
    const error = await createApplyTerraformAction({
      settings,
      permissions: allow(),
    })
      .handler(ctx)
      .catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe(
      'executor: "hcp" is not allowed here (terrace.terraform.allowedExecutors: local, ci)',
    );
  });

  describe('accountId', () => {
    const accounts = ConfiguredAccounts.fromConfig(
      new ConfigReader({
        aws: {
          accounts: [
            { accountId: '111111111111' },
            { accountId: '222222222222' },
          ],
        },
      }),
    );
    /** The generated entity in the workspace, as terrace:environment:generate writes it. */
    const generatedFor = (accountId: string) =>
      fs.writeFile(
        path.join(workspacePath, 'catalog-info.yaml'),
        `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: shop-dev
  annotations:
    terrace.dev/cloud: aws
    terrace.dev/account-id: "${accountId}"
spec:
  type: environment
  owner: group:default/shop
`,
      );
    const apply = (accountId: string, logger = loggerSpy()) => {
      const ctx = mockContext({
        input: {
          environment: 'shop-dev',
          tier: 'dev',
          accountId,
          variables: { api_token: SECRET },
        },
        workspacePath,
        logger,
      });
      return {
        ctx,
        run: createApplyTerraformAction({
          settings,
          permissions: allow(),
          accounts,
        }).handler(ctx),
      };
    };

    it('refuses an account that is not configured, naming the input, before Terraform runs', async () => {
      await generatedFor('111111111111');
      const { ctx, run } = apply('333333333333');
      const error = await run.catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        'accountId: "333333333333" is not among the AWS accounts configured for new environments; choose one of 111111111111, 222222222222',
      );
      expect(ctx.logger.info).not.toHaveBeenCalled();
      expect(await fs.readdir(path.join(workspacePath, 'terraform'))).toEqual([
        'main.tf',
      ]);
    });

    it('refuses a configured account other than the one the repository was generated for', async () => {
      await generatedFor('111111111111');
      await expect(apply('222222222222').run).rejects.toThrow(
        'accountId: "222222222222" is not the account the repository was generated for (terrace.dev/account-id "111111111111" in catalog-info.yaml); generate it again with accountId "222222222222"',
      );
    });

    it('applies in the account the repository was generated for, and says which', async () => {
      await generatedFor('222222222222');
      const { ctx, run } = apply('222222222222');
      await run;
      expect(ctx.output).toHaveBeenCalledWith('status', 'applied');
      expect(logged(ctx)).toContain(
        'Terraform apply for shop-dev in account 222222222222 with the local executor',
      );
    });
  });

  it.each([
    [
      { environment: 'shop-dev', tier: 'dev', workingDirectory: '../../etc' },
      'workingDirectory: "../../etc" is outside the task workspace',
    ],
    [
      { environment: 'shop-dev', tier: 'dev', variables: { 'a b': 'x' } },
      'variables.a b: not a valid Terraform variable name',
    ],
    [
      { environment: 'shop-dev', tier: 'dev', credentials: { TF_LOG: 'x' } },
      'credentials.TF_LOG: must be an upper-case environment variable name not starting with TF_',
    ],
  ])('refuses bad input %j naming the field', async (input, message) => {
    const ctx = mockContext({ input, workspacePath });
    await expect(
      createApplyTerraformAction({ settings, permissions: allow() }).handler(
        ctx,
      ),
    ).rejects.toThrow(message);
  });
});

describe('ciSummary: what a ci run tells the user', () => {
  it('says nothing will apply an environment published to a local repository, and where it is', () => {
    expect(
      ciSummary('shop-dev', 'file:///var/terrace/repos/shop-dev.git'),
    ).toBe(
      'Nothing will apply environment "shop-dev" yet: the ci executor leaves the apply to the repository\'s workflow (.github/workflows/terraform.yml, apply on merge to main), but the repository is a local git repository (/var/terrace/repos/shop-dev.git) where no CI runs. Push it to a GitHub repository to have its workflow apply it, or create it again with the local executor.',
    );
  });

  it("points at the GitHub repository's workflow runs", () => {
    expect(ciSummary('shop-dev', 'https://github.com/acme/shop-dev.git')).toBe(
      'Not applied here: the workflow .github/workflows/terraform.yml in https://github.com/acme/shop-dev plans on pull request and applies on merge to main; follow it at https://github.com/acme/shop-dev/actions.',
    );
  });
});
