import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, InputError } from '@backstage/errors';
import { EnvironmentLocks } from './lock';
import { LocalTerraformExecutor } from './local';
import { TerraformCommandError, TerraformTimeoutError } from './process';

jest.setTimeout(120_000);

const binary = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';
const fixture = path.join(__dirname, '__fixtures__', 'basic');
const PASSWORD = 'pw-4f9e1c7a-very-secret';

describe('LocalTerraformExecutor (real terraform)', () => {
  let root: string;
  let work: string;
  let locks: EnvironmentLocks;
  let lines: string[];
  const log = (line: string) => lines.push(line);

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-tf-'));
    work = path.join(root, 'terraform');
    await fs.cp(fixture, work, { recursive: true });
    locks = new EnvironmentLocks(path.join(root, 'locks'));
    lines = [];
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const executor = () =>
    new LocalTerraformExecutor({ binary, locks, killGraceMs: 2000 });
  const request = (extra: object = {}) => ({
    environment: 'shop-dev',
    workingDirectory: work,
    variables: { db_password: PASSWORD },
    log,
    ...extra,
  });

  it('inits, plans, applies the saved plan, captures outputs, then destroys', async () => {
    const applied = await executor().run(request());
    expect(applied.status).toBe('applied');
    expect(applied.plan).toMatchObject({ add: 2, change: 0, destroy: 0 });
    expect(applied.plan?.resources.map(r => r.address).sort()).toEqual([
      'module.child.terraform_data.child',
      'terraform_data.app',
    ]);
    expect(applied.outputs?.greeting).toEqual({
      sensitive: false,
      value: 'hello',
    });
    expect(applied.outputs?.password).toEqual({ sensitive: true });
    expect(typeof applied.outputs?.child_id.value).toBe('string');
    expect(lines).toContain('Plan: 2 to add, 0 to change, 0 to destroy.');
    expect(
      lines.some(l => l.includes('Apply complete! Resources: 2 added')),
    ).toBe(true);
    const state = JSON.parse(
      await fs.readFile(path.join(work, 'terraform.tfstate'), 'utf8'),
    );
    expect(state.resources).toHaveLength(2);

    // A second apply changes nothing.
    const again = await executor().run(request());
    expect(again.plan).toMatchObject({ add: 0, change: 0, destroy: 0 });

    const destroyed = await executor().run(request({ destroy: true }));
    expect(destroyed.plan).toMatchObject({ add: 0, change: 0, destroy: 2 });
    const after = JSON.parse(
      await fs.readFile(path.join(work, 'terraform.tfstate'), 'utf8'),
    );
    expect(after.resources).toHaveLength(0);

    // The sensitive value never reached the log, not even masked state dumps.
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('masks a sensitive variable and credential-shaped values even when Terraform prints them', async () => {
    await fs.writeFile(
      path.join(work, 'leak.tf'),
      [
        'output "leaked" {',
        '  value = nonsensitive(var.db_password)',
        '}',
        'output "key_id" {',
        '  value = "AKIAIOSFODNN7EXAMPLE"',
        '}',
      ].join('\n'),
    );
    const result = await executor().run(
      request({
        env: {
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        },
      }),
    );
    expect(result.outputs?.leaked.value).toBe(PASSWORD);
    const text = lines.join('\n');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(text).toContain('***');
  });

  it("passes only the run's own values to Terraform, nothing of the host's environment", async () => {
    process.env.TF_VAR_greeting = 'from-the-host';
    try {
      const result = await executor().run(request());
      expect(result.outputs?.greeting.value).toBe('hello');
      const own = await executor().run(
        request({
          variables: { db_password: PASSWORD, greeting: 'from-the-run' },
        }),
      );
      expect(own.outputs?.greeting.value).toBe('from-the-run');
    } finally {
      delete process.env.TF_VAR_greeting;
    }
  });

  it('plans only when asked, changing nothing', async () => {
    const result = await executor().run(request({ planOnly: true }));
    expect(result.status).toBe('planned');
    expect(result.message).toBe('Plan: 2 to add, 0 to change, 0 to destroy.');
    await expect(
      fs.stat(path.join(work, 'terraform.tfstate')),
    ).rejects.toThrow();
  });

  it("fails a broken configuration with Terraform's own error and leaves the state intact", async () => {
    await executor().run(request());
    const before = await fs.readFile(
      path.join(work, 'terraform.tfstate'),
      'utf8',
    );
    await fs.writeFile(
      path.join(work, 'broken.tf'),
      'resource "terraform_data" "broken" {\n  input = var.not_declared\n}\n',
    );
    lines = [];
    const error = await executor()
      .run(request())
      .catch(e => e);
    expect(error).toBeInstanceOf(TerraformCommandError);
    expect(error.message).toContain('Reference to undeclared input variable');
    expect(lines.join('\n')).toContain(
      'Error: Reference to undeclared input variable',
    );
    expect(
      await fs.readFile(path.join(work, 'terraform.tfstate'), 'utf8'),
    ).toBe(before);
    // and the lock was released
    await expect(locks.acquire('shop-dev')).resolves.toBeDefined();
  });

  it('refuses a second concurrent apply to the same environment', async () => {
    const results = await Promise.allSettled([
      executor().run(request()),
      executor().run(request()),
    ]);
    const rejected = results.filter(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult[];
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(ConflictError);
    expect(rejected[0].reason.message).toMatch(
      /Another Terraform run for environment "shop-dev" is in progress/,
    );
  });

  it('refuses a configuration with a local-exec provisioner before init', async () => {
    await fs.writeFile(
      path.join(work, 'evil.tf'),
      'resource "terraform_data" "evil" {\n  provisioner "local-exec" {\n    command = "touch pwned"\n  }\n}\n',
    );
    const error = await executor()
      .run(request())
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(
      'terraform/evil.tf: resource.terraform_data.evil: has a "local-exec" provisioner',
    );
    // nothing ran: no init, no file
    await expect(fs.stat(path.join(work, '.terraform'))).rejects.toThrow();
    await expect(fs.stat(path.join(work, 'pwned'))).rejects.toThrow();
    expect(lines).toEqual([]);
  });

  describe('host-side override and backend files (terrace.terraform.local)', () => {
    let hostFiles: string;
    beforeEach(async () => {
      hostFiles = path.join(root, 'host');
      await fs.mkdir(hostFiles);
    });

    it('merges an override file over the generated blocks for the run, then removes it', async () => {
      const override = path.join(hostFiles, 'emulator.tf');
      await fs.writeFile(
        override,
        'variable "greeting" {\n  default = "from-the-override"\n}\n',
      );
      const result = await new LocalTerraformExecutor({
        binary,
        locks,
        overrideFiles: [override],
      }).run(request());
      expect(result.outputs?.greeting).toEqual({
        sensitive: false,
        value: 'from-the-override',
      });
      // the first log line says which binary ran
      expect(lines[0]).toMatch(/^(Terraform|OpenTofu) v\d+\.\d+\.\d+/);
      // gone after the run: nothing of the host's setup can be committed with the repo
      expect((await fs.readdir(work)).filter(f => f.endsWith('.tf'))).toEqual([
        'main.tf',
      ]);
    });

    it('passes backend configuration files to init, merged into the backend block', async () => {
      const backend = path.join(hostFiles, 'local.tfbackend');
      await fs.writeFile(backend, 'path = "state/shop-dev.tfstate"\n');
      await new LocalTerraformExecutor({
        binary,
        locks,
        backendConfigFiles: [backend],
      }).run(request());
      const state = JSON.parse(
        await fs.readFile(path.join(work, 'state', 'shop-dev.tfstate'), 'utf8'),
      );
      expect(state.resources).toHaveLength(2);
      await expect(
        fs.stat(path.join(work, 'terraform.tfstate')),
      ).rejects.toThrow();
    });

    it('refuses an override file with a provisioner, like generated configuration', async () => {
      const override = path.join(hostFiles, 'evil_override.tf');
      await fs.writeFile(
        override,
        'resource "terraform_data" "app" {\n  provisioner "local-exec" {\n    command = "touch pwned"\n  }\n}\n',
      );
      const error = await new LocalTerraformExecutor({
        binary,
        locks,
        overrideFiles: [override],
      })
        .run(request())
        .catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(
        'terraform/evil_override.tf: resource.terraform_data.app: has a "local-exec" provisioner',
      );
      await expect(fs.stat(path.join(work, '.terraform'))).rejects.toThrow();
      await expect(
        fs.stat(path.join(work, 'evil_override.tf')),
      ).rejects.toThrow();
      await expect(locks.acquire('shop-dev')).resolves.toBeDefined();
    });

    it('names the key of a missing or misnamed file before anything runs', async () => {
      const missing = await new LocalTerraformExecutor({
        binary,
        locks,
        overrideFiles: [path.join(hostFiles, 'nope.tf')],
      })
        .run(request())
        .catch(e => e);
      expect(missing).toBeInstanceOf(InputError);
      expect(missing.message).toBe(
        `terrace.terraform.local.overrideFiles[0]: ${path.join(
          hostFiles,
          'nope.tf',
        )} does not exist`,
      );
      const text = path.join(hostFiles, 'emulator.txt');
      await fs.writeFile(text, 'x');
      const misnamed = await new LocalTerraformExecutor({
        binary,
        locks,
        overrideFiles: [text],
      })
        .run(request())
        .catch(e => e);
      expect(misnamed.message).toBe(
        `terrace.terraform.local.overrideFiles[0]: ${text} must end in .tf or .tf.json (a Terraform override file)`,
      );
      expect(lines).toEqual([]);
    });

    it('refuses an AWS endpoint that is not an http(s) URL, naming the key', async () => {
      const error = await new LocalTerraformExecutor({
        binary,
        locks,
        awsEndpoint: '127.0.0.1:5000',
      })
        .run(request())
        .catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(
        'terrace.terraform.local.awsEndpoint: "127.0.0.1:5000" is not an http(s) URL, e.g. http://127.0.0.1:5000',
      );
    });

    it('with an AWS endpoint, adds no AWS override to a configuration without the AWS provider', async () => {
      const result = await new LocalTerraformExecutor({
        binary,
        locks,
        awsEndpoint: 'http://127.0.0.1:9',
      }).run(request());
      expect(result.status).toBe('applied');
      expect(lines).toContain('AWS calls of this run go to http://127.0.0.1:9');
    });
  });

  it('stops a run that exceeds its time limit', async () => {
    const error = await executor()
      .run(request({ timeoutMs: 50 }))
      .catch(e => e);
    expect(error).toBeInstanceOf(TerraformTimeoutError);
    expect(error.message).toMatch(/time limit/);
    await expect(locks.acquire('shop-dev')).resolves.toBeDefined();
  });
});
