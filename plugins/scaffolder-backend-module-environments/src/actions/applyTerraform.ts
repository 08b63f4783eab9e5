import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_ACCOUNT_ID,
  ANNOTATION_CLOUD,
  cloudProfiles,
  environmentApplyPermission,
  type Cloud,
  type Tier,
} from '@terrace/plugin-environments-common';
import type {
  ApprovalGate,
  ConfiguredAccounts,
  EnvironmentHistoryRecorder,
  TerraformExecutorKind,
  TerraformRunResult,
} from '@terrace/plugin-environments-node';
import yaml from 'yaml';
import { createExecutor, type TerraformSettings } from '../config';
import { examples } from './applyTerraform.examples';
import { insideWorkspace } from './publishGit';
import { creationCostDelta } from './history';
import { withUserFacingErrors } from './userErrors';

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

/**
 * What happens next for an environment left to CI, told truthfully: the repository's workflow
 * (`.github/workflows/terraform.yml`) plans on pull request and applies on merge to main, where
 * that repository's CI runs. A local repository has no CI: nothing will apply it. Undefined when
 * the repository is not known (the executor's own message stands).
 */
export function ciSummary(
  environment: string,
  repository: string | undefined,
): string | undefined {
  if (!repository) return undefined;
  const workflow = '.github/workflows/terraform.yml';
  if (
    repository.startsWith('file:') ||
    repository.startsWith('/') ||
    repository.startsWith('.')
  ) {
    const where = repository.startsWith('file:')
      ? decodeURIComponent(new URL(repository).pathname)
      : repository;
    return `Nothing will apply environment "${environment}" yet: the ci executor leaves the apply to the repository's workflow (${workflow}, apply on merge to main), but the repository is a local git repository (${where}) where no CI runs. Push it to a GitHub repository to have its workflow apply it, or create it again with the local executor.`;
  }
  const web = repository
    .replace(/^git@([^:]+):/, 'https://$1/')
    .replace(/\.git$/, '');
  return `Not applied here: the workflow ${workflow} in ${web} plans on pull request and applies on merge to main; follow it at ${web}/actions.`;
}

/**
 * The cloud and account the repository in the workspace was generated for: the annotations
 * `terrace.dev/cloud` and `terrace.dev/account-id` of its `catalog-info.yaml`; empty when the
 * file is absent or names neither.
 */
async function repositoryPlacement(
  workspacePath: string,
): Promise<{ cloud?: Cloud; accountId?: string }> {
  let text: string;
  try {
    text = await fs.readFile(
      path.join(workspacePath, 'catalog-info.yaml'),
      'utf8',
    );
  } catch {
    return {};
  }
  const annotations: Record<string, unknown> =
    yaml.parse(text)?.metadata?.annotations ?? {};
  const cloud = annotations[ANNOTATION_CLOUD];
  const accountId = annotations[ANNOTATION_ACCOUNT_ID];
  return {
    cloud:
      typeof cloud === 'string' && cloud in cloudProfiles
        ? (cloud as Cloud)
        : undefined,
    accountId: typeof accountId === 'string' ? accountId : undefined,
  };
}

/**
 * The `accountId` input checked before anything runs: one of the configured accounts of the
 * repository's cloud (of any cloud when the workspace has no catalog-info.yaml), and the account
 * the repository was generated for when it names one. `InputError` naming `accountId` otherwise.
 */
async function checkAccount(
  accountId: string,
  accounts: ConfiguredAccounts | undefined,
  workspacePath: string,
): Promise<void> {
  if (!accounts) {
    throw new InputError(
      `accountId: "${accountId}" cannot be checked: no accounts are configured for this action`,
    );
  }
  const placed = await repositoryPlacement(workspacePath);
  if (placed.cloud) {
    accounts.choose(placed.cloud, accountId);
  } else if (
    !accounts.all().some(c => c.accounts.some(a => a.id === accountId))
  ) {
    throw new InputError(
      `accountId: "${accountId}" is not among the accounts configured for new environments (aws.accounts)`,
    );
  }
  if (placed.accountId && placed.accountId !== accountId) {
    throw new InputError(
      `accountId: "${accountId}" is not the account the repository was generated for (${ANNOTATION_ACCOUNT_ID} "${placed.accountId}" in catalog-info.yaml); generate it again with accountId "${accountId}"`,
    );
  }
}

/**
 * `terrace:terraform:apply`: init, plan (saved), apply of that plan, with the configured executor.
 * Dry-run plans only. Applying needs the apply permission; a `prod` apply also waits on `approvals`
 * until someone other than the task's user approves it (refused without a gate or a user). After
 * an apply, a `create` event goes to `history` with the cost delta (0 to cost.json's `monthly`),
 * unless `recordHistory` is false (a later step records it, e.g. an applied change).
 */
