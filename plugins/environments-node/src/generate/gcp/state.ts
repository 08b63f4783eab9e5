import { attr, block, Block, raw } from '../hcl';
import { environmentLabels, GcpContext, GcpEmitted } from './context';

/**
 * Terraform and provider versions. google 6.x: the generated configuration is checked against
 * the google provider schema 6.30.0 (the newest the Go module proxy serves whole; no google 7
 * schema is served), so 6.30.0 is the floor.
 */
export const GOOGLE_PROVIDER_CONSTRAINT = '>= 6.30.0, < 7.0.0';
export const RANDOM_PROVIDER_CONSTRAINT = '>= 3.6.0, < 4.0.0';
export const TERRAFORM_CONSTRAINT = '>= 1.5.7';
export const ATLAS_PROVIDER_CONSTRAINT = '>= 1.21.0, < 2.0.0';

/**
 * The state bucket shared by the project's environments (create it once) and this environment's
 * prefix in it. Bucket names are global: with a project id (`accountId`) the bucket is
 * `<project>-terrace-tfstate`, else `terrace-tfstate-<region>`, to be replaced with
 * `-backend-config=bucket=...` when taken.
 */
export function gcpStateLocation(env: {
  accountId?: string;
  region: string;
  name: string;
}) {
  return {
    bucket: env.accountId
      ? `${env.accountId}-terrace-tfstate`
      : `terrace-tfstate-${env.region}`,
    prefix: `environments/${env.name}`,
  };
}

/** `versions.tf` */
export function emitVersions(ctx: GcpContext): GcpEmitted {
  const providers: Array<[string, string, string]> = [
    ['google', 'hashicorp/google', GOOGLE_PROVIDER_CONSTRAINT],
    ['random', 'hashicorp/random', RANDOM_PROVIDER_CONSTRAINT],
  ];
  if (ctx.ofType('mongodb').length > 0) {
    providers.push([
      'mongodbatlas',
      'mongodb/mongodbatlas',
      ATLAS_PROVIDER_CONSTRAINT,
    ]);
  }
  return {
    file: 'versions.tf',
    items: [
      block(
        'terraform',
        [],
        [
          attr('required_version', TERRAFORM_CONSTRAINT),
          block(
            'required_providers',
            [],
            Object.fromEntries(
              providers.map(([name, source, version]) => [
                name,
                {
                  kind: 'map',
                  entries: [
                    ['source', source],
                    ['version', version],
                  ],
                },
              ]),
            ),
          ),
        ],
      ),
    ],
  };
}

/** `backend.tf`: remote state in GCS (locking is built into the gcs backend), one prefix per environment. */
export function emitBackend(ctx: GcpContext): GcpEmitted {
  const state = gcpStateLocation(ctx.env);
  return {
    file: 'backend.tf',
    items: [
      block(
        'terraform',
        [],
        [
          block('backend', ['gcs'], {
            bucket: state.bucket,
            prefix: state.prefix,
          }),
        ],
      ),
    ],
  };
}

/**
 * `providers.tf`: the google provider with the environment's labels as `default_labels`, so every
 * labelled resource carries `terrace-environment` (contract section 2); `terrace-component` is
 * set per resource by its emitter.
 */
export function emitProviders(ctx: GcpContext): GcpEmitted {
  return {
    file: 'providers.tf',
    items: [
      block(
        'provider',
        ['google'],
        [
          attr('project', raw('var.project_id')),
          attr('region', raw('var.region')),
          attr('default_labels', environmentLabels(ctx.env)),
        ],
      ),
      ctx.ofType('mongodb').length > 0 &&
        block('provider', ['mongodbatlas'], {
          public_key: raw('var.atlas_public_key'),
          private_key: raw('var.atlas_private_key'),
        }),
    ].filter((b): b is Block => Boolean(b)),
    variables: [
      block(
        'variable',
        ['project_id'],
        [
          attr('type', raw('string')),
          attr(
            'description',
            'Google Cloud project id the environment lives in.',
          ),
          // The project chosen in the form (the entity's account id), when there was one.
          ctx.env.accountId ? attr('default', ctx.env.accountId) : undefined,
        ],
      ),
      block(
        'variable',
        ['region'],
        [
          attr('type', raw('string')),
          attr('description', 'Google Cloud region of the environment.'),
          attr('default', ctx.env.region),
        ],
      ),
    ],
  };
}
