import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  readChangeDescription,
  type ChangeDescriptionFacts,
  type EnvironmentHistoryRecorder,
} from '@terrace/plugin-environments-node';
import type { PublishSettings } from '../config';
import { git } from './git';
import { examples as mergeExamples } from './mergeChange.examples';
import { insideWorkspace } from './publishGit';
import { withUserFacingErrors } from './userErrors';

const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
/** The branches `terrace:environment:change` pushes: `terrace/change-<task id>`. */
const CHANGE_BRANCH = /^terrace\/change-([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;

const succeeds = (p: Promise<unknown>) =>
  p.then(
    () => true,
    () => false,
  );

/** The inputs both actions take, checked: the environment, its change branch, the clone. */
async function checkInputs(
  input: { environment: string; branch: string; sourcePath?: string },
  workspacePath: string,
  publish: PublishSettings,
) {
  const { environment } = input;
  if (!ENVIRONMENT_NAME.test(environment)) {
    throw new InputError(
      `environment: "${environment}" is not an environment name, e.g. shop-dev`,
    );
  }
  const branch = input.branch.trim().replace(/^refs\/heads\//, '');
  const id = CHANGE_BRANCH.exec(branch)?.[1];
  if (!id || branch.includes('..')) {
    throw new InputError(
      `branch: "${input.branch}" is not a change branch: terrace/change-<task id>, as "Change this environment" pushes it`,
    );
  }
  const bare = path.join(publish.localRoot, `${environment}.git`);
  if (
    !(await succeeds(
      git(
        [
          'rev-parse',
          '--verify',
          '--quiet',
          `refs/heads/${publish.defaultBranch}`,
        ],
        bare,
      ),
    ))
  ) {
    throw new InputError(
      `environment: there is no local repository "${environment}.git" with branch ${publish.defaultBranch} under terrace.publish.localRoot (${publish.localRoot})`,
    );
  }
  const repo = insideWorkspace(
    workspacePath,
    input.sourcePath ?? '.',
    'sourcePath',
  );
  if (!(await fs.stat(path.join(repo, '.git')).catch(() => undefined))) {
    throw new InputError(
      `sourcePath: "${
        input.sourcePath ?? '.'
      }" is not a git clone of ${environment}.git; fetch it first (terrace:environment:fetch)`,
    );
  }
  return {
    environment,
    branch,
    id,
    bare,
    repo,
    changeFile: `.terrace/changes/${id}.md`,
  };
}

function identity(publish: PublishSettings) {
  return {
    GIT_AUTHOR_NAME: publish.authorName,
    GIT_AUTHOR_EMAIL: publish.authorEmail,
    GIT_COMMITTER_NAME: publish.authorName,
    GIT_COMMITTER_EMAIL: publish.authorEmail,
  };
}

/** The change description of `changeFile` at `rev` in `repo`; `{}` when it has none. */
async function describedChange(
  repo: string,
  rev: string,
  changeFile: string,
): Promise<ChangeDescriptionFacts> {
  const text = await git(['show', `${rev}:${changeFile}`], repo).catch(
    () => undefined,
  );
  return text ? readChangeDescription(text) : {};
}

/**
 * `terrace:environment:merge`: merges a proposed change (branch `terrace/change-<task id>` of the
 * environment's local repository `<name>.git` under `terrace.publish.localRoot`) into the default
 * branch of the clone in the workspace (`terrace:environment:fetch`), so the next step applies the
 * merged Terraform. Nothing is pushed: `terrace:environment:push` does that after the apply.
 *
 * Errors (InputError naming the input; the workspace is left as it was): `branch` when it is not
 * a change branch, is not in the repository, is already merged, or does not merge cleanly (the
 * default branch moved and the regenerated files conflict: the message names them);
 * `environment` when there is no such local repository; `sourcePath` when it is not a clone.
 */
export function createMergeChangeAction(options: { publish: PublishSettings }) {
  const { publish } = options;
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:environment:merge',
      description:
        "Merges a proposed change (branch terrace/change-<task id> of the environment's local repository) into the default branch of the repository in the workspace; pushes nothing.",
      examples: mergeExamples,
      supportsDryRun: true,
      schema: {
        input: {
          environment: z =>
            z.string({ description: 'Environment name, e.g. shop-dev' }),
          branch: z =>
            z.string({
              description:
                'The change branch, terrace/change-<task id>, as "Change this environment" pushed it',
            }),
          sourcePath: z =>
            z
              .string({
                description:
                  'Folder of the workspace holding the clone (terrace:environment:fetch). Default: the workspace',
              })
              .optional(),
        },
        output: {
          commitHash: z =>
            z.string({ description: 'The merge commit, in the workspace' }),
          changeFile: z =>
            z.string({
              description:
                'The change description, relative to the repository: .terrace/changes/<task id>.md',
            }),
          title: z =>
            z
              .string({ description: "The change description's title" })
              .optional(),
          planSummary: z =>
            z
              .string({
                description:
                  'The plan line the change was proposed with, e.g. "Plan: 3 to add, 0 to change, 0 to destroy."',
              })
              .optional(),
          costDelta: z =>
            z
              .object(
                {
                  before: z.number(),
                  after: z.number(),
                  difference: z.number(),
                  currency: z.string(),
                },
                {
                  description:
                    'The monthly cost delta the change was proposed with (USD), when it had one',
                },
              )
              .optional(),
        },
      },
      async handler(ctx) {
        const { environment, branch, bare, repo, changeFile } =
          await checkInputs(ctx.input, ctx.workspacePath, publish);
        const { defaultBranch } = publish;
        const tip = await git(
          ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`],
          bare,
        ).catch(() => undefined);
        if (!tip) {
          throw new InputError(
            `branch: ${branch} is not in the repository ${environment}.git (already applied and deleted, or never proposed)`,
          );
        }
        const status = await git(['status', '--porcelain'], repo);
        if (status) {
          throw new InputError(
            `sourcePath: the clone in the workspace has uncommitted changes; fetch the repository into an empty folder`,
          );
        }
        // the workspace's default branch as the repository has it now
        await git(
          [
            'fetch',
            '--quiet',
            bare,
            `+refs/heads/${defaultBranch}:refs/remotes/origin/${defaultBranch}`,
            `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
          ],
          repo,
        );
        await git(
          [
            'checkout',
            '--quiet',
            '-B',
            defaultBranch,
            `origin/${defaultBranch}`,
          ],
          repo,
        );
        if (
          await succeeds(
            git(['merge-base', '--is-ancestor', tip, 'HEAD'], repo),
          )
        ) {
          throw new InputError(
            `branch: ${branch} is already merged into ${defaultBranch} of ${environment}.git; there is nothing to apply from it`,
          );
        }
        const facts = await describedChange(repo, tip, changeFile);
        try {
          await git(
            [
              'merge',
              '--no-ff',
              '--quiet',
              '-m',
              `Merge ${branch}: ${
                facts.title ?? `Change environment ${environment}`
              }${facts.planSummary ? `\n\n${facts.planSummary}` : ''}`,
              tip,
            ],
            repo,
            identity(publish),
          );
        } catch (e) {
          const conflicts = await git(
            ['diff', '--name-only', '--diff-filter=U'],
            repo,
          ).catch(() => '');
          await git(['merge', '--abort'], repo).catch(() => undefined);
          await git(['reset', '--quiet', '--hard', 'HEAD'], repo).catch(
            () => undefined,
          );
          const files = conflicts.split('\n').filter(Boolean);
          throw new InputError(
            `branch: ${branch} does not merge cleanly into ${defaultBranch}${
              files.length > 0
                ? `: conflicts in ${files.join(', ')}`
                : ` (${(e as Error).message})`
            }. ${defaultBranch} moved since the change was proposed; propose it again from the current environment ("Change this environment"). Nothing was merged or pushed.`,
          );
        }
        const commitHash = await git(['rev-parse', 'HEAD'], repo);
        ctx.logger.info(
          `Merged ${branch} into ${defaultBranch} in the workspace (${commitHash.slice(
            0,
            12,
          )}); nothing is pushed until the apply succeeds`,
        );
        if (facts.planSummary) {
          ctx.logger.info(`Proposed with: ${facts.planSummary}`);
        }
        ctx.output('commitHash', commitHash);
        ctx.output('changeFile', changeFile);
        if (facts.title) ctx.output('title', facts.title);
        if (facts.planSummary) ctx.output('planSummary', facts.planSummary);
        if (facts.costDelta) ctx.output('costDelta', facts.costDelta);
      },
    }),
  );
}

