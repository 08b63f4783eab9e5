/**
 * Terraform files that point the AWS provider and the S3 backend at an AWS emulator (moto,
 * LocalStack) or a proxy, for `terrace.terraform.local.overrideFiles` and
 * `terrace.terraform.local.backendConfigFiles`. The generated repository stays cloud-real: these
 * files live on the Backstage host and sit beside the generated files for one run only.
 */

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
    '  # S3 Control puts the account ID in front of its endpoint\'s host (123456789012.127.0.0.1),',
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
