import type { ResolvedEnvironment } from '@terrace/plugin-environments-common';
import { stringify } from 'yaml';
import type { TerraformEmitter } from './emitter';

/** Terraform version the workflow installs; the generated configuration is checked with it. */
export const WORKFLOW_TERRAFORM_VERSION = '1.5.7';

const PLAN_COMMENT_SCRIPT = [
  "const fs = require('fs');",
  "const plan = fs.readFileSync('terraform/plan.txt', 'utf8');",
  'const max = 60000;',
  "const body = '### Terraform plan: ' + process.env.ENVIRONMENT + '\\n\\n```\\n' +",
  "  (plan.length > max ? plan.slice(0, max) + '\\n... (truncated)' : plan) + '\\n```';",
  'await github.rest.issues.createComment({',
  '  owner: context.repo.owner,',
  '  repo: context.repo.repo,',
  '  issue_number: context.issue.number,',
  '  body,',
  '});',
].join('\n');

/** When the drift job runs: every 6 hours, at minute 17 (off the hour, when GitHub is busiest). */
export const WORKFLOW_DRIFT_CRON = '17 */6 * * *';

/**
 * The drift job's id, which GitHub Actions also uses as its check run's name: the backend finds
 * the latest drift result with `GET /repos/{owner}/{repo}/commits/{ref}/check-runs?check_name=drift`.
 */
export const WORKFLOW_DRIFT_JOB = 'drift';

/**
 * Title of the check run annotation (a `::warning` workflow command) that the drift job writes when
 * the plan has changes: its message lists each changed resource on its own line as
 * `<address> (<action>, <action>)`, e.g. `aws_s3_bucket.assets (update)`, or says the outputs differ.
 */
export const WORKFLOW_DRIFT_ANNOTATION = 'terraform drift';

/**
 * Title of the check run annotation (a `::error` workflow command) that the drift job writes when
 * the plan itself failed (exit 1): its message is Terraform's first error line.
 */
export const WORKFLOW_DRIFT_ERROR_ANNOTATION = 'terraform drift check failed';

/**
 * The drift job's plan step (bash with `-eo pipefail`, in `terraform/`): plans with
 * `-detailed-exitcode` into a plan file (never applied); on exit 2 lists the changed resources
 * with `terraform show -json` and jq into a {@link WORKFLOW_DRIFT_ANNOTATION} annotation (the
 * backend reads it from the check run) and the plan into the job summary; on exit 1 writes a
 * {@link WORKFLOW_DRIFT_ERROR_ANNOTATION} annotation. Exits with the plan's code, so drift and
 * errors fail the job. `%`, CR and LF are escaped as GitHub's workflow commands require.
 */
export const WORKFLOW_DRIFT_SCRIPT = String.raw`set +e
terraform plan -input=false -no-color -lock-timeout=5m -detailed-exitcode -out=drift.tfplan 2>&1 | tee plan.txt
code=$PIPESTATUS
set -e
escape() { printf '%s' "$1" | tr -d '\r' | sed 's/%/%25/g' | sed ':a;N;$!ba;s/\n/%0A/g'; }
if [ "$code" -eq 2 ]; then
  changed=$(terraform show -json drift.tfplan | jq -r '[.resource_changes[]? | select(.change.actions != ["no-op"] and .change.actions != ["read"]) | .address + " (" + (.change.actions | join(", ")) + ")"] | join("\n")')
  if [ -z "$changed" ]; then changed='no resource changes: the outputs differ from the state'; fi
  echo "::warning title=${WORKFLOW_DRIFT_ANNOTATION}::$(escape "$changed")"
  { echo "### Terraform drift: $ENVIRONMENT"; echo; echo '~~~'; cat plan.txt; echo '~~~'; } >> "$GITHUB_STEP_SUMMARY"
elif [ "$code" -ne 0 ]; then
  error=$(grep -m1 'Error:' plan.txt || echo "terraform plan exited $code")
  echo "::error title=${WORKFLOW_DRIFT_ERROR_ANNOTATION}::$(escape "$error")"
fi
exit "$code"
`;

/**
 * `.github/workflows/terraform.yml`: plan on pull request (the plan posted as a comment), apply on
 * merge to main, a scheduled drift job ({@link WORKFLOW_DRIFT_SCRIPT}: the job fails when the cloud
 * no longer matches the state, so the repository's checks show drift, and its check run carries
 * the changed resources as an annotation), the cloud's credentials from the emitter (OIDC, no stored keys), one
 * concurrency group per environment so two runs never hold the state at once.
 */
export function terraformWorkflow(
  env: ResolvedEnvironment,
  emitter: TerraformEmitter,
): string {
  const setup = [
    { uses: 'actions/checkout@v4' },
    {
      uses: 'hashicorp/setup-terraform@v3',
      with: {
        terraform_version: WORKFLOW_TERRAFORM_VERSION,
        terraform_wrapper: false,
      },
    },
    ...emitter.workflowCredentialSteps(env),
    { name: 'terraform init', run: 'terraform init -input=false' },
  ];
  const hasAtlas = env.components.some(c => c.type === 'mongodb');
  const jobEnv: Record<string, string> = { ENVIRONMENT: env.name };
  if (hasAtlas) {
    jobEnv.TF_VAR_atlas_public_key = '${{ secrets.ATLAS_PUBLIC_KEY }}';
    jobEnv.TF_VAR_atlas_private_key = '${{ secrets.ATLAS_PRIVATE_KEY }}';
  }
  const workflow = {
    name: `terraform ${env.name}`,
    on: {
      pull_request: { paths: ['terraform/**', 'environment.yaml'] },
      push: { branches: ['main'], paths: ['terraform/**', 'environment.yaml'] },
      schedule: [{ cron: WORKFLOW_DRIFT_CRON }],
    },
    permissions: {
      'id-token': 'write',
      contents: 'read',
      'pull-requests': 'write',
    },
    concurrency: {
      group: `terraform-${env.name}`,
      'cancel-in-progress': false,
    },
    defaults: { run: { 'working-directory': 'terraform' } },
    jobs: {
      plan: {
        if: "github.event_name == 'pull_request'",
        'runs-on': 'ubuntu-latest',
        env: jobEnv,
        steps: [
          ...setup,
          { name: 'terraform fmt', run: 'terraform fmt -check -recursive' },
          { name: 'terraform validate', run: 'terraform validate -no-color' },
          {
            name: 'terraform plan',
            run: 'terraform plan -input=false -no-color -lock-timeout=5m -out=tfplan | tee plan.txt',
          },
          {
            name: 'Post the plan on the pull request',
            uses: 'actions/github-script@v7',
            with: { script: PLAN_COMMENT_SCRIPT },
          },
        ],
      },
      apply: {
        if: "github.event_name == 'push' && github.ref == 'refs/heads/main'",
        'runs-on': 'ubuntu-latest',
        environment: env.name,
        env: jobEnv,
        steps: [
          ...setup,
          {
            name: 'terraform apply',
            run: 'terraform apply -input=false -no-color -lock-timeout=5m -auto-approve',
          },
        ],
      },
      [WORKFLOW_DRIFT_JOB]: {
        if: "github.event_name == 'schedule'",
        'runs-on': 'ubuntu-latest',
        env: jobEnv,
        steps: [
          ...setup,
          {
            // exit 0: no drift; 2: drift (the job fails, so the check shows it); 1: error
            name: 'terraform plan -detailed-exitcode',
            run: WORKFLOW_DRIFT_SCRIPT,
          },
        ],
      },
    },
  };
  return stringify(workflow, { lineWidth: 0 });
}