/**
 * `terrace:environment:push`: after the merged change was applied, pushes the workspace's default
 * branch (holding the merge of `terrace:environment:merge`) to the local repository `<name>.git`,
 * updates its checked-out copy `<name>` (what the catalog and the entity page read), deletes the
 * change branch, and records a `change` event with the change's cost delta in the history.
 * A retried task does not push again.
 *
 * Errors: InputError naming `branch` when the workspace's default branch does not hold the change
 * (run `terrace:environment:merge` first); ConflictError when the repository's default branch
 * moved since the merge (nothing pushed; the apply stands, the message says so).
 */
export function createPushChangeAction(options: {
  publish: PublishSettings;
  /** Records the `change` event of the environment's history; optional. */
  history?: EnvironmentHistoryRecorder;
  /** The clock of the history event; `new Date()` by default. */
  now?: () => Date;
}) {
  const { publish } = options;
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:environment:push',
      examples: mergeExamples,
      description:
        "Pushes the default branch holding a merged and applied change to the environment's local repository, deletes the change branch and records the change in the environment's history.",
      supportsDryRun: true,
      schema: {
        input: {
          environment: z =>
            z.string({ description: 'Environment name, e.g. shop-dev' }),
          branch: z =>
            z.string({
              description:
                'The change branch merged by terrace:environment:merge, terrace/change-<task id>',
            }),
          sourcePath: z =>
            z
              .string({
                description:
                  'Folder of the workspace holding the clone. Default: the workspace',
              })
              .optional(),
        },
        output: {
          commitHash: z =>
            z.string({ description: 'The pushed default branch commit' }),
          remoteUrl: z => z.string({ description: 'The repository pushed to' }),
        },
      },
      async handler(ctx) {
        const { environment, branch, bare, repo, changeFile } =
          await checkInputs(ctx.input, ctx.workspacePath, publish);
        const { defaultBranch } = publish;
        const remoteUrl = pathToFileURL(bare).href;
        const head = await git(['rev-parse', 'HEAD'], repo);
        const current = await git(['rev-parse', '--abbrev-ref', 'HEAD'], repo);
        const merged =
          current === defaultBranch &&
          (await succeeds(
            git(
              ['merge-base', '--is-ancestor', `origin/${branch}`, 'HEAD'],
              repo,
            ),
          ));
        if (!merged) {
          throw new InputError(
            `branch: ${defaultBranch} in the workspace does not hold ${branch}; merge it first (terrace:environment:merge)`,
          );
        }
        if (ctx.isDryRun) {
          ctx.logger.info(
            `Dry run: would push ${defaultBranch} (${head.slice(
              0,
              12,
            )}) to ${bare} and delete ${branch}`,
          );
          ctx.output('commitHash', head);
          ctx.output('remoteUrl', remoteUrl);
          return;
        }
        const facts = await describedChange(repo, 'HEAD', changeFile);
        await ctx.checkpoint({
          key: `terrace.environment.push.${environment}.${branch}`,
          fn: async () => {
            try {
              await git(
                ['push', '--quiet', bare, `HEAD:refs/heads/${defaultBranch}`],
                repo,
              );
            } catch (e) {
              throw new ConflictError(
                `${defaultBranch} of ${bare} moved since ${branch} was merged, so the merge was not pushed; the change IS applied to the cloud. Propose the change again from the current environment to record it (${
                  (e as Error).message
                })`,
              );
            }
            ctx.logger.info(
              `Pushed ${defaultBranch} (${head.slice(0, 12)}) to ${bare}`,
            );
            // the checked-out copy beside it is what the catalog and the entity page read
            const checkout = path.join(publish.localRoot, environment);
            if (
              await fs.stat(path.join(checkout, '.git')).catch(() => undefined)
            ) {
              await git(
                ['fetch', '--quiet', 'origin', defaultBranch],
                checkout,
              );
              await git(
                ['reset', '--quiet', '--hard', `origin/${defaultBranch}`],
                checkout,
              );
            }
            await git(['branch', '--quiet', '-D', branch], bare).catch(e =>
              ctx.logger.warn(
                `The change is pushed but its branch ${branch} was not deleted: ${
                  (e as Error).message
                }`,
              ),
            );
            ctx.logger.info(`Deleted branch ${branch}`);
          },
        });
        if (options.history) {
          const history = options.history;
          await ctx.checkpoint({
            key: `terrace.history.change.${environment}.${branch}`,
            fn: async () => {
              try {
                await history.record({
                  environment,
                  kind: 'change',
                  at: (options.now?.() ?? new Date()).toISOString(),
                  actor: ctx.user?.ref ?? 'unknown',
                  // the plan it was proposed with, when it had one
                  summary: `Applied ${branch}${
                    facts.planSummary?.startsWith('Plan:')
                      ? `: ${facts.planSummary}`
                      : ''
                  }`,
                  ...(facts.costDelta && { costDelta: facts.costDelta }),
                  taskId: ctx.task.id,
                });
              } catch (e) {
                ctx.logger.warn(
                  `The change is applied and pushed but its history event was not recorded: ${
                    (e as Error).message
                  }`,
                );
              }
              return true;
            },
          });
        }
        ctx.output('commitHash', head);
        ctx.output('remoteUrl', remoteUrl);
      },
    }),
  );
}
