import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { PublishSettings } from '../config';
import { git } from './git';
import { examples } from './publishGit.examples';
import { withUserFacingErrors } from './userErrors';

const REPO_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Resolves a workspace-relative path, refusing one that leaves the workspace. */
export function insideWorkspace(
  workspacePath: string,
  relative: string,
  field: string,
): string {
  const target = path.resolve(workspacePath, relative);
  const rel = path.relative(workspacePath, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new InputError(
      `${field}: "${relative}" is outside the task workspace`,
    );
  }
  return target;
}

/**
 * Where the repository is, as the task page shows it. A `file:` URL opens nothing in a browser,
 * so a local bare repository is given as its path and the command that clones it.
 */
export function publishSummary(
  remoteUrl: string,
  branch: string,
  localBare?: string,
): string {
  if (localBare) {
    return [
      `A local git repository on the Backstage host (no git host, so no CI runs on it): \`${localBare}\`, branch \`${branch}\`.`,
      '',
      `Clone it on that host with \`git clone ${localBare}\``,
    ].join('\n');
  }
  return `Pushed branch \`${branch}\` to ${remoteUrl}`;
}

/**
 * `terrace:git:publish`: commits the workspace (or a folder of it) and pushes it to a git remote.
 * With no `remoteUrl`, the remote is a bare repository `<name>.git` under
 * `terrace.publish.localRoot`, created if needed, and a checked-out copy `<name>` beside it is
 * updated, so the catalog can read the entity with no git host.
 */
