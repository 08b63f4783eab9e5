import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PublishSettings } from '../../config';
import { generateEnvironmentFiles } from '../../generator';
import { createGenerateEnvironmentAction } from '../generateEnvironment';
import { createPublishGitAction } from '../publishGit';
import { mockContext } from './context';

/** Creates the environment as the Create template does: generate, then publish locally. */
export async function createLocalEnvironment(
  root: string,
  publish: PublishSettings,
  form: Record<string, unknown>,
) {
  const workspacePath = await fs.mkdtemp(path.join(root, 'create-'));
  const input = form as any;
  await createGenerateEnvironmentAction({
    generate: generateEnvironmentFiles,
    defaultSourceLocation: name =>
      `file://${path.join(publish.localRoot, name)}/`,
  }).handler(mockContext({ input, workspacePath }));
  await createPublishGitAction({ settings: publish }).handler(
    mockContext({ input: { name: form.name as string }, workspacePath }),
  );
  return path.join(publish.localRoot, `${form.name}.git`);
}
