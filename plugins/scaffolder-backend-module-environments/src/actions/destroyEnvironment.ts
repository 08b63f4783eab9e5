import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  environmentDestroyPermission,
  resolveEnvironment,
  type ResolvedEnvironment,
  type Tier,
} from '@terrace/plugin-environments-common';
import {
  formatPlanSummary,
  loadAndValidateSpec,
  type ApprovalGate,
  type EnvironmentHistoryRecorder,
  type TerraformExecutorKind,
  type TerraformPlanSummary,
  TerraformCommandError,
  type TerraformRunResult,
} from '@terrace/plugin-environments-node';
import {
  createExecutor,
  type PublishSettings,
  type TerraformSettings,
} from '../config';
import { archiveLocalRepository } from '../teardown/archive';
import {
  lostDataStores,
  lostMarkdown,
  type LostDataStore,
} from '../teardown/lost';
import {
  findDestroyGuards,
  liftDestroyGuards,
  refusedGuards,
  restoreDestroyGuards,
  type DestroyGuard,
} from '../teardown/protection';
import { examples } from './destroyEnvironment.examples';
import { insideWorkspace } from './publishGit';
import { withUserFacingErrors } from './userErrors';

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

/** What the repository in the workspace says about the environment it holds. */
async function workspaceEnvironment(
  workspacePath: string,
  environment: string,
): Promise<ResolvedEnvironment> {
  const file = path.join(workspacePath, 'environment.yaml');
  if (!(await fs.stat(file).catch(() => undefined))) {
    throw new InputError(
      `environment: the workspace holds no environment.yaml; fetch the repository of environment "${environment}" first (terrace:environment:fetch)`,
    );
  }
  const loaded = await loadAndValidateSpec(file);
  if (!loaded.ok) {
    throw new InputError(
      `environment: the workspace's environment.yaml is not a valid spec (${loaded.problems
        .map(p => `${p.path}: ${p.message}`)
        .join('; ')})`,
    );
  }
  if (loaded.environment.metadata.name !== environment) {
    throw new InputError(
      `environment: the repository in the workspace is environment "${loaded.environment.metadata.name}", not "${environment}"`,
    );
  }
  return resolveEnvironment(loaded.environment);
}

