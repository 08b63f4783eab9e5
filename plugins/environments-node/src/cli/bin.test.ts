import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/terrace');
const STACKS = path.resolve(
  __dirname,
  '../../../environments-common/src/spec/__fixtures__',
);

/** Runs the real `terrace` bin in its own Node process, as a user would. */
function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the terrace bin', () => {
  it('validates a reference stack from the TypeScript sources, no build step', () => {
    const r = run('validate', path.join(STACKS, 'mve-production.yaml'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mve-production is valid/);
  });

  it('exits 1 with problem lines and no stack trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-bin-'));
    try {
      const file = path.join(dir, 'bad.yaml');
      fs.writeFileSync(
        file,
        'apiVersion: terrace.dev/v1alpha1\nkind: Environment\nmetadata: {name: x}\nspec: {}\n',
      );
      const r = run('validate', file);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toEqual([
        'metadata.name: "x" must be 3-32 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
        'metadata.owner: is required',
        'spec.cloud: is required: one of aws, azure, gcp',
        'spec.tier: is required: one of dev, staging, prod',
        'spec.region: is required',
        'spec.components: is required: list at least one component',
      ]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints usage for an unknown command and exits 1', () => {
    const r = run('frobnicate');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
