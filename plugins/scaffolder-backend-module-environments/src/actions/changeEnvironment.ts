import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ANNOTATION_ACCOUNT_ID,
  ANNOTATION_SCAFFOLDER_TASK_ID,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TERRAFORM_EXECUTOR,
  ENVIRONMENT_FORM_FIELDS,
  isTerraformExecutorName,
  validateEnvironment,
  type Environment,
} from '@terrace/plugin-environments-common';
import {
  TerraformCommandError,
  TerraformTimeoutError,
  defaultSizeCatalog,
  estimateCostDelta,
  loadSpecFile,
  type EnvironmentHistoryRecorder,
  type TerraformExecutorKind,
} from '@terrace/plugin-environments-node';
import yaml from 'yaml';
import {
  createExecutor,
  type PublishSettings,
  type TerraformSettings,
} from '../config';
import {
  changeDescription,
  planSummaryLine,
  type ChangePlan,
} from '../change/description';
import {
  dataStoresLostByPlan,
  dataStoresLostBySpec,
  type DataStoreLoss,
} from '../change/dataStores';
import type { EnvironmentRepoGenerator } from './generateEnvironment';
import { examples } from './changeEnvironment.examples';
import { git } from './git';
import { insideWorkspace } from './publishGit';
import { problemsError, rawSpecFromInputs, specInputSchema } from './specInput';
import { withUserFacingErrors } from './userErrors';

const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fileList(
  files: Awaited<ReturnType<EnvironmentRepoGenerator>>,
): Array<{ path: string; content: string }> {
  if (Array.isArray(files)) return files;
  const entries =
    files instanceof Map ? [...files.entries()] : Object.entries(files);
  return entries.map(([p, content]) => ({ path: p, content }));
}

/**
 * The new spec document: the form's spec, with what the form has no field for (e.g.
 * `spec.expiresAt`, labels) kept from the current one, so a change through the form only changes
 * what the form shows.
 */
function keepUnformed(current: unknown, next: unknown): unknown {
  if (!isRecord(current) || !isRecord(next)) return next;
  const merged: Record<string, unknown> = { ...next };
  for (const section of ['metadata', 'spec'] as const) {
    const was = isRecord(current[section]) ? current[section] : {};
    const now = isRecord(next[section]) ? next[section] : {};
    const kept = Object.fromEntries(
      Object.entries(was).filter(
        ([field]) =>
          !(field in ENVIRONMENT_FORM_FIELDS) ||
          (ENVIRONMENT_FORM_FIELDS as Record<string, { section: string }>)[
            field
          ].section !== section,
      ),
    );
    merged[section] = { ...kept, ...now };
  }
  return merged;
}

/** The annotations the current catalog-info.yaml carries, to regenerate it the same way. */
async function currentAnnotations(
  repo: string,
): Promise<Record<string, string>> {
  const text = await fs
    .readFile(path.join(repo, 'catalog-info.yaml'), 'utf8')
    .catch(() => undefined);
  if (!text) return {};
  const annotations = yaml.parse(text)?.metadata?.annotations;
  return isRecord(annotations)
    ? (Object.fromEntries(
        Object.entries(annotations).filter(([, v]) => typeof v === 'string'),
      ) as Record<string, string>)
    : {};
}

function lossesError(losses: DataStoreLoss[]): InputError {
  return new InputError(
    `acknowledgeDataLoss: this change would lose data: ${losses
      .map(l => `${l.what} ${l.how}`)
      .join(
        ', ',
      )}. Check "acknowledgeDataLoss" (back up what they hold first) to propose it anyway.`,
  );
}

/**
 * `terrace:environment:change`: proposes a change of an existing environment for review. Reads the
 * repository's current environment.yaml (the local repository `<name>.git` under
 * `terrace.publish.localRoot`, cloned into the workspace, or a repository already fetched into
 * the workspace), validates the new spec from the form, regenerates the repository files, plans
 * with the executor when it can, prices the change line by line, and writes the description to
 * `.terrace/changes/<id>.md`. With the local repository it commits the result on a branch
 * `terrace/change-<id>` and pushes that branch; with `publishTarget: github` it leaves the files in
 * the workspace for `publish:github:pull-request`, whose description is this action's output.
 * A change that removes or replaces a data store is refused (InputError naming them, nothing
 * written or pushed) without `acknowledgeDataLoss: true`.
 */
