import { parse } from '@cdktf/hcl2json';
import fs from 'fs';
import path from 'path';
import { run } from './tools';

/**
 * The Terraform CLIs the generated repos are held to: terraform 1.5.7 (`TERRACE_TERRAFORM_BIN`)
 * and OpenTofu (`TERRACE_TOFU_BIN`), both resolving providers from the filesystem mirror that
 * `tools/terraform-providers/install.sh` lays out (`TF_CLI_CONFIG_FILE`).
 */
export interface TerraformCli {
  /** `terraform` or `tofu`: the name used in test titles. */
  name: 'terraform' | 'tofu';
  bin: string;
  /** Version without a leading `v`, e.g. `1.5.7`. */
  version: string;
}

function cliVersion(bin: string): string {
  const out = run(bin, ['version', '-json']);
  if (out.status !== 0) {
    throw new Error(
      `${bin} version failed (exit ${out.status}): ${out.stderr}`,
    );
  }
  return String(JSON.parse(out.stdout).terraform_version);
}

/** Fails, naming what to run, when the provider mirror is not configured or lacks a provider. */
export function assertProviderMirror(providers = ['aws', 'random']): void {
  const config = process.env.TF_CLI_CONFIG_FILE;
  const mirror = process.env.TERRACE_PROVIDER_MIRROR;
  const hint =
    'run `eval "$(bash tools/terraform-providers/install.sh)"` (scripts/tools.sh does it) so that TF_CLI_CONFIG_FILE and TERRACE_PROVIDER_MIRROR point at the provider mirror';
  if (!config || !fs.existsSync(config)) {
    throw new Error(`TF_CLI_CONFIG_FILE is not set to a file: ${hint}`);
  }
  if (!mirror) throw new Error(`TERRACE_PROVIDER_MIRROR is not set: ${hint}`);
  for (const p of providers) {
    const dir = path.join(mirror, 'registry.terraform.io', 'hashicorp', p);
    if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) {
      throw new Error(
        `the provider mirror has no hashicorp/${p} (${dir}): ${hint}`,
      );
    }
  }
}

/** terraform (`TERRACE_TERRAFORM_BIN`) and OpenTofu (`TERRACE_TOFU_BIN`); a missing one is an error. */
export function terraformClis(): TerraformCli[] {
  const found: TerraformCli[] = [];
  for (const [name, variable] of [
    ['terraform', 'TERRACE_TERRAFORM_BIN'],
    ['tofu', 'TERRACE_TOFU_BIN'],
  ] as const) {
    const bin = process.env[variable];
    if (!bin) {
      throw new Error(
        `${variable} is not set: source scripts/tools.sh (it builds ${name} into .tools/go-bin)`,
      );
    }
    found.push({ name, bin, version: cliVersion(bin) });
  }
  return found;
}

/** Runs one CLI command in `cwd` with no colour and no prompts; never throws for a non-zero exit. */
export function tf(
  cli: TerraformCli,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
) {
  return run(cli.bin, args, {
    cwd,
    env: {
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      // Terraform 1.5.7 and OpenTofu record the same provider hashes in the lock file; the lock
      // file is not part of the generated repo.
      ...env,
    },
  });
}

/** One diagnostic of `validate -json`. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number } };
}

/** `init -backend=false` then `validate -json` in a generated `terraform/` directory. */
export function initAndValidate(
  cli: TerraformCli,
  dir: string,
): { init: ReturnType<typeof tf>; valid: boolean; diagnostics: Diagnostic[] } {
  const init = tf(cli, ['init', '-backend=false', '-no-color'], dir);
  if (init.status !== 0) return { init, valid: false, diagnostics: [] };
  const validate = tf(cli, ['validate', '-json', '-no-color'], dir);
  const report = JSON.parse(validate.stdout) as {
    valid: boolean;
    diagnostics: Diagnostic[];
  };
  return { init, valid: report.valid, diagnostics: report.diagnostics };
}

/** A diagnostic as one line: `severity file:line summary: detail`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.range
    ? `${path.basename(d.range.filename)}:${d.range.start.line} `
    : '';
  return `${d.severity} ${where}${d.summary}${d.detail ? `: ${d.detail}` : ''}`;
}

/** The generated `backend "s3"` settings (bucket, key, region, dynamodb_table, encrypt). */
export async function readS3Backend(
  terraformDir: string,
): Promise<Record<string, string | boolean>> {
  const doc = (await parse(
    'backend.tf',
    fs.readFileSync(path.join(terraformDir, 'backend.tf'), 'utf8'),
  )) as {
    terraform?: Array<{ backend?: { s3?: Array<Record<string, any>> } }>;
  };
  const s3 = doc.terraform?.[0]?.backend?.s3?.[0];
  if (!s3) throw new Error(`${terraformDir}/backend.tf has no backend "s3"`);
  return s3;
}
