import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { readPublishSettings } from './config';

function isInside(root: string, candidate: string) {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * A UrlReader for the local repositories of `terrace:git:publish` (`file://` URLs inside
 * `terrace.publish.localRoot`, symbolic links resolved): reads single files, such as the
 * `cost.json` the status API shows beside actual spend. Anything else under `file://` stays
 * unreadable. Trees and searches are refused.
 * @public
 */
export function localRepositoryUrlReader(localRoot: string): UrlReaderService {
  const resolve = async (url: string) => {
    const root = await fs
      .realpath(localRoot)
      .catch(() => path.resolve(localRoot));
    const file = fileURLToPath(url);
    const real = await fs.realpath(file).catch(e => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`${url} does not exist`);
      }
      throw e;
    });
    if (!isInside(root, real)) {
      throw new NotAllowedError(
        `${url} is outside the local repositories (terrace.publish.localRoot)`,
      );
    }
    return real;
  };
  return {
    async readUrl(url) {
      const file = await resolve(url);
      const [data, stat] = await Promise.all([
        fs.readFile(file),
        fs.stat(file),
      ]);
      return { buffer: async () => data, lastModifiedAt: stat.mtime };
    },
    async readTree(url) {
      throw new NotAllowedError(`Reading a tree from ${url} is not supported`);
    },
    async search(url) {
      throw new NotAllowedError(`Searching ${url} is not supported`);
    },
  };
}

/**
 * Adds {@link localRepositoryUrlReader} to the backend's UrlReader. Like
 * `catalogModuleEnvironmentFileLocations`, only for the embedded default, where environments
 * publish to local repositories: with it, a new environment's estimate (its repo's cost.json)
 * shows on its page and in the overview. Leave it out with a git host.
 * @public
 */
export const urlReaderEnvironmentLocalRepositories = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return ({ config }) => {
      const root = readPublishSettings(config).localRoot;
      return [
        {
          reader: localRepositoryUrlReader(root),
          predicate: (url: URL) =>
            url.protocol === 'file:' &&
            isInside(path.resolve(root), path.resolve(fileURLToPath(url))),
        },
      ];
    };
  },
});
