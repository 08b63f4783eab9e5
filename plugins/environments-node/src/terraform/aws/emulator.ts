/**
 * Terraform files that point the AWS provider and the S3 backend at an AWS emulator (moto,
 * LocalStack) or a proxy, for `terrace.terraform.local.overrideFiles` and
 * `terrace.terraform.local.backendConfigFiles`. The generated repository stays cloud-real: these
 * files live on the Backstage host and sit beside the generated files for one run only.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';

/**
 * AWS provider endpoint names (the provider's `endpoints` block) of every service whose
 * resources Terrace generates: the network (ec2), databases (rds), caches (elasticache),
 * buckets (s3, and s3control for public access settings), services (ecs, ecr, elbv2,
 * appautoscaling, autoscaling, logs), the CDN (cloudfront), secrets (ssm, secretsmanager),
 * encryption (kms), alarms (cloudwatch, sns), roles (iam) and the caller identity (sts).
 * @public
 */
export const EMULATED_AWS_SERVICES = [
  'appautoscaling',
  'autoscaling',
  'cloudfront',
  'cloudwatch',
  'ec2',
  'ecr',
  'ecs',
  'elasticache',
  'elbv2',
  'iam',
  'kms',
  'logs',
  'rds',
  's3',
  's3control',
  'secretsmanager',
  'sns',
  'ssm',
  'sts',
] as const;