/** The monthly estimate of the repository's cost.json, or undefined without one. */
async function monthlyEstimate(
  workspacePath: string,
): Promise<number | undefined> {
  try {
    const cost = JSON.parse(
      await fs.readFile(path.join(workspacePath, 'cost.json'), 'utf8'),
    );
    return typeof cost.monthly === 'number' ? cost.monthly : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What to do when the ci executor owns the environment: the repository's workflow plans on pull
 * request and applies on merge, and has no destroy job, so nothing destroys it here.
 */
export function ciDestroySummary(environment: string): string {
  return `Not destroyed: environment "${environment}" is applied by CI (executor ci), whose workflow (.github/workflows/terraform.yml) has no destroy job, so nothing was destroyed, unregistered or archived here. Run \`terraform destroy\` in the repository's terraform/ folder with the account's credentials (see the repository README), then run this template again with the local executor (it finds nothing left to destroy, then unregisters the entity and archives the repository).`;
}

/** What a guard is called in a sentence, e.g. `aws_db_instance.db.deletion_protection`. */
const guardNames = (guards: readonly DestroyGuard[]) =>
  guards.map(g => `${g.address}.${g.attribute}`).join(', ');

/**
 * After a destroy that failed with its guards lifted: puts the guards' lines back in the task's
 * copy (the repository's Terraform as published) and applies it with the same executor, so
 * deletion protection is on again (and buckets keep their objects) wherever the resources still
 * exist; whatever the failed destroy had already removed is created again by that apply, as the
 * repository describes it. Returns the error the task fails with: a `TerraformCommandError` when
 * the destroy failed in Terraform (its message first), naming the failed destroy and either the
 * restored guards or, if the restoring apply failed too, the guards left off and what to run.
 */
async function restoreAfterFailedDestroy(options: {
  environment: string;
  workingDirectory: string;
  guards: readonly DestroyGuard[];
  failure: Error;
  log: { info(message: string): void; warn(message: string): void };
  /** Applies the root module as it is in the task's copy; resolves to the run's one-line result. */
  apply: () => Promise<string>;
}): Promise<Error> {
  const { environment, guards, failure, log } = options;
  const names = guardNames(guards);
  const failed = `The destroy of environment "${environment}" failed after what stops a destroy was lifted (${names}); nothing was unregistered or archived. Terraform: ${failure.message}`;
  log.warn(
    `The destroy failed; putting back what stops a destroy (${names}): applying the repository's Terraform again`,
  );
  let restored: string;
  try {
    await restoreDestroyGuards(options.workingDirectory, guards);
    const applied = await options.apply();
    restored = `Deletion protection was restored: the repository's Terraform was applied again (${applied}), with ${names} as the repository has them. Fix the cause and run the destroy again.`;
  } catch (e) {
    restored = `Restoring deletion protection failed too (${
      (e as Error).message
    }): deletion protection is OFF on ${guards
      .map(g => g.address)
      .filter((a, i, all) => all.indexOf(a) === i)
      .join(
        ', ',
      )} (${names}), while the repository says on. To restore it, run \`terraform apply\` in the repository's terraform/ folder as published, with the account's credentials (see the repository README).`;
  }
  log.warn(restored);
  const message = `${failed}\n${restored}`;
  if (failure instanceof TerraformCommandError) {
    return new TerraformCommandError(
      message,
      failure.exitCode,
      failure.outputTail,
    );
  }
  const error = new Error(message);
  error.name = failure.name;
  return error;
}

/**
 * `terrace:environment:destroy`: tears down the environment whose repository is in the
 * workspace. In order, with nothing done before every check passed: the typed name
 * (`confirmName`), the repository's spec, the executor, the `terrace.environment.destroy`
 * permission, and what stops a destroy: deletion protection (refused unless
 * `liftDeletionProtection: true`) and buckets with `force_destroy = false` (refused unless
 * `forceDestroyBuckets: true`). Then it plans the destroy, logs the plan summary and what will be
 * lost (each data store and whether its final snapshot, backups or objects are kept), waits for a
 * second person's approval for tier prod when an approval gate is given, lifts those guards (the
 * `.tf` attributes set to `deletion_protection = false` / `force_destroy = true` in the task's
 * copy, planned — refused if anything else would change — and applied), destroys with the executor (if
 * that fails after the lift, the guards are put back and the repository's Terraform applied again,
 * and the task fails saying so), unregisters the entity from the catalog (its location
 * and the entity, with the initiator's credentials) and archives the local repository under
 * `<localRoot>/.archive/`. Dry run: plans the destroy only.
 *
 * Errors: `InputError` naming the input; `NotAllowedError` for a missing permission, an executor
 * not allowed, deletion protection left on or buckets not to be emptied (naming the input and
 * each Terraform address); Terraform's own errors from the runs (a failed destroy after a lift:
 * the destroy's error, followed by whether protection was restored or what to run to restore it).
 */
export function createDestroyEnvironmentAction(options: {
  settings: TerraformSettings;
  publish: PublishSettings;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** Holds a prod destroy until a second person approves it (optional). */
  approvals?: ApprovalGate;
  /**
   * The tiers whose destroys wait on `approvals` (`terrace.approvals.tiers`). Default
   * `['prod']`; `[]`: none waits.
   */
  approvalTiers?: readonly Tier[];
  /** Records the destroy in the environment's history (optional). */
  history?: EnvironmentHistoryRecorder;
  /** The clock of the archive stamp and the history entry; default `new Date()`. */
  now?: () => Date;
}) {
  const { settings, publish, permissions, catalog } = options;
  const now = options.now ?? (() => new Date());
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:environment:destroy',
      description:
        "Destroys the environment whose repository is in the workspace (typed name, permission, deletion protection and non-empty buckets checked first), unregisters its entity and archives its repository. If the destroy fails after deletion protection was lifted, the repository's Terraform is applied again (protection back on) and the task fails saying so. Dry run: plans the destroy only.",
      examples,
      supportsDryRun: true,
      schema: {
        input: {
          environment: z =>
            z
              .string({ description: 'Name of the environment to destroy' })
              .regex(
                ENVIRONMENT_NAME,
                'must be an environment name, e.g. shop-dev',
              ),
          confirmName: z =>
            z.string({
              description:
                'The environment name typed again; must equal `environment` exactly',
            }),
          liftDeletionProtection: z =>
            z
              .boolean({
                description:
                  'Turn deletion protection off (apply) before destroying; without it a protected environment is refused',
              })
              .optional(),
          forceDestroyBuckets: z =>
            z
              .boolean({
                description:
                  "Delete every object and object version in the environment's buckets (force_destroy = true, applied) before destroying; without it an environment with buckets is refused",
              })
              .optional(),
          entityRef: z =>
            z
              .string({
                description:
                  'The environment entity to unregister. Default resource:default/<environment>',
              })
              .regex(
                /^[a-z]+:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
                'must be kind:namespace/name',
              )
              .optional(),
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
          credentials: z =>
            z
              .record(z.string(), z.string(), {
                description:
                  'Environment variables for the runs only, e.g. cloud credentials from task secrets; masked in the log',
              })
              .optional(),
        },
        output: {
          executor: z => z.string({ description: 'local, ci or hcp' }),
          status: z =>
            z.string({
              description:
                'destroyed, planned (dry run) or delegated (ci: nothing destroyed)',
            }),
          summary: z => z.string({ description: 'One-line result' }),
          plan: z =>
            z
              .object(
                {
                  add: z.number(),
                  change: z.number(),
                  destroy: z.number(),
                  resources: z.array(
                    z.object({
                      address: z.string(),
                      actions: z.array(z.string()),
                    }),
                  ),
                },
                { description: 'The destroy plan' },
              )
              .optional(),
          lost: z =>
            z.array(
              z.object({
                component: z.string(),
                type: z.string(),
                kept: z.boolean(),
                detail: z.string(),
              }),
              {
                description:
                  'Each data store and whether its final snapshot or data is kept',
              },
            ),
          markdown: z =>
            z.string({
              description:
                'What will be lost, as a Markdown list for the task page',
            }),
          entityRef: z =>
            z.string({ description: 'The entity unregistered' }).optional(),
          archivedTo: z =>
            z
              .string({ description: 'Where the repository was archived' })
              .optional(),
          runUrl: z =>
            z.string({ description: 'Link to the run (hcp)' }).optional(),
        },
      },
      async handler(ctx) {
        // 1. every check, before anything runs
        const { environment } = ctx.input;
        if (ctx.input.confirmName !== environment) {
          throw new InputError(
            `confirmName: "${ctx.input.confirmName}" does not match the environment name "${environment}"; type the name exactly to destroy it`,
          );
        }
        for (const name of Object.keys(ctx.input.credentials ?? {})) {
          if (!ENV_NAME.test(name) || name.startsWith('TF_')) {
            throw new InputError(
              `credentials.${name}: must be an upper-case environment variable name not starting with TF_`,
            );
          }
        }
        const kind: TerraformExecutorKind =
          ctx.input.executor ?? settings.executor;
        if (!settings.allowedExecutors.includes(kind)) {
          throw new NotAllowedError(
            `executor: "${kind}" is not allowed here (terrace.terraform.allowedExecutors: ${settings.allowedExecutors.join(
              ', ',
            )})`,
          );
        }
        const workingDirectory = insideWorkspace(
          ctx.workspacePath,
          ctx.input.workingDirectory ?? 'terraform',
          'workingDirectory',
        );
        const env = await workspaceEnvironment(ctx.workspacePath, environment);
        const entityRef = (
          ctx.input.entityRef ?? `resource:default/${environment}`
        ).toLocaleLowerCase('en-US');
        if (!ctx.isDryRun) {
          const [decision] = await permissions.authorize(
            [{ permission: environmentDestroyPermission }],
            { credentials: await ctx.getInitiatorCredentials() },
          );
          if (decision.result !== AuthorizeResult.ALLOW) {
            throw new NotAllowedError(
              `You are not allowed to destroy environment "${environment}" (permission ${environmentDestroyPermission.name})`,
            );
          }
        }
        const guards = await findDestroyGuards(workingDirectory);
        const lifted = {
          liftDeletionProtection: ctx.input.liftDeletionProtection === true,
          forceDestroyBuckets: ctx.input.forceDestroyBuckets === true,
        };
        const refused = refusedGuards(environment, guards, lifted);
        if (refused.length > 0 && kind !== 'ci') {
          throw new NotAllowedError(refused.join('\n'));
        }

        // 2. what will be lost, logged before anything changes
        const lost: LostDataStore[] = lostDataStores(env, {
          forceDestroyBuckets: lifted.forceDestroyBuckets,
          accessLogBucket: guards.find(
            g => g.address === 'aws_s3_bucket.access_logs',
          )?.address,
        });
        ctx.output('lost', lost);
        ctx.output('markdown', lostMarkdown(lost));
        ctx.logger.info(
          lost.length === 0
            ? `What will be lost: environment "${environment}" holds no data store (postgres, mongodb, redis, bucket).`
            : `What will be lost with environment "${environment}":`,
        );
        for (const item of lost) ctx.logger.info(`  - ${item.detail}`);

        if (kind === 'ci') {
          const summary = ciDestroySummary(environment);
          ctx.logger.warn(summary);
          ctx.output('executor', kind);
          ctx.output('status', 'delegated');
          ctx.output('summary', summary);
          return;
        }

        const executor = createExecutor(
          kind,
          settings,
          `scaffolder task ${ctx.task.id}`,
        );
        const run = (request: { planOnly: boolean; destroy: boolean }) =>
          executor.run({
            environment,
            workingDirectory,
            repositoryRoot: ctx.workspacePath,
            env: ctx.input.credentials,
            timeoutMs: settings.timeoutMs,
            signal: ctx.signal,
            log: line => ctx.logger.info(line),
            ...request,
          });

        // 3. the destroy plan, on its own before anything changes where someone must see it
        // first: a dry run, and a prod destroy waiting for approval. Otherwise the destroy run
        // below plans (its summary logged) and applies that same saved plan.
        const approve =
          (options.approvalTiers ?? ['prod']).includes(env.tier) &&
          !!options.approvals;
        if (ctx.isDryRun || approve) {
          let plan: TerraformPlanSummary | undefined;
          // a plan on HCP Terraform would create the workspace and its variables: not in a dry run
          if (!(ctx.isDryRun && kind === 'hcp')) {
            ctx.logger.info(
              `Planning the destroy of environment "${environment}" with the ${kind} executor`,
            );
            plan = (await run({ planOnly: true, destroy: true })).plan;
            if (plan) {
              ctx.output('plan', plan);
              ctx.logger.info(`Destroy plan: ${formatPlanSummary(plan)}`);
            }
          }
          if (ctx.isDryRun) {
            const summary = plan
              ? `Dry run: would destroy environment "${environment}". ${formatPlanSummary(
                  plan,
                )}`
              : `Dry run: would destroy environment "${environment}" on HCP Terraform`;
            ctx.output('executor', kind);
            ctx.output('status', 'planned');
            ctx.output('summary', summary);
            return;
          }
        }

        // 4. a second person for prod, when the portal has an approval gate
        if (approve) {
          const user = ctx.user?.ref ?? 'unknown';
          await ctx.checkpoint({
            key: `terrace.environment.destroy.approval.${environment}`,
            fn: async () => {
              const approval = await options.approvals!.waitForApproval({
                environment,
                action: 'destroy',
                requestedBy: user,
                taskId: ctx.task.id,
                log: line => ctx.logger.info(line),
                signal: ctx.signal,
              });
              ctx.logger.info(
                `Destroy of "${environment}" approved by ${approval.decidedBy} at ${approval.decidedAt}`,
              );
              return approval.id;
            },
          });
        }

        // 5. lift what stops the destroy (Terraform-native: the attribute changed, applied)
        if (guards.length > 0) {
          await ctx.checkpoint({
            key: `terrace.environment.destroy.lift.${environment}`,
            fn: async () => {
              const files = await liftDestroyGuards(workingDirectory, guards);
              ctx.logger.info(
                `Lifting what stops the destroy: ${guards
                  .map(
                    g =>
                      `${g.address}.${g.attribute} (${
                        g.attribute === 'force_destroy'
                          ? 'every object deleted'
                          : 'deletion protection off'
                      })`,
                  )
                  .join(', ')} (${files.join(
                  ', ',
                )}: changed in this task's copy, then applied)`,
              );
              const check = await run({ planOnly: true, destroy: false });
              const other = (check.plan?.resources ?? []).filter(
                r =>
                  r.actions.join(',') !== 'update' ||
                  !guards.some(g => g.address === r.address),
              );
              if (other.length > 0) {
                const inputs = [...new Set(guards.map(g => g.input))];
                throw new NotAllowedError(
                  `${inputs.join(
                    ', ',
                  )}: lifting what stops the destroy would also change ${other
                    .map(r => `${r.address} (${r.actions.join(', ')})`)
                    .join(
                      ', ',
                    )}: the environment has drifted from its repository; bring it back in line (apply) first`,
                );
              }
              await run({ planOnly: false, destroy: false });
              return files;
            },
          });
        }

        // 6. the destroy, once (a retried task does not run it again); if it fails after the
        // guards were lifted, the repository's Terraform is applied again to put them back on
        let result: TerraformRunResult;
        try {
          result = (await ctx.checkpoint({
            key: `terrace.environment.destroy.run.${environment}`,
            fn: async () =>
              JSON.parse(
                JSON.stringify(await run({ planOnly: false, destroy: true })),
              ),
          })) as unknown as TerraformRunResult;
        } catch (e) {
          if (guards.length === 0) throw e;
          throw await restoreAfterFailedDestroy({
            environment,
            workingDirectory,
            guards,
            failure: e as Error,
            log: ctx.logger,
            apply: async () =>
              (
                await run({ planOnly: false, destroy: false })
              ).message,
          });
        }
        if (result.plan) ctx.output('plan', result.plan);
        if (result.runUrl) ctx.output('runUrl', result.runUrl);
        ctx.logger.info(
          `Destroyed environment "${environment}": ${result.message}`,
        );

        // 7. unregister the entity: its location, and the entity if it is still there
        const credentials = await ctx.getInitiatorCredentials();
        await ctx.checkpoint({
          key: `terrace.environment.destroy.unregister.${entityRef}`,
          fn: async () => {
            const location = await catalog
              .getLocationByEntity(entityRef, { credentials })
              .catch(() => undefined);
            if (location) {
              await catalog.removeLocationById(location.id, { credentials });
              ctx.logger.info(
                `Removed catalog location ${location.type}:${location.target}`,
              );
            }
            const entity = await catalog.getEntityByRef(entityRef, {
              credentials,
            });
            if (entity?.metadata.uid) {
              await catalog.removeEntityByUid(entity.metadata.uid, {
                credentials,
              });
            }
            ctx.logger.info(`Unregistered ${entityRef} from the catalog`);
            return entityRef;
          },
        });
        ctx.output('entityRef', entityRef);

        // 8. archive the repository
        const at = now();
        const archived = await ctx.checkpoint({
          key: `terrace.environment.destroy.archive.${environment}`,
          fn: async () => {
            const moved = await archiveLocalRepository({
              localRoot: publish.localRoot,
              name: environment,
              at,
              message: `Environment ${environment} destroyed by ${
                ctx.user?.ref ?? 'unknown'
              } at ${at.toISOString()} (scaffolder task ${ctx.task.id}). ${
                result.message
              }`,
              identity: {
                name: publish.authorName,
                email: publish.authorEmail,
              },
            });
            return moved.checkout ?? moved.bare ?? '';
          },
        });
        if (archived) {
          ctx.logger.info(
            `Archived the repository to ${archived} (tag terrace/destroyed); the name "${environment}" is free again`,
          );
          ctx.output('archivedTo', archived);
        } else {
          ctx.logger.warn(
            `No local repository of "${environment}" in ${publish.localRoot}: a repository on a git host is left as it is; archive it there (e.g. GitHub: Settings → Archive this repository)`,
          );
        }

        // 9. history: the environment's cost goes to zero
        if (options.history) {
          const before = (await monthlyEstimate(ctx.workspacePath)) ?? 0;
          await options.history
            .record({
              environment,
              kind: 'destroy',
              at: at.toISOString(),
              actor: ctx.user?.ref ?? 'unknown',
              summary: `Destroyed. ${
                result.plan ? formatPlanSummary(result.plan) : result.message
              }`,
              costDelta: {
                before,
                after: 0,
                difference: Math.round(-before * 100) / 100,
                currency: 'USD',
              },
              taskId: ctx.task.id,
            })
            .catch(e =>
              ctx.logger.warn(
                `The destroy was not recorded in the history: ${
                  (e as Error).message
                }`,
              ),
            );
        }

        const summary = `Destroyed environment "${environment}" (${
          result.plan ? formatPlanSummary(result.plan) : result.message
        }), unregistered ${entityRef}${
          archived ? `, archived its repository to ${archived}` : ''
        }.`;
        ctx.output('executor', kind);
        ctx.output('status', 'destroyed');
        ctx.output('summary', summary);
      },
    }),
  );
}
