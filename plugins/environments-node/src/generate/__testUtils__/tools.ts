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

let azurermBin: string | undefined;

/**
 * The azurerm schema dumper (tools/azurerm-provider-schema, azurerm 4.40.0):
 * `TERRACE_AZURERM_SCHEMA_BIN` (scripts/tools.sh builds it), else built here from the module cache
 * without network access (`GOPROXY=off`).
 */
export function azurermSchemaBin(): string {
  if (process.env.TERRACE_AZURERM_SCHEMA_BIN)
    return process.env.TERRACE_AZURERM_SCHEMA_BIN;
  if (azurermBin) return azurermBin;
  const dir = path.resolve(
    __dirname,
    '../../../../../tools/azurerm-provider-schema',
  );
  const out = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-schema-')),
    'azurerm-provider-schema',
  );
  const built = run('go', ['build', '-o', out, '.'], {
    cwd: dir,
    env: { GOPROXY: 'off', GOFLAGS: '-mod=mod' },
  });
  if (built.status !== 0) {
    throw new Error(
      `could not build tools/azurerm-provider-schema (run its install.sh first, or set TERRACE_AZURERM_SCHEMA_BIN): ${built.stderr}`,
    );
  }
  azurermBin = out;
  return out;
}

/** Schemas of azurerm resources newer than the dumper's 4.40.0 (tools/azurerm-provider-schema/newer). */
export function newerAzurermSchemas(): Record<string, { block: unknown }> {
  const dir = path.resolve(
    __dirname,
    '../../../../../tools/azurerm-provider-schema/newer',
  );
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.json'))
      .map(f => [
        f.replace(/\.json$/, ''),
        JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')),
      ]),
  );
}