/** @public */
export interface EmulatorFileOptions {
  /** The emulator's address, e.g. `http://127.0.0.1:5000`. */
  endpoint: string;
  /**
   * Static keys written into the files, for an emulator that accepts any (moto). Leave out to
   * let the run's environment (`credentials` of `terrace:terraform:apply`) or the host's default
   * chain supply them.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const quote = (s: string) => JSON.stringify(s);

/**
 * An override file for `provider "aws"`: every service in {@link EMULATED_AWS_SERVICES} at the
 * endpoint, path-style S3 addressing (an IP address has no bucket sub-domains), the endpoint as
 * HTTP proxy for host-prefixed calls (S3 Control's `<account-id>.` prefix), 3 retries, no
 * instance metadata lookup. Terraform merges it over the generated provider block, keeping its region
 * and default tags.
 * @public
 */
export function awsEmulatorProviderOverride(
  options: EmulatorFileOptions,
): string {
  const width = Math.max(...EMULATED_AWS_SERVICES.map(s => s.length));
  const lines = [
    '# Points the AWS provider at an emulator; lives on the Backstage host, never in the repo.',
    'provider "aws" {',
    ...(options.credentials
      ? [
          `  access_key                  = ${quote(
            options.credentials.accessKeyId,
          )}`,
          `  secret_key                  = ${quote(
            options.credentials.secretAccessKey,
          )}`,
        ]
      : []),
    '  s3_use_path_style           = true',
    '  skip_credentials_validation = true',
    '  skip_metadata_api_check     = true',
    "  # S3 Control puts the account ID in front of its endpoint's host (123456789012.127.0.0.1),",
    '  # a name no resolver knows: such calls reach the emulator as proxy requests. Calls to',
    '  # 127.0.0.1 itself never use a proxy.',
    `  http_proxy                  = ${quote(options.endpoint)}`,
    '  # an emulator answers at once: a call it lacks fails after 3 tries, not after 25',
    '  max_retries                 = 3',
    '',
    '  endpoints {',
    ...EMULATED_AWS_SERVICES.map(
      s => `    ${s.padEnd(width)} = ${quote(options.endpoint)}`,
    ),
    '  }',
    '}',
    '',
  ];
  return lines.join('\n');
}

/**
 * A backend configuration file (`-backend-config`) for the generated S3 backend: S3, DynamoDB
 * (the lock table), STS and IAM at the endpoint, path-style addressing. The S3 backend renamed
 * these settings in Terraform 1.6 (and OpenTofu 1.6): `endpoints = { s3 = ... }` and
 * `use_path_style` there, `endpoint`, `dynamodb_endpoint` and `force_path_style` before; pass
 * the version the binary reports (`terraform version`).
 * @public
 */
export function s3BackendEmulatorConfig(
  options: EmulatorFileOptions & { terraformVersion: string },
): string {
  const [major, minor] = options.terraformVersion
    .replace(/^v/, '')
    .split('.')
    .map(Number);
  const legacy = major < 1 || (major === 1 && minor < 6);
  const e = quote(options.endpoint);
  const lines = legacy
    ? [
        `endpoint                    = ${e}`,
        `dynamodb_endpoint           = ${e}`,
        `sts_endpoint                = ${e}`,
        `iam_endpoint                = ${e}`,
        'force_path_style            = true',
      ]
    : [
        `endpoints = {`,
        `  s3       = ${e}`,
        `  dynamodb = ${e}`,
        `  sts      = ${e}`,
        `  iam      = ${e}`,
        `}`,
        'use_path_style              = true',
      ];
  if (options.credentials) {
    lines.push(
      `access_key                  = ${quote(options.credentials.accessKeyId)}`,
      `secret_key                  = ${quote(
        options.credentials.secretAccessKey,
      )}`,
    );
  }
  lines.push(
    'skip_credentials_validation = true',
    'skip_metadata_api_check     = true',
    '',
  );
  return [
    '# Points the S3 backend at an emulator; lives on the Backstage host, never in the repo.',
    ...lines,
  ].join('\n');
}

/**
 * @internal Whether the root module configures `provider "aws"` and an S3 backend (parsed with
 * @cdktf/hcl2json); files that do not parse count as neither (the guard refuses them).
 */
export async function awsBlocks(
  workingDirectory: string,
): Promise<{ provider: boolean; s3Backend: boolean }> {
  const found = { provider: false, s3Backend: false };
  for (const name of await fs.readdir(workingDirectory)) {
    if (!name.endsWith('.tf') && !name.endsWith('.tf.json')) continue;
    const text = await fs.readFile(path.join(workingDirectory, name), 'utf8');
    let body: Record<string, any> | undefined;
    try {
      body = name.endsWith('.json')
        ? JSON.parse(text)
        : await parse(name, text);
    } catch {
      continue;
    }
    if (body?.provider?.aws) found.provider = true;
    const terraform = body?.terraform;
    for (const t of Array.isArray(terraform) ? terraform : [terraform]) {
      const backends = t?.backend;
      for (const b of Array.isArray(backends) ? backends : [backends]) {
        if (b?.s3) found.s3Backend = true;
      }
    }
  }
  return found;
}

/**
 * @internal Writes the emulator files a run with `terrace.terraform.local.awsEndpoint` needs into
 * `scratch`: the provider override when the root module configures `provider "aws"`, the S3
 * backend configuration when it has an S3 backend (`terraformVersion` picks the setting names).
 * Returns the files to place beside the configuration and to pass as `-backend-config`.
 */
export async function writeAwsEmulatorFiles(options: {
  workingDirectory: string;
  scratch: string;
  endpoint: string;
  /** `terraform version`'s first line, e.g. `Terraform v1.5.7`. */
  versionLine: string;
}): Promise<{ overrideFiles: string[]; backendConfigFiles: string[] }> {
  const blocks = await awsBlocks(options.workingDirectory);
  const endpoint = { endpoint: options.endpoint };
  const overrideFiles: string[] = [];
  const backendConfigFiles: string[] = [];
  if (blocks.provider) {
    const file = path.join(options.scratch, 'terrace_aws_endpoint.tf');
    await fs.writeFile(file, awsEmulatorProviderOverride(endpoint));
    overrideFiles.push(file);
  }
  if (blocks.s3Backend) {
    const file = path.join(options.scratch, 'aws-endpoint.s3.tfbackend');
    const terraformVersion = /v(\d+\.\d+\.\d+)/.exec(options.versionLine)?.[1];
    await fs.writeFile(
      file,
      s3BackendEmulatorConfig({
        ...endpoint,
        terraformVersion: terraformVersion ?? '1.6.0',
      }),
    );
    backendConfigFiles.push(file);
  }
  return { overrideFiles, backendConfigFiles };
}
