import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CiTerraformExecutor } from '../terraform/ci';
import { EnvironmentLocks } from '../terraform/lock';
import { LocalTerraformExecutor } from '../terraform/local';
import { checkDrift, CI_DRIFT_REASON } from './checkDrift';

jest.setTimeout(120_000);

const binary = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';
const fixture = path.join(
  __dirname,
  '..',
  'terraform',
  '__fixtures__',
  'basic',
);
const at = new Date('2026-12-01T10:00:00.000Z');

describe('checkDrift', () => {
  let root: string;
  let work: string;
  let lines: string[];

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-drift-'));
    work = path.join(root, 'terraform');
    await fs.cp(fixture, work, { recursive: true });
    lines = [];
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const local = () =>
    new LocalTerraformExecutor({
      binary,
      locks: new EnvironmentLocks(path.join(root, 'locks')),
    });
  const request = {
    environment: 'shop-dev',
    workingDirectory: '',
    variables: { db_password: 'pw-drift-secret' },
    log: (line: string) => lines.push(line),
  };

  it('local: none after an apply, drifted naming the resource when the state was changed behind Terraform, never applying', async () => {
    await local().run({ ...request, workingDirectory: work });

    const clean = await checkDrift({
      executor: local(),
      request: { ...request, workingDirectory: work },
      now: () => at,
    });
    expect(clean).toEqual({
      environment: 'shop-dev',
      status: 'none',
      checkedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(lines).toContain(`$ ${binary} plan -detailed-exitcode`);

    // someone changed the recorded object outside this configuration
    const statePath = path.join(work, 'terraform.tfstate');
    const state = JSON.parse(await fs.readFile(statePath, 'utf8'));
    const app = state.resources.find(
      (r: { type: string; name: string }) =>
        r.type === 'terraform_data' && r.name === 'app',
    );
    app.instances[0].attributes.input.value.greeting = 'changed by hand';
    state.serial += 1;
    await fs.writeFile(statePath, JSON.stringify(state));

    const drifted = await checkDrift({
      executor: local(),
      request: { ...request, workingDirectory: work },
      now: () => at,
    });
    expect(drifted.status).toBe('drifted');
    expect(drifted.resources).toEqual([
      { address: 'terraform_data.app', actions: expect.any(Array) },
    ]);
    expect(drifted.resources![0].actions.length).toBeGreaterThan(0);
    // a plan only: the state still holds the hand-made change
    const after = JSON.parse(await fs.readFile(statePath, 'utf8'));
    expect(after.serial).toBe(state.serial);
    expect(lines.join('\n')).not.toContain('pw-drift-secret');
  });

  it("local: unknown with Terraform's error when the plan fails (exit 1)", async () => {
    await fs.appendFile(
      path.join(work, 'main.tf'),
      '\nresource "terraform_data" "broken" {\n  input = var.missing\n}\n',
    );
    const result = await checkDrift({
      executor: local(),
      request: { ...request, workingDirectory: work },
      now: () => at,
    });
    expect(result.status).toBe('unknown');
    expect(result.reason).toMatch(/^terraform plan failed: /);
    expect(result.reason).toContain('Reference to undeclared input variable');
  });

  it('ci: unknown, saying the drift job runs in the repository', async () => {
    const result = await checkDrift({
      executor: new CiTerraformExecutor(),
      request: { ...request, workingDirectory: work },
      now: () => at,
    });
    expect(result).toEqual({
      environment: 'shop-dev',
      status: 'unknown',
      checkedAt: '2026-12-01T10:00:00.000Z',
      reason: CI_DRIFT_REASON,
    });
    expect(lines).toEqual([]);
  });
});
