import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPublishGitAction, publishSummary } from './publishGit';
import { git } from './git';
import { checkpointStore, mockContext } from './__testUtils__';

describe('terrace:git:publish', () => {
  let root: string;
  let workspacePath: string;
  let localRoot: string;
  const settings = () => ({
    localRoot,
    defaultBranch: 'main',
    authorName: 'Terrace',
    authorEmail: 'terrace@localhost',
  });

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-publish-'));
    workspacePath = path.join(root, 'workspace');
    localRoot = path.join(root, 'repos');
    await fs.mkdir(path.join(workspacePath, 'terraform'), { recursive: true });
    await fs.writeFile(
      path.join(workspacePath, 'catalog-info.yaml'),
      'kind: Resource\n',
    );
    await fs.writeFile(
      path.join(workspacePath, 'terraform', 'main.tf'),
      '# main\n',
    );
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('creates a bare repository under the local root, pushes the workspace and checks it out', async () => {
    const ctx = mockContext({ input: { name: 'shop-dev' }, workspacePath });
    await createPublishGitAction({ settings: settings() }).handler(ctx);

    const bare = path.join(localRoot, 'shop-dev.git');
    const files = (
      await git(['ls-tree', '-r', '--name-only', 'main'], bare)
    ).split('\n');
    expect(files.sort()).toEqual(['catalog-info.yaml', 'terraform/main.tf']);
    const hash = await git(['rev-parse', 'main'], bare);
    expect(ctx.output).toHaveBeenCalledWith('commitHash', hash);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      pathToFileURL(bare).href,
    );
    const checkout = path.join(localRoot, 'shop-dev');
    expect(ctx.output).toHaveBeenCalledWith('localPath', checkout);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      pathToFileURL(path.join(checkout, 'catalog-info.yaml')).href,
    );
    await expect(
      fs.readFile(path.join(checkout, 'catalog-info.yaml'), 'utf8'),
    ).resolves.toBe('kind: Resource\n');
  });

  it('refuses to publish a new environment over an existing repository', async () => {
    const action = createPublishGitAction({ settings: settings() });
    await action.handler(
      mockContext({ input: { name: 'shop-dev' }, workspacePath }),
    );

    const second = path.join(root, 'second');
    await fs.mkdir(second);
    await fs.writeFile(
      path.join(second, 'catalog-info.yaml'),
      'kind: Resource # v2\n',
    );
    // a fresh workspace, as a second task would have: it is pushed over the first
    const ctx = mockContext({
      input: { name: 'shop-dev', commitMessage: 'v2' },
      workspacePath: second,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /name: a repository "shop-dev" already exists in .* with branch main/,
    );
  });

  it('publishes only the given folder', async () => {
    const ctx = mockContext({
      input: { name: 'shop-dev', sourcePath: 'terraform' },
      workspacePath,
    });
    await createPublishGitAction({ settings: settings() }).handler(ctx);
    const files = await git(
      ['ls-tree', '-r', '--name-only', 'main'],
      path.join(localRoot, 'shop-dev.git'),
    );
    expect(files).toBe('main.tf');
  });

  it('in a dry run reports where it would push and writes nothing', async () => {
    const ctx = mockContext({
      input: { name: 'shop-dev' },
      workspacePath,
      isDryRun: true,
    });
    await createPublishGitAction({ settings: settings() }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      pathToFileURL(path.join(localRoot, 'shop-dev.git')).href,
    );
    await expect(fs.stat(localRoot)).rejects.toThrow();
  });

  it('does not push again when the task is retried after the push', async () => {
    const { checkpoint } = checkpointStore();
    const action = createPublishGitAction({ settings: settings() });
    await action.handler(
      mockContext({ input: { name: 'shop-dev' }, workspacePath, checkpoint }),
    );
    const first = await git(
      ['rev-parse', 'main'],
      path.join(localRoot, 'shop-dev.git'),
    );
    await fs.writeFile(path.join(workspacePath, 'later.txt'), 'x');
    const ctx = mockContext({
      input: { name: 'shop-dev' },
      workspacePath,
      checkpoint,
    });
    await action.handler(ctx);
    expect(
      await git(['rev-parse', 'main'], path.join(localRoot, 'shop-dev.git')),
    ).toBe(first);
    expect(ctx.output).toHaveBeenCalledWith('commitHash', first);
  });

  it.each([
    [
      { name: 'shop-dev', remoteUrl: 'file:///etc/passwd.git' },
      /remoteUrl: a local repository must be under/,
    ],
    [
      { name: 'shop-dev', remoteUrl: 'ftp://x/y' },
      /remoteUrl: "ftp:\/\/x\/y" is not an https, ssh or file git URL/,
    ],
    [
      { name: 'shop-dev', sourcePath: '../..' },
      /sourcePath: "..\/.." is outside the task workspace/,
    ],
    [
      { name: 'shop-dev', branch: 'a..b' },
      /branch: "a..b" is not a valid branch name/,
    ],
  ])(
    'refuses bad input %j with a message naming the field',
    async (input, message) => {
      const ctx = mockContext({ input, workspacePath });
      await expect(
        createPublishGitAction({ settings: settings() }).handler(ctx),
      ).rejects.toThrow(message);
      await expect(fs.stat(localRoot)).rejects.toThrow();
    },
  );
});

describe('publishSummary', () => {
  it('gives a local repository as its path and the clone command, not a file: link', () => {
    const text = publishSummary(
      'file:///var/terrace/repos/shop-dev.git',
      'main',
      '/var/terrace/repos/shop-dev.git',
    );
    expect(text).toContain('`/var/terrace/repos/shop-dev.git`, branch `main`');
    expect(text).toContain(
      'Clone it on that host with `git clone /var/terrace/repos/shop-dev.git`',
    );
    expect(text).not.toContain('file:');
  });
});
