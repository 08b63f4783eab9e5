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
 * `.github/workflows/terraform.yml`: plan on pull request (the plan posted as a comment), apply on
 * merge to main, a scheduled drift job (`terraform plan -detailed-exitcode`: the job fails when
 * the cloud no longer matches the state, so the repository's checks show drift), the cloud's credentials from the emitter (OIDC, no stored keys), one
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
      drift: {
        if: "github.event_name == 'schedule'",
        'runs-on': 'ubuntu-latest',
        env: jobEnv,
        steps: [
          ...setup,
          {
            // exit 0: no drift; 2: drift (the job fails, so the check shows it); 1: error
            name: 'terraform plan -detailed-exitcode',
            run: 'terraform plan -input=false -no-color -lock-timeout=5m -detailed-exitcode',
          },
        ],
      },
    },
  };
  return stringify(workflow, { lineWidth: 0 });
}
