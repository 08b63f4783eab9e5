import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { localRepositoryUrlReader } from './localRepositoryReader';

describe('localRepositoryUrlReader', () => {
  let root: string;
  let repos: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-reader-'));
    repos = path.join(root, 'repos');
    await fs.mkdir(path.join(repos, 'shop-dev'), { recursive: true });
    await fs.writeFile(
      path.join(repos, 'shop-dev', 'cost.json'),
      '{"monthly":58.53}',
    );
    await fs.writeFile(path.join(root, 'secret.txt'), 'host file');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it("reads a file of a published environment's repository", async () => {
    const reader = localRepositoryUrlReader(repos);
    const response = await reader.readUrl(
      pathToFileURL(path.join(repos, 'shop-dev', 'cost.json')).href,
    );
    expect(JSON.parse((await response.buffer()).toString())).toEqual({
      monthly: 58.53,
    });
  });

  it('says a missing file is not found', async () => {
    const reader = localRepositoryUrlReader(repos);
    await expect(
      reader.readUrl(
        pathToFileURL(path.join(repos, 'other', 'cost.json')).href,
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses files outside the repositories, also through a symbolic link', async () => {
    const reader = localRepositoryUrlReader(repos);
    await expect(
      reader.readUrl(pathToFileURL(path.join(root, 'secret.txt')).href),
    ).rejects.toBeInstanceOf(NotAllowedError);
    await fs.symlink(
      path.join(root, 'secret.txt'),
      path.join(repos, 'shop-dev', 'link.json'),
    );
    await expect(
      reader.readUrl(
        pathToFileURL(path.join(repos, 'shop-dev', 'link.json')).href,
      ),
    ).rejects.toThrow('is outside the local repositories');
  });
});
