/**
 * The generated repo's `.gitignore`: what Terraform writes into a working copy and must never be
 * committed, so that `git add --all` after a `terraform init` / `plan -out=tfplan` in a clone (the
 * README's own commands) commits only the environment's sources.
 *
 * Kept: `.terraform.lock.hcl` (Terraform's dependency lock belongs in version control) and
 * `terraform.tfvars` (Terrace writes it with the environment's non-secret inputs).
 * Ignored: the `.terraform/` directory of downloaded providers and modules; saved plans (`tfplan`,
 * `*.tfplan`), which hold every value Terraform knows, sensitive ones included; local state files and
 * their backups (state lives in the remote backend); Terraform's crash logs.
 *
 * @returns the file's text, the same for every environment and cloud
 */
export function environmentGitignore(): string {
  return [
    '# Written by Terrace. Files Terraform makes in a working copy; never commit them.',
    '# Providers and modules downloaded by `terraform init`.',
    '.terraform/',
    '# Saved plans hold every value Terraform knows, sensitive ones included.',
    'tfplan',
    '*.tfplan',
    '# State lives in the remote backend; a local copy or backup must not be committed.',
    '*.tfstate',
    '*.tfstate.*',
    '.terraform.tfstate.lock.info',
    '# Terraform crash logs.',
    'crash.log',
    'crash.*.log',
    '',
  ].join('\n');
}
