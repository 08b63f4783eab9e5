import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

function isInside(root: string, candidate: string) {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Thrown when an environment's repository cannot be fetched; the message says why. */
export class RepositoryUnavailableError extends Error {
  name = 'RepositoryUnavailableError';
}

/**
 * Clones the committed tip of an environment's local repository into `into` (an empty or absent
 * folder): the repository at `sourceLocation` (`backstage.io/source-location`, e.g.
 * `url:file:///var/terrace/repos/shop-dev/`), which must be inside `localRoot`
 * (`terrace.publish.localRoot`, symbolic links resolved). `terrace:git:publish` keeps a bare
 * `<name>.git` beside the checkout `<name>`: the bare one is cloned when present (it is what was
 * pushed), the folder itself otherwise. Only what was committed is used, never a working tree's
 * edits. Errors: {@link RepositoryUnavailableError} naming the location when it is not a local
 * repository under `localRoot`, or git cannot clone it.
 */
export async function cloneLocalRepository(
  sourceLocation: string | undefined,
  localRoot: string,
  into: string,
): Promise<void> {
  if (!sourceLocation) {
    throw new RepositoryUnavailableError(
      'the entity has no backstage.io/source-location annotation, so its repository cannot be found',
    );
  }
  const location = sourceLocation.replace(/^url:/, '');
  if (!location.startsWith('file:')) {
    throw new RepositoryUnavailableError(
      `the repository ${location} is not a local repository (terrace.publish.localRoot): only those are checked here`,
    );
  }
  const root = await fs
    .realpath(localRoot)
    .catch(() => path.resolve(localRoot));
  const checkout = fileURLToPath(location).replace(/[\\/]+$/, '');
  const candidates = [`${checkout}.git`, checkout];
  let source: string | undefined;
  for (const candidate of candidates) {
    const real = await fs.realpath(candidate).catch(() => undefined);
    if (real && isInside(root, real)) {
      source = real;
      break;
    }
    if (real) {
      throw new RepositoryUnavailableError(
        `the repository ${location} is outside the local repositories (terrace.publish.localRoot ${root})`,
      );
    }
  }
  if (!source) {
    throw new RepositoryUnavailableError(
      `the repository ${location} does not exist`,
    );
  }
  try {
    await run(
      'git',
      ['clone', '--quiet', '--depth', '1', pathToFileURL(source).href, into],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          GIT_TERMINAL_PROMPT: '0',
        },
        timeout: 120_000,
      },
    );
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? '').trim();
    throw new RepositoryUnavailableError(
      `git could not clone ${location}: ${stderr || (e as Error).message}`,
    );
  }
}
