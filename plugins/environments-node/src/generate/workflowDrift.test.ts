/**
 * The generated workflow's drift step, run as GitHub Actions runs it (bash, in `terraform/`,
 * GITHUB_STEP_SUMMARY set) with real Terraform over `terraform_data` (no provider, local state):
 * what it prints is the workflow commands GitHub turns into the check run's annotations, which
 * the backend reads (environments-backend src/drift/githubChecks.ts).
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { generateCase, variations } from './__testUtils__/fixtures';
import {
  WORKFLOW_DRIFT_ANNOTATION,
  WORKFLOW_DRIFT_ERROR_ANNOTATION,
  WORKFLOW_DRIFT_JOB,
} from './workflow';

jest.setTimeout(120_000);

const terraform = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';

const BACKEND = `terraform {
  backend "local" {}
}
`;

describe('the drift job of the generated workflow', () => {
  let dir: string;
  let script: string;
  let condition: string;
  const env = () => ({
    ...process.env,
    PATH: `${path.dirname(terraform)}${path.delimiter}${process.env.PATH}`,
    TF_IN_AUTOMATION: '1',
    ENVIRONMENT: 'shop-dev',
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
  });
  const tf = (...args: string[]) => {
    const r = spawnSync(terraform, args, {
      cwd: path.join(dir, 'terraform'),
      env: env(),
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(r.stderr || r.stdout);
  };
  const runDriftStep = () =>
    spawnSync('bash', ['-e', '-c', script], {
      cwd: path.join(dir, 'terraform'),
      env: env(),
      encoding: 'utf8',
    });
  const annotations = (stdout: string) =>
    stdout.split('\n').filter(l => l.startsWith('::'));

  beforeAll(async () => {
    const files = await generateCase(variations()[0]);
    const workflow = parse(files['.github/workflows/terraform.yml']);
    const job = workflow.jobs[WORKFLOW_DRIFT_JOB];
    condition = job.if;
    script = job.steps.at(-1).run;
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-workflow-drift-'));
    await fs.mkdir(path.join(dir, 'terraform'));
    await fs.writeFile(
      path.join(dir, 'terraform', 'main.tf'),
      `${BACKEND}
resource "terraform_data" "app" {
  input = "hello"
}

resource "terraform_data" "web" {
  for_each = toset(["50%"])
  input    = "old"
}
`,
    );
    tf('init', '-input=false', '-no-color');
    tf('apply', '-input=false', '-no-color', '-auto-approve');
  });
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('runs on the schedule only, and passes writing nothing when the cloud matches the state', () => {
    expect(condition).toBe("github.event_name == 'schedule'");
    const run = runDriftStep();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(annotations(run.stdout)).toEqual([]);
  });

  it('fails on drift with an annotation listing each changed resource, and the plan in the job summary', async () => {
    const main = path.join(dir, 'terraform', 'main.tf');
    // the state says "hello" and "old"; the configuration now differs for both
    await fs.writeFile(
      main,
      (await fs.readFile(main, 'utf8'))
        .replace('"hello"', '"changed"')
        .replace('"old"', '"new"'),
    );
    const run = runDriftStep();
    expect(run.status).toBe(2);
    expect(annotations(run.stdout)).toEqual([
      `::warning title=${WORKFLOW_DRIFT_ANNOTATION}::terraform_data.app (update)%0Aterraform_data.web["50%25"] (update)`,
    ]);
    const summary = await fs.readFile(path.join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('### Terraform drift: shop-dev');
    expect(summary).toContain('terraform_data.app will be updated in-place');
  });

  it('fails with an error annotation when the plan itself fails', async () => {
    await fs.writeFile(
      path.join(dir, 'terraform', 'broken.tf'),
      'resource "terraform_data" "broken" {\n  input = var.missing\n}\n',
    );
    const run = runDriftStep();
    expect(run.status).toBe(1);
    expect(annotations(run.stdout)).toEqual([
      `::error title=${WORKFLOW_DRIFT_ERROR_ANNOTATION}::Error: Reference to undeclared input variable`,
    ]);
  });
});
