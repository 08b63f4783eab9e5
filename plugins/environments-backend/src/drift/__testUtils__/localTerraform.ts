/**
 * Local environments for the drift tests: a Terraform folder committed to a git repository under
 * `terrace.publish.localRoot` (as terrace:git:publish leaves it), and the config that has the
 * environments plugin plan it there with real Terraform.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Terraform binary the tests run: TERRACE_TERRAFORM_BIN, else `terraform` on PATH. */
export const TERRAFORM_BINARY =
  process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';

/** A configuration with nothing in it: its plan has no changes. */
export const CLEAN_TF = `terraform {
  required_version = ">= 1.4"
  backend "local" {}
}
`;

/** Never applied: its resource is not in any state, so the plan has changes. */
export const CHANGED_TF = `${CLEAN_TF}
resource "terraform_data" "app" {
  input = "hello"
}
`;

/**
 * Commits `tf` as `terraform/main.tf` to a new git repository `<localRoot>/<name>` (branch
 * `main`, one commit) and returns its `file:` URL with a trailing slash (what the entity's
 * `backstage.io/source-location` names, after `url:`).
 */
export async function localRepository(
  localRoot: string,
  name: string,
  tf: string,
): Promise<string> {
  const dir = path.join(localRoot, name);
  await fs.mkdir(path.join(dir, 'terraform'), { recursive: true });
  await fs.writeFile(path.join(dir, 'terraform', 'main.tf'), tf);
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Terrace',
        GIT_AUTHOR_EMAIL: 'terrace@localhost',
        GIT_COMMITTER_NAME: 'Terrace',
        GIT_COMMITTER_EMAIL: 'terrace@localhost',
      },
    });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'Environment');
  return `${pathToFileURL(dir).href}/`;
}

/**
 * The `terrace` config for drift checks of the repositories under `localRoot`: the local
 * executor with {@link TERRAFORM_BINARY}, its locks in `lockDirectory`.
 */
export function localTerraformConfig(localRoot: string, lockDirectory: string) {
  return {
    terrace: {
      publish: { localRoot },
      terraform: { executor: 'local', binary: TERRAFORM_BINARY, lockDirectory },
    },
  };
}