export function createApplyTerraformAction(options: {
  settings: TerraformSettings;
  permissions: PermissionsService;
  /** The configured accounts, for the `accountId` input (refused without them). */
  accounts?: ConfiguredAccounts;
  /** Where the apply is recorded in the environment's history; none: not recorded. */
  history?: EnvironmentHistoryRecorder;
  /** The second person's approval of a `prod` apply; none: `prod` is refused. */
  approvals?: ApprovalGate;
  /**
   * The tiers whose applies wait on `approvals` (`terrace.approvals.tiers`). Default `['prod']`;
   * `[]`: none waits.
   */
  approvalTiers?: readonly Tier[];
}) {
  const approvalTiers = options.approvalTiers ?? ['prod'];
  const { settings, permissions } = options;
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:terraform:apply',
      description:
        'Runs terraform init, plan (saved) and apply of that plan for an environment, with the configured executor (local, ci or hcp). Dry-run plans only.',
      examples,
      supportsDryRun: true,
      schema: {
        input: {
          environment: z =>
            z
              .string({ description: 'Environment name (the lock key)' })
              .regex(
                ENVIRONMENT_NAME,
                'must be an environment name, e.g. shop-staging',
              ),
          tier: z =>
            z.enum(['dev', 'staging', 'prod'], {
              description: 'The environment tier',
            }),
          workingDirectory: z =>
            z
              .string({
                description:
                  'Terraform root module, relative to the workspace. Default `terraform`',
              })
              .optional(),
          executor: z =>
            z
              .enum(['local', 'ci', 'hcp'], {
                description:
                  'Where Terraform runs. Default: terrace.terraform.executor',
              })
              .optional(),
          approved: z =>
            z
              .boolean({
                description:
                  'Deprecated, ignored: a prod apply waits for the approval of a second person in the portal',
              })
              .optional(),
          planOnly: z =>
            z.boolean({ description: 'Plan without applying' }).optional(),
          recordHistory: z =>
            z
              .boolean({
                description:
                  "Record the apply as the environment's create event (default true); false when a later step records it, e.g. terrace:environment:push records an applied change",
              })
              .optional(),
          variables: z =>
            z
              .record(z.string(), z.string(), {
                description:
                  'Root module variables (TF_VAR_*), for this run only',
              })
              .optional(),
          accountId: z =>
            z
              .string({
                description:
                  "The account the environment is placed in, as the generate step chose it: checked against the configured accounts (aws.accounts) and the repository's terrace.dev/account-id before Terraform runs",
              })
              .optional(),
          repository: z =>
            z
              .string({
                description:
                  'The git remote the environment was published to (for the ci executor to say where its workflow runs)',
              })
              .optional(),
          credentials: z =>
            z
              .record(z.string(), z.string(), {
                description:
                  'Environment variables for this run only, e.g. cloud credentials from task secrets; masked in the log',
              })
              .optional(),
        },
        output: {
          executor: z => z.string({ description: 'local, ci or hcp' }),
          status: z =>
            z.string({ description: 'applied, planned or delegated' }),
          summary: z =>
            z.string({ description: 'One-line result, with the plan summary' }),
          add: z => z.number({ description: 'Resources to add' }).optional(),
          change: z =>
            z.number({ description: 'Resources to change' }).optional(),
          destroy: z =>
            z.number({ description: 'Resources to destroy' }).optional(),
          outputs: z =>
            z
              .record(z.string(), z.unknown(), {
                description: 'Non-sensitive root module outputs',
              })
              .optional(),
          runUrl: z =>
            z.string({ description: 'Link to the run (hcp)' }).optional(),
        },
      },
      async handler(ctx) {
        const { environment, tier } = ctx.input;
        const kind: TerraformExecutorKind =
          ctx.input.executor ?? settings.executor;
        if (!settings.allowedExecutors.includes(kind)) {
          throw new NotAllowedError(
            `executor: "${kind}" is not allowed here (terrace.terraform.allowedExecutors: ${settings.allowedExecutors.join(
              ', ',
            )})`,
          );
        }
        for (const name of Object.keys(ctx.input.variables ?? {})) {
          if (!VARIABLE_NAME.test(name)) {
            throw new InputError(
              `variables.${name}: not a valid Terraform variable name`,
            );
          }
        }
        for (const name of Object.keys(ctx.input.credentials ?? {})) {
          if (!ENV_NAME.test(name) || name.startsWith('TF_')) {
            throw new InputError(
              `credentials.${name}: must be an upper-case environment variable name not starting with TF_`,
            );
          }
        }
        const accountId = ctx.input.accountId || undefined;
        if (accountId) {
          await checkAccount(accountId, options.accounts, ctx.workspacePath);
        }
        const workingDirectory = insideWorkspace(
          ctx.workspacePath,
          ctx.input.workingDirectory ?? 'terraform',
          'workingDirectory',
        );
        const planOnly = !!ctx.isDryRun || !!ctx.input.planOnly;

        if (ctx.input.approved !== undefined) {
          ctx.logger.warn(
            'approved: this input is deprecated and ignored; a prod apply waits for the approval of a second person in the portal',
          );
        }
        const requester = ctx.user?.ref;
        const needsApproval = approvalTiers.includes(tier);
        if (!planOnly && kind !== 'ci' && needsApproval) {
          // refused before anything runs, naming what is missing
          if (!options.approvals) {
            throw new NotAllowedError(
              `environment "${environment}" is tier ${tier}: applying it needs a second person's approval, and this portal has no approval gate for terrace:terraform:apply`,
            );
          }
          if (!requester) {
            throw new NotAllowedError(
              `environment "${environment}" is tier ${tier}: applying it needs a second person's approval, which needs to know who asked; this task has no user (run it from the portal, signed in)`,
            );
          }
        }
        if (!planOnly && kind !== 'ci') {
          const [decision] = await permissions.authorize(
            [{ permission: environmentApplyPermission }],
            { credentials: await ctx.getInitiatorCredentials() },
          );
          if (decision.result !== AuthorizeResult.ALLOW) {
            throw new NotAllowedError(
              `You are not allowed to apply environment "${environment}" (permission ${environmentApplyPermission.name})`,
            );
          }
          if (needsApproval && options.approvals && requester) {
            const gate = options.approvals;
            // a retried task does not ask again once approved
            await ctx.checkpoint({
              key: `terrace.approval.apply.${environment}`,
              fn: async () =>
                JSON.parse(
                  JSON.stringify(
                    await gate.waitForApproval({
                      environment,
                      action: 'apply',
                      requestedBy: requester,
                      taskId: ctx.task.id,
                      log: line => ctx.logger.info(line),
                      signal: ctx.signal,
                    }),
                  ),
                ),
            });
          }
        }

        if (ctx.isDryRun && kind === 'hcp') {
          // a plan on HCP Terraform would create the workspace and its variables: not in a dry run
          const summary = `Dry run: would plan and apply environment "${environment}" on HCP Terraform`;
          ctx.logger.info(summary);
          ctx.output('executor', kind);
          ctx.output('status', 'planned');
          ctx.output('summary', summary);
          return;
        }
        const executor = createExecutor(
          kind,
          settings,
          `scaffolder task ${ctx.task.id}`,
        );
        const run = async (): Promise<TerraformRunResult> => {
          ctx.logger.info(
            `Terraform ${planOnly ? 'plan' : 'apply'} for ${environment}${
              accountId ? ` in account ${accountId}` : ''
            } with the ${kind} executor${
              ctx.isDryRun ? ' (dry run: plan only)' : ''
            }`,
          );
          return executor.run({
            environment,
            workingDirectory,
            repositoryRoot: ctx.workspacePath,
            variables: ctx.input.variables,
            env: ctx.input.credentials,
            planOnly,
            timeoutMs: settings.timeoutMs,
            signal: ctx.signal,
            log: line => ctx.logger.info(line),
          });
        };
        // A retried task must not apply twice: the result of a finished apply is kept.
        const result = planOnly
          ? await run()
          : ((await ctx.checkpoint({
              key: `terrace.terraform.apply.${environment}`,
              fn: async () => JSON.parse(JSON.stringify(await run())),
            })) as unknown as TerraformRunResult);

        const summary =
          result.executor === 'ci' && result.status === 'delegated'
            ? ciSummary(environment, ctx.input.repository) ?? result.message
            : result.message;
        if (summary !== result.message) ctx.logger.warn(summary);
        ctx.output('executor', result.executor);
        ctx.output('status', result.status);
        ctx.output('summary', summary);
        if (result.plan) {
          ctx.output('add', result.plan.add);
          ctx.output('change', result.plan.change);
          ctx.output('destroy', result.plan.destroy);
        }
        if (result.outputs) {
          ctx.output(
            'outputs',
            Object.fromEntries(
              Object.entries(result.outputs)
                .filter(([, o]) => !o.sensitive)
                .map(([k, o]) => [k, o.value]),
            ),
          );
        }
        if (result.runUrl) ctx.output('runUrl', result.runUrl);
        if (
          result.status === 'applied' &&
          options.history &&
          ctx.input.recordHistory !== false
        ) {
          const history = options.history;
          const costDelta = await creationCostDelta(ctx.workspacePath);
          await ctx.checkpoint({
            key: `terrace.history.create.${environment}`,
            fn: async () => {
              try {
                await history.record({
                  environment,
                  kind: 'create',
                  at: new Date().toISOString(),
                  actor: requester ?? 'terrace',
                  summary: result.message,
                  ...(costDelta ? { costDelta } : {}),
                  taskId: ctx.task.id,
                });
              } catch (error) {
                // the apply stands; only its history entry is missing
                ctx.logger.warn(
                  `Could not record the apply in the history of ${environment}: ${
                    (error as Error).message
                  }`,
                );
              }
              return true;
            },
          });
        }
      },
    }),
  );
}
