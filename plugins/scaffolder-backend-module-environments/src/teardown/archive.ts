import { promises as fs } from 'node:fs';
import path from 'node:path';
import { git } from '../actions/git';

/** Where a destroyed environment's local repository went. */
export interface ArchivedRepository {
  /** The bare repository, moved, e.g. `<localRoot>/.archive/shop-dev-20261201T140500Z.git`. */
  bare?: string;
  /** Its checked-out copy, moved beside it, e.g. `<localRoot>/.archive/shop-dev-20261201T140500Z`. */
  checkout?: string;
  /** The tag that marks the last commit of the destroyed environment, `terrace/destroyed`. */
  tag?: string;
}

const exists = (p: string) =>
  fs
    .stat(p)
    .then(() => true)
    .catch(() => false);

/** `2026-12-01T14:05:00.123Z` → `20261201T140500Z` (sorts, and is safe in a path). */
export function archiveStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Archives the local repository of a destroyed environment (`terrace:git:publish`'s default:
 * the bare `<localRoot>/<name>.git` and its checkout `<localRoot>/<name>`): tags the bare
 * repository's HEAD `terrace/destroyed` (an annotated tag whose message is `message`), then moves
 * both under `<localRoot>/.archive/<name>-<UTC stamp>[.git]`. The history stays readable and
 * clonable there, and the name is free for a new environment. Returns what was moved; empty
 * when neither exists (nothing to archive).
 */
export async function archiveLocalRepository(options: {
  localRoot: string;
  name: string;
  at: Date;
  message: string;
  identity: { name: string; email: string };
}): Promise<ArchivedRepository> {
  const { localRoot, name } = options;
  const bare = path.join(localRoot, `${name}.git`);
  const checkout = path.join(localRoot, name);
  const archiveRoot = path.join(localRoot, '.archive');
  const target = path.join(archiveRoot, `${name}-${archiveStamp(options.at)}`);
  const archived: ArchivedRepository = {};
  await fs.mkdir(archiveRoot, { recursive: true });
  if (await exists(path.join(bare, 'HEAD'))) {
    const hasCommit = await git(
      ['rev-parse', '--verify', '--quiet', 'HEAD'],
      bare,
    )
      .then(() => true)
      .catch(() => false);
    if (hasCommit) {
      await git(
        [
          'tag',
          '--annotate',
          '--force',
          '-m',
          options.message,
          'terrace/destroyed',
          'HEAD',
        ],
        bare,
        {
          GIT_AUTHOR_NAME: options.identity.name,
          GIT_AUTHOR_EMAIL: options.identity.email,
          GIT_COMMITTER_NAME: options.identity.name,
          GIT_COMMITTER_EMAIL: options.identity.email,
        },
      );
      archived.tag = 'terrace/destroyed';
    }
    await fs.rename(bare, `${target}.git`);
    archived.bare = `${target}.git`;
  }
  if (await exists(checkout)) {
    await fs.rename(checkout, target);
    archived.checkout = target;
    if (archived.bare) {
      // the checkout's origin follows its bare repository into the archive
      await git(['remote', 'set-url', 'origin', archived.bare], target).catch(
        () => undefined,
      );
    }
  }
  return archived;
}
