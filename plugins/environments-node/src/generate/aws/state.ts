import { attr, block } from '../hcl';
import { AwsContext, AwsEmitted } from './context';

/** Terraform and provider versions. Generated configuration is checked against AWS provider 6.0.0. */
export const AWS_PROVIDER_CONSTRAINT = '>= 6.0.0, < 7.0.0';
export const RANDOM_PROVIDER_CONSTRAINT = '>= 3.6.0, < 4.0.0';
export const ATLAS_PROVIDER_CONSTRAINT = '>= 1.21.0, < 2.0.0';
export const TERRAFORM_CONSTRAINT = '>= 1.5.7';

/** The state bucket and lock table shared by the account's environments (bootstrap once). */
export function stateLocation(ctx: AwsContext) {
  const account = ctx.env.accountId ? `${ctx.env.accountId}-` : '';
  return {
    bucket: `terrace-tfstate-${account}${ctx.env.region}`,
    key: `environments/${ctx.env.name}/terraform.tfstate`,
    dynamodbTable: 'terrace-tfstate-lock',
  };
}

/** `versions.tf` */
export function emitVersions(ctx: AwsContext): AwsEmitted {
  const providers: Array<[string, string, string]> = [
    ['aws', 'hashicorp/aws', AWS_PROVIDER_CONSTRAINT],
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

/** `backend.tf`: remote state in S3 with a DynamoDB lock, one key per environment. */
export function emitBackend(ctx: AwsContext): AwsEmitted {
  const state = stateLocation(ctx);
  return {
    file: 'backend.tf',
    items: [
      block(
        'terraform',
        [],
        [
          block('backend', ['s3'], {
            bucket: state.bucket,
            key: state.key,
            region: ctx.env.region,
            dynamodb_table: state.dynamodbTable,
            encrypt: true,
          }),
        ],
      ),
    ],
  };
}
