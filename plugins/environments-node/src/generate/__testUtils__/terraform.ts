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
  /**
   * S3 backend and provider argument style: Terraform before 1.6 has the flat `endpoint`,
   * `dynamodb_endpoint`, `force_path_style` backend arguments; Terraform 1.6+ and OpenTofu have
   * `endpoints { ... }` and `use_path_style`.
   */
  legacyS3Backend: boolean;
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
    const version = cliVersion(bin);
    const [major, minor] = version.split('.').map(Number);
    found.push({
      name,
      bin,
      version,
      legacyS3Backend: name === 'terraform' && major === 1 && minor < 6,
    });
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

/**
 * AWS provider `endpoints` keys of every service the generated stacks call (plus STS for the
 * caller identity). Each is sent to the emulator; a service missing here would go to real AWS
 * (and fail without credentials), so the list errs on the wide side.
 */
export const EMULATED_SERVICES = [
  'acm',
  'appautoscaling',
  'autoscaling',
  'cloudfront',
  'cloudwatch',
  'dynamodb',
  'ec2',
  'ecr',
  'ecs',
  'elasticache',
  'elb',
  'elbv2',
  'events',
  'iam',
  'kms',
  'logs',
  'rds',
  's3',
  's3control',
  'secretsmanager',
  'sns',
  'sqs',
  'ssm',
  'sts',
  'wafv2',
];

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

const hclValue = (v: string | boolean) =>
  typeof v === 'boolean' ? String(v) : JSON.stringify(v);

/**
 * The only place the emulator reaches Terraform: an override file written beside the generated
 * files (Terraform merges `*_override.tf` over them). It points the `aws` provider's service
 * endpoints and the S3 backend at `endpoint` and keeps the generated configuration as it is.
 * The backend block of an override replaces the generated one, so it repeats its settings.
 */
export function emulatorOverride(
  cli: TerraformCli,
  endpoint: string,
  backend: Record<string, string | boolean>,
): string {
  const width = Math.max(...EMULATED_SERVICES.map(s => s.length));
  const endpoints = EMULATED_SERVICES.map(
    s => `    ${s.padEnd(width)} = "${endpoint}"`,
  ).join('\n');
  const backendArgs: Array<[string, string | boolean]> = [
    ...Object.entries(backend),
    ...(cli.legacyS3Backend
      ? ([
          ['endpoint', endpoint],
          ['dynamodb_endpoint', endpoint],
          ['sts_endpoint', endpoint],
          ['iam_endpoint', endpoint],
          ['force_path_style', true],
        ] as Array<[string, string | boolean]>)
      : ([
          ['use_path_style', true],
          ['skip_requesting_account_id', true],
          ['skip_s3_checksum', true],
        ] as Array<[string, string | boolean]>)),
    ['skip_credentials_validation', true],
    ['skip_metadata_api_check', true],
    ['skip_region_validation', true],
  ];
  const bw = Math.max(...backendArgs.map(([k]) => k.length));
  const backendBody = [
    ...backendArgs.map(([k, v]) => `    ${k.padEnd(bw)} = ${hclValue(v)}`),
    ...(cli.legacyS3Backend
      ? []
      : [
          '',
          // an object argument of the backend, not a block
          '    endpoints = {',
          ...['s3', 'dynamodb', 'sts', 'iam'].map(
            s => `      ${s.padEnd(8)} = "${endpoint}"`,
          ),
          '    }',
        ]),
  ].join('\n');
  return `# Written by the Terrace tests: sends the AWS API calls of this stack to the emulator at
# ${endpoint}. Not part of the generated repository.
provider "aws" {
  s3_use_path_style           = true
  skip_metadata_api_check     = true
  skip_credentials_validation = true
  # S3 Control puts the account ID in front of the endpoint's host (123456789012.127.0.0.1),
  # which no resolver knows: such requests go to the emulator as proxy requests. Requests to
  # 127.0.0.1 itself never use a proxy.
  http_proxy  = "${endpoint}"
  https_proxy = ""
  # An emulator answers at once; a call it does not implement fails after a few tries instead
  # of the provider's 25 (minutes of back-off per resource).
  max_retries = 3

  endpoints {
${endpoints}
  }
}

terraform {
  backend "s3" {
${backendBody}
  }
}
`;
}
