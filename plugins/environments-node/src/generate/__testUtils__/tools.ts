import { spawnSync, SpawnSyncReturns } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

/** Runs a tool and returns its result; never throws for a non-zero exit. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): SpawnSyncReturns<string> {
  const result = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) {
    throw new Error(`could not run ${cmd}: ${result.error.message}`);
  }
  return result;
}

export const terraformBin = () =>
  process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';
export const checkovBin = () => process.env.TERRACE_CHECKOV_BIN ?? 'checkov';

/** tools/aws-provider-schema at the repository root. */
export function schemaToolDir(): string {
  return path.resolve(__dirname, '../../../../../tools/aws-provider-schema');
}

let schemaBin: string | undefined;

/**
 * The schema dumper: `TERRACE_AWS_SCHEMA_BIN` (CI builds it), else built here from the module
 * cache without network access (`GOPROXY=off`).
 */
export function awsSchemaBin(): string {
  if (process.env.TERRACE_AWS_SCHEMA_BIN)
    return process.env.TERRACE_AWS_SCHEMA_BIN;
  if (schemaBin) return schemaBin;
  const out = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-schema-')),
    'aws-provider-schema',
  );
  const built = run('go', ['build', '-o', out, '.'], {
    cwd: schemaToolDir(),
    env: { GOPROXY: 'off', GOFLAGS: '-mod=mod' },
  });
  if (built.status !== 0) {
    throw new Error(
      `could not build tools/aws-provider-schema (run "go mod download" there first, or set TERRACE_AWS_SCHEMA_BIN): ${built.stderr}`,
    );
  }
  schemaBin = out;
  return out;
}