export function createPublishGitAction(options: { settings: PublishSettings }) {
  const { settings } = options;
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:git:publish',
      description:
        'Commits the workspace and pushes it to a git remote; by default a bare repository under terrace.publish.localRoot, so no git host is needed.',
      examples,
      supportsDryRun: true,
      schema: {
        input: {
          name: z =>
            z
              .string({
                description:
                  'Repository name (the environment name): lower case, digits, ".", "_", "-"',
              })
              .regex(
                REPO_NAME,
                'must be lower case letters, digits, ".", "_" or "-"',
              ),
          sourcePath: z =>
            z
              .string({
                description:
                  'Folder of the workspace to publish. Default: the whole workspace',
              })
              .optional(),
          remoteUrl: z =>
            z
              .string({
                description:
                  'Git remote to push to. Default: the local bare repository. A file: URL must be under terrace.publish.localRoot',
              })
              .optional(),
          branch: z =>
            z
              .string({
                description:
                  'Branch to push. Default: terrace.publish.defaultBranch',
              })
              .optional(),
          commitMessage: z =>
            z.string({ description: 'Commit message' }).optional(),
        },
        output: {
          remoteUrl: z =>
            z.string({ description: 'The remote that was pushed to' }),
          repoContentsUrl: z =>
            z.string({ description: 'Where the pushed files can be read' }),
          localPath: z =>
            z
              .string({
                description: 'Checked-out copy (local repositories only)',
              })
              .optional(),
          catalogInfoUrl: z =>
            z
              .string({
                description:
                  'Location of catalog-info.yaml for terrace:catalog:register',
              })
              .optional(),
          commitHash: z =>
            z.string({ description: 'The pushed commit' }).optional(),
          summary: z =>
            z.string({
              description:
                'Markdown for the task page: where the repository is and, for a local one, the git clone command',
            }),
        },
      },
      async handler(ctx) {
        const { name } = ctx.input;
        const branch = ctx.input.branch ?? settings.defaultBranch;
        if (
          !/^[A-Za-z0-9][A-Za-z0-9._/-]{0,100}$/.test(branch) ||
          branch.includes('..')
        ) {
          throw new InputError(
            `branch: "${branch}" is not a valid branch name`,
          );
        }
        const source = insideWorkspace(
          ctx.workspacePath,
          ctx.input.sourcePath ?? '.',
          'sourcePath',
        );
        const stat = await fs.stat(source).catch(() => undefined);
        if (!stat?.isDirectory()) {
          throw new InputError(
            `sourcePath: "${
              ctx.input.sourcePath ?? '.'
            }" is not a folder of the workspace`,
          );
        }

        let remoteUrl = ctx.input.remoteUrl;
        let local: { bare: string; checkout: string } | undefined;
        if (!remoteUrl) {
          local = {
            bare: path.join(settings.localRoot, `${name}.git`),
            checkout: path.join(settings.localRoot, name),
          };
          remoteUrl = pathToFileURL(local.bare).href;
        } else if (
          remoteUrl.startsWith('file:') ||
          remoteUrl.startsWith('/') ||
          remoteUrl.startsWith('.')
        ) {
          const bare = remoteUrl.startsWith('file:')
            ? fileURLToPath(remoteUrl)
            : path.resolve(remoteUrl);
          const rel = path.relative(settings.localRoot, bare);
          if (rel.startsWith('..') || path.isAbsolute(rel) || rel === '') {
            throw new InputError(
              `remoteUrl: a local repository must be under terrace.publish.localRoot (${settings.localRoot})`,
            );
          }
          local = { bare, checkout: bare.replace(/\.git$/, '') };
          remoteUrl = pathToFileURL(bare).href;
        } else if (!/^(https:\/\/|ssh:\/\/|git@)/.test(remoteUrl)) {
          throw new InputError(
            `remoteUrl: "${remoteUrl}" is not an https, ssh or file git URL`,
          );
        }
        const repoContentsUrl = local
          ? pathToFileURL(local.checkout).href
          : remoteUrl;
        const catalogInfoUrl = local
          ? pathToFileURL(path.join(local.checkout, 'catalog-info.yaml')).href
          : undefined;

        if (ctx.isDryRun) {
          ctx.logger.info(
            `Dry run: would commit ${source} and push branch ${branch} to ${remoteUrl}`,
          );
          ctx.output('remoteUrl', remoteUrl);
          ctx.output('repoContentsUrl', repoContentsUrl);
          if (local) ctx.output('localPath', local.checkout);
          if (catalogInfoUrl) ctx.output('catalogInfoUrl', catalogInfoUrl);
          return;
        }

        const commitHash = await ctx.checkpoint({
          key: `terrace.git.publish.${name}.${branch}`,
          fn: async () => {
            if (local) {
              const hasBranch = await git(
                ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`],
                local.bare,
              )
                .then(() => true)
                .catch(() => false);
              if (hasBranch) {
                throw new ConflictError(
                  `name: a repository "${name}" already exists in ${settings.localRoot} with branch ${branch}; choose another name or remove it`,
                );
              }
              await fs.mkdir(local.bare, { recursive: true });
              if (
                !(await fs
                  .stat(path.join(local.bare, 'HEAD'))
                  .catch(() => undefined))
              ) {
                ctx.logger.info(`Creating bare repository ${local.bare}`);
                await git(
                  ['init', '--bare', '--quiet', `--initial-branch=${branch}`],
                  local.bare,
                );
              }
            }
            const identity = {
              GIT_AUTHOR_NAME: settings.authorName,
              GIT_AUTHOR_EMAIL: settings.authorEmail,
              GIT_COMMITTER_NAME: settings.authorName,
              GIT_COMMITTER_EMAIL: settings.authorEmail,
            };
            if (
              !(await fs.stat(path.join(source, '.git')).catch(() => undefined))
            ) {
              await git(
                ['init', '--quiet', `--initial-branch=${branch}`],
                source,
              );
            }
            await git(['checkout', '--quiet', '-B', branch], source);
            await git(['add', '--all'], source);
            await git(
              [
                'commit',
                '--quiet',
                '--allow-empty',
                '-m',
                ctx.input.commitMessage ?? `Terrace: publish ${name}`,
              ],
              source,
              identity,
            );
            const hash = await git(['rev-parse', 'HEAD'], source);
            ctx.logger.info(
              `Pushing ${hash.slice(0, 12)} to ${remoteUrl} (${branch})`,
            );
            await git(
              ['push', '--quiet', remoteUrl!, `HEAD:refs/heads/${branch}`],
              source,
            );
            if (local) {
              if (
                await fs
                  .stat(path.join(local.checkout, '.git'))
                  .catch(() => undefined)
              ) {
                await git(
                  ['fetch', '--quiet', 'origin', branch],
                  local.checkout,
                );
                await git(
                  ['reset', '--quiet', '--hard', `origin/${branch}`],
                  local.checkout,
                );
              } else {
                await git(
                  [
                    'clone',
                    '--quiet',
                    '--branch',
                    branch,
                    local.bare,
                    local.checkout,
                  ],
                  settings.localRoot,
                );
              }
            }
            return hash;
          },
        });

        ctx.output('remoteUrl', remoteUrl);
        ctx.output('repoContentsUrl', repoContentsUrl);
        if (local) ctx.output('localPath', local.checkout);
        if (catalogInfoUrl) ctx.output('catalogInfoUrl', catalogInfoUrl);
        ctx.output('commitHash', commitHash);
        ctx.output('summary', publishSummary(remoteUrl!, branch, local?.bare));
      },
    }),
  );
}