export function createChangeEnvironmentAction(options: {
  generate: EnvironmentRepoGenerator;
  publish: PublishSettings;
  terraform: TerraformSettings;
  /** Records a `change` event of the environment's history; optional. */
  history?: EnvironmentHistoryRecorder;
  /** The clock of the history event; `new Date()` by default. */
  now?: () => Date;
}) {
  const { publish, terraform } = options;
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:environment:change',
      description:
        'Proposes a change of an existing environment: regenerates its repository from the new spec, plans it, prices it line by line against the current spec, and opens the change for review (a branch and a merge request file in the local repository, or files for publish:github:pull-request).',
      examples,
      supportsDryRun: true,
      schema: {
        input: {
          ...specInputSchema,
          acknowledgeDataLoss: z =>
            z
              .boolean({
                description:
                  'Required when the change removes or replaces a data store (postgres, mongodb, bucket, redis): what it holds is lost',
              })
              .optional(),
          publishTarget: z =>
            z
              .enum(['local', 'github'], {
                description:
                  'local (default): clone the local repository <name>.git under terrace.publish.localRoot, commit the change on a branch and push it; github: the repository is already in the workspace (fetch:plain) and publish:github:pull-request opens the pull request',
              })
              .optional(),
          sourcePath: z =>
            z
              .string({
                description:
                  'Folder of the workspace that holds (or receives) the repository. Default: the workspace',
              })
              .optional(),
          executor: z =>
            z
              .enum(['local', 'ci', 'hcp'], {
                description:
                  'Who plans the change: local (Terraform on the Backstage host) and hcp plan now; ci leaves the plan to the pull request. Default: terrace.terraform.executor',
              })
              .optional(),
          credentials: z =>
            z
              .record(z.string(), z.string(), {
                description:
                  'Environment variables for the plan only, e.g. cloud credentials from task secrets; masked in the log',
              })
              .optional(),
        },
        output: {
          planSummary: z =>
            z.string({
              description:
                'Terraform\'s plan line with the replaced resources named, e.g. "Plan: 1 to add, 0 to change, 0 to destroy.", or "Plan skipped: <why>"',
            }),
          plan: z =>
            z
              .object(
                {
                  add: z.number(),
                  change: z.number(),
                  destroy: z.number(),
                  replace: z.array(z.string()),
                  resources: z.array(
                    z.object({
                      address: z.string(),
                      actions: z.array(z.string()),
                    }),
                  ),
                },
                { description: 'The plan, when one was made' },
              )
              .optional(),
          costDelta: z =>
            z.record(z.string(), z.unknown(), {
              description:
                'The cost delta: { ok: true, lines: [{ component, resource, item, before, after, difference, change }], total: { before, after, difference, currency } } or { ok: false, reason }',
            }),
          branch: z =>
            z.string({
              description:
                'The branch of the change, terrace/change-<task id>: pushed to the local repository, or the branch for publish:github:pull-request',
            }),
          description: z =>
            z.string({
              description:
                'Markdown: the plan summary, replacements, cost delta table and changed files',
            }),
          changeFile: z =>
            z.string({
              description:
                'The merge request file, relative to the repository: .terrace/changes/<id>.md',
            }),
          remoteUrl: z =>
            z
              .string({
                description: 'The repository the branch was pushed to',
              })
              .optional(),
          files: z =>
            z.array(z.string(), {
              description: 'Files the change writes or deletes',
            }),
        },
      },
      async handler(ctx) {
        const {
          acknowledgeDataLoss = false,
          publishTarget = 'local',
          sourcePath = '.',
          executor: requestedExecutor,
          credentials,
          ...specInputs
        } = ctx.input;
        // ---- everything is checked before anything is written
        for (const name of Object.keys(credentials ?? {})) {
          if (!ENV_NAME.test(name) || name.startsWith('TF_')) {
            throw new InputError(
              `credentials.${name}: must be an upper-case environment variable name not starting with TF_`,
            );
          }
        }
        const kind: TerraformExecutorKind =
          requestedExecutor ?? terraform.executor;
        if (!terraform.allowedExecutors.includes(kind)) {
          throw new NotAllowedError(
            `executor: "${kind}" is not allowed here (terrace.terraform.allowedExecutors: ${terraform.allowedExecutors.join(
              ', ',
            )})`,
          );
        }
        const repo = insideWorkspace(
          ctx.workspacePath,
          sourcePath,
          'sourcePath',
        );
        const formRaw = await rawSpecFromInputs(specInputs, ctx.workspacePath);
        const name =
          isRecord(formRaw) && isRecord(formRaw.metadata)
            ? formRaw.metadata.name
            : undefined;
        if (
          typeof name !== 'string' ||
          !/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/.test(name)
        ) {
          throw new InputError(
            'name: the environment to change must be named (metadata.name)',
          );
        }

        // the form's own problems first, before the repository is cloned
        const formCheck = validateEnvironment(formRaw, {
          sizes: defaultSizeCatalog,
        });
        if (!formCheck.ok) {
          throw problemsError(
            'The environment spec is not valid',
            formCheck.problems,
          );
        }

        // ---- the current repository
        const specFile = path.join(repo, 'environment.yaml');
        const fetched = await fs.stat(specFile).then(
          () => true,
          () => false,
        );
        const bare = path.join(publish.localRoot, `${name}.git`);
        if (publishTarget === 'local' && !fetched) {
          const hasBranch = await git(
            [
              'rev-parse',
              '--verify',
              '--quiet',
              `refs/heads/${publish.defaultBranch}`,
            ],
            bare,
          ).then(
            () => true,
            () => false,
          );
          if (!hasBranch) {
            throw new InputError(
              `name: there is no local repository "${name}.git" with branch ${publish.defaultBranch} under terrace.publish.localRoot (${publish.localRoot})`,
            );
          }
          const entries = await fs.readdir(repo).catch(() => []);
          if (entries.length > 0) {
            throw new InputError(
              `sourcePath: "${sourcePath}" holds files but no environment.yaml; give an empty folder to clone the repository into`,
            );
          }
          await fs.mkdir(repo, { recursive: true });
          await git(
            ['clone', '--quiet', '--branch', publish.defaultBranch, bare, repo],
            ctx.workspacePath,
          );
        } else if (
          publishTarget === 'local' &&
          !(await fs.stat(path.join(repo, '.git')).catch(() => undefined))
        ) {
          throw new InputError(
            `sourcePath: "${sourcePath}" holds an environment.yaml but is not a git clone of the local repository; leave it empty to have ${name}.git cloned into it, or use publishTarget github`,
          );
        } else if (!fetched) {
          throw new InputError(
            `sourcePath: "${sourcePath}" has no environment.yaml; fetch the environment's repository into the workspace first (fetch:plain)`,
          );
        }
        const id = ctx.isDryRun ? 'dry-run' : ctx.task.id;
        const branch = `terrace/change-${id}`;
        const loaded = await loadSpecFile(specFile);
        if (!loaded.ok) {
          throw problemsError(
            `the current environment.yaml of "${name}" cannot be read`,
            loaded.problems,
          );
        }
        const currentCheck = validateEnvironment(loaded.raw, {
          sizes: defaultSizeCatalog,
        });
        if (!currentCheck.ok) {
          throw problemsError(
            `the current environment.yaml of "${name}" is not valid; fix it in the repository first`,
            currentCheck.problems,
          );
        }
        const current = currentCheck.environment;
        if (current.metadata.name !== name) {
          throw new InputError(
            `name: "${name}" is not the environment in the repository ("${current.metadata.name}"); an environment cannot be renamed`,
          );
        }
        const nextRaw = keepUnformed(loaded.raw, formRaw);
        const validation = validateEnvironment(nextRaw, {
          sizes: defaultSizeCatalog,
        });
        if (!validation.ok) {
          throw problemsError(
            'The environment spec is not valid',
            validation.problems,
          );
        }
        const next: Environment = validation.environment;
        const specLosses = dataStoresLostBySpec(current, next);
        if (specLosses.length > 0 && !acknowledgeDataLoss) {
          throw lossesError(specLosses);
        }

        // ---- regenerate: files of the current spec that the new one no longer has are deleted
        const annotations = await currentAnnotations(repo);
        const owningExecutor = annotations[ANNOTATION_TERRAFORM_EXECUTOR];
        const generateOptions = {
          // the annotation is `url:<location>`; the generator adds the `url:` again
          sourceLocation: annotations[ANNOTATION_SOURCE_LOCATION]?.replace(
            /^url:/,
            '',
          ),
          // the entity keeps the task that created (applied) it until the change is applied
          taskId: annotations[ANNOTATION_SCAFFOLDER_TASK_ID],
          accountId: annotations[ANNOTATION_ACCOUNT_ID],
          // the executor that owns it stays recorded (drift is checked with it)
          executor: isTerraformExecutorName(owningExecutor)
            ? owningExecutor
            : undefined,
        };
        const afterFiles = fileList(
          await options.generate(next, generateOptions),
        );
        const beforeFiles = fileList(
          await options.generate(current, generateOptions),
        );
        const afterPaths = new Set(afterFiles.map(f => f.path));
        const written: string[] = [];
        for (const f of afterFiles) {
          const out = insideWorkspace(repo, f.path, 'generated file');
          const old = await fs.readFile(out, 'utf8').catch(() => undefined);
          if (old !== f.content) written.push(f.path);
        }
        const deleted: string[] = [];
        for (const f of beforeFiles) {
          if (afterPaths.has(f.path)) continue;
          const exists = await fs
            .stat(insideWorkspace(repo, f.path, 'generated file'))
            .then(
              () => true,
              () => false,
            );
          if (exists) deleted.push(f.path);
        }
        const originals = new Map<string, string | undefined>();
        for (const p of [...written, ...deleted]) {
          originals.set(
            p,
            await fs
              .readFile(path.join(repo, p), 'utf8')
              .catch(() => undefined),
          );
        }
        /** Puts the repository back as it was (a refusal after the plan writes nothing). */
        const restore = async () => {
          for (const [p, content] of originals) {
            const file = path.join(repo, p);
            if (content === undefined) await fs.rm(file, { force: true });
            else {
              await fs.mkdir(path.dirname(file), { recursive: true });
              await fs.writeFile(file, content, 'utf8');
            }
          }
        };
        for (const f of afterFiles) {
          if (!written.includes(f.path)) continue;
          const out = path.join(repo, f.path);
          await fs.mkdir(path.dirname(out), { recursive: true });
          await fs.writeFile(out, f.content, 'utf8');
        }
        for (const p of deleted) await fs.rm(path.join(repo, p));
        ctx.logger.info(
          `Regenerated environment ${name}: ${written.length} file(s) changed, ${deleted.length} deleted`,
        );

        // ---- plan
        let plan: ChangePlan;
        if (kind === 'ci') {
          plan = {
            planned: false,
            reason:
              "the ci executor plans in the repository's workflow (.github/workflows/terraform.yml) on the pull request, not here",
          };
        } else if (ctx.isDryRun) {
          plan = {
            planned: false,
            reason: `a dry run does not run the ${kind} executor`,
          };
        } else {
          try {
            const result = await createExecutor(
              kind,
              terraform,
              `scaffolder task ${ctx.task.id}`,
            ).run({
              environment: name,
              workingDirectory: path.join(repo, 'terraform'),
              repositoryRoot: repo,
              env: credentials,
              planOnly: true,
              timeoutMs: terraform.timeoutMs,
              signal: ctx.signal,
              log: line => ctx.logger.info(line),
            });
            plan = result.plan
              ? { planned: true, plan: result.plan, executor: kind }
              : {
                  planned: false,
                  reason: `the ${kind} executor gave no plan summary (${result.message})`,
                };
          } catch (e) {
            if (
              e instanceof TerraformCommandError ||
              e instanceof TerraformTimeoutError
            ) {
              plan = {
                planned: false,
                reason: `the ${kind} plan failed: ${e.message}`,
              };
              ctx.logger.warn(`Plan failed; the change says so: ${e.message}`);
            } else {
              await restore();
              throw e;
            }
          }
        }
        const planLosses = plan.planned ? dataStoresLostByPlan(plan.plan) : [];
        const losses = [
          ...specLosses,
          ...planLosses.filter(l => !specLosses.some(s => s.what === l.what)),
        ];
        if (planLosses.length > 0 && !acknowledgeDataLoss) {
          await restore();
          throw lossesError(planLosses);
        }
        const planSummary = planSummaryLine(plan);
        ctx.logger.info(planSummary);

        // ---- cost delta, description, the change on its branch
        const costDelta = estimateCostDelta(loaded.raw, nextRaw);
        const changeFile = `.terrace/changes/${id}.md`;
        const description = changeDescription({
          environment: name,
          branch: publishTarget === 'local' ? branch : undefined,
          plan,
          costDelta,
          dataStoreLosses: acknowledgeDataLoss ? losses : [],
          changedFiles: { written: [...written, changeFile], deleted },
          requestedBy: ctx.user?.ref,
          taskId: ctx.isDryRun ? undefined : ctx.task.id,
        });
        await fs.mkdir(path.dirname(path.join(repo, changeFile)), {
          recursive: true,
        });
        await fs.writeFile(path.join(repo, changeFile), description, 'utf8');

        let remoteUrl: string | undefined;
        if (publishTarget === 'local' && !ctx.isDryRun) {
          remoteUrl = pathToFileURL(bare).href;
          await ctx.checkpoint({
            key: `terrace.environment.change.${name}.${branch}`,
            fn: async () => {
              // a retried task that pushed it does not come here (the checkpoint answers)
              const taken = await git(
                ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`],
                bare,
              ).then(
                () => true,
                () => false,
              );
              if (taken) {
                throw new ConflictError(
                  `branch ${branch} already exists in ${bare}; nothing was pushed`,
                );
              }
              const identity = {
                GIT_AUTHOR_NAME: publish.authorName,
                GIT_AUTHOR_EMAIL: publish.authorEmail,
                GIT_COMMITTER_NAME: publish.authorName,
                GIT_COMMITTER_EMAIL: publish.authorEmail,
              };
              await git(['checkout', '--quiet', '-B', branch], repo);
              await git(['add', '--all'], repo);
              await git(
                [
                  'commit',
                  '--quiet',
                  '-m',
                  `Change environment ${name}\n\n${planSummary}`,
                ],
                repo,
                identity,
              );
              await git(
                ['push', '--quiet', bare, `HEAD:refs/heads/${branch}`],
                repo,
              );
              ctx.logger.info(`Pushed branch ${branch} to ${bare}`);
            },
          });
        }

        if (options.history && !ctx.isDryRun) {
          try {
            await options.history.record({
              environment: name,
              kind: 'change',
              at: (options.now?.() ?? new Date()).toISOString(),
              actor: ctx.user?.ref ?? 'unknown',
              summary: planSummary,
              ...(costDelta.ok && { costDelta: costDelta.total }),
              taskId: ctx.task.id,
            });
          } catch (e) {
            ctx.logger.warn(
              `The change was proposed but its history event was not recorded: ${
                (e as Error).message
              }`,
            );
          }
        }

        ctx.output('planSummary', planSummary);
        if (plan.planned) {
          ctx.output('plan', {
            add: plan.plan.add,
            change: plan.plan.change,
            destroy: plan.plan.destroy,
            replace: plan.plan.resources
              .filter(
                r =>
                  r.actions.includes('delete') && r.actions.includes('create'),
              )
              .map(r => r.address),
            resources: plan.plan.resources,
          });
        }
        ctx.output(
          'costDelta',
          costDelta as unknown as Record<string, unknown>,
        );
        ctx.output('branch', branch);
        ctx.output('description', description);
        ctx.output('changeFile', changeFile);
        if (remoteUrl) ctx.output('remoteUrl', remoteUrl);
        ctx.output('files', [...written, ...deleted, changeFile].sort());
      },
    }),
  );
}
