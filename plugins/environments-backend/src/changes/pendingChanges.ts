import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type {
  EnvironmentPendingChange,
  PendingChangesResponse,
} from '@terrace/plugin-environments-common';
import { readChangeDescription } from '@terrace/plugin-environments-node';

const run = promisify(execFile);

/** The branches `terrace:environment:change` pushes: `terrace/change-<task id>`. */
const CHANGE_BRANCH = /^terrace\/change-([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;

function isInside(root: string, candidate: string) {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
    timeout: 30_000,
    maxBuffer: 4 * 1024 * 1024,
  });
  return stdout.trim();
}

/**
 * The changes proposed for an environment and not applied yet: the branches
 * `terrace/change-<task id>` of its local repository (the bare `<name>.git` beside the checkout
 * that `backstage.io/source-location` names, inside `localRoot`) not merged into its default
 * branch, newest first, each with what its `.terrace/changes/<task id>.md` says (title, plan
 * line, cost delta). A repository on a git host has its pull requests there instead: no items and
 * a `reason`. Errors: only git's own failures on a repository that exists.
 */
export async function listPendingChanges(
  sourceLocation: string | undefined,
  localRoot: string,
): Promise<PendingChangesResponse> {
  const location = sourceLocation?.replace(/^url:/, '');
  if (!location) {
    return {
      items: [],
      reason:
        'the entity has no backstage.io/source-location annotation, so its repository cannot be found',
    };
  }
  if (!location.startsWith('file:')) {
    return {
      items: [],
      reason: `the repository is on a git host (${location}): its changes are pull requests there`,
    };
  }
  const root = await fs
    .realpath(localRoot)
    .catch(() => path.resolve(localRoot));
  const checkout = fileURLToPath(location).replace(/[\\/]+$/, '');
  const bare = await fs.realpath(`${checkout}.git`).catch(() => undefined);
  if (!bare || !isInside(root, bare)) {
    return {
      items: [],
      reason: `there is no local repository ${checkout}.git under terrace.publish.localRoot`,
    };
  }
  const defaultBranch = (
    await git(['symbolic-ref', '--short', 'HEAD'], bare)
  ).trim();
  const refs = await git(
    [
      'for-each-ref',
      `--no-merged=refs/heads/${defaultBranch}`,
      '--sort=-committerdate',
      '--format=%(refname:short)%09%(committerdate:iso-strict)',
      'refs/heads/terrace/',
    ],
    bare,
  );
  const items: EnvironmentPendingChange[] = [];
  for (const line of refs.split('\n').filter(Boolean)) {
    const [branch, date] = line.split('\t');
    const taskId = CHANGE_BRANCH.exec(branch)?.[1];
    if (!taskId) continue;
    const changeFile = `.terrace/changes/${taskId}.md`;
    const text = await git(
      ['show', `refs/heads/${branch}:${changeFile}`],
      bare,
    ).catch(() => '');
    items.push({
      branch,
      taskId,
      createdAt: new Date(date).toISOString(),
      changeFile,
      ...readChangeDescription(text),
    });
  }
  return { items };
}
