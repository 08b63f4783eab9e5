import {
  awsCdnPriceClass,
  awsEnvironmentNames,
  type ResolvedComponent,
  type ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import type { EmitterReadme } from '../emitter';
import { needsAccessLogBucket } from './shared';
import { stateLocation } from './state';

/**
 * The AWS CLI commands that create the state bucket (versioned, KMS-encrypted, public access
 * blocked) and the lock table (hash key `LockID`, the S3 backend's lock key) of a region.
 * us-east-1 takes no LocationConstraint; every other region needs its own.
 */
export function stateBootstrapCommands(
  state: { bucket: string; dynamodbTable: string },
  region: string,
): string[] {
  const b = `--bucket ${state.bucket}`;
  return [
    `aws s3api create-bucket ${b} --region ${region}${
      region === 'us-east-1'
        ? ''
        : ` --create-bucket-configuration LocationConstraint=${region}`
    }`,
    `aws s3api put-bucket-versioning ${b} --region ${region} --versioning-configuration Status=Enabled`,
    `aws s3api put-bucket-encryption ${b} --region ${region} --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'`,
    `aws s3api put-public-access-block ${b} --region ${region} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`,
    `aws dynamodb create-table --table-name ${state.dynamodbTable} --region ${region} --attribute-definitions AttributeName=LockID,AttributeType=S --key-schema AttributeName=LockID,KeyType=HASH --billing-mode PAY_PER_REQUEST`,
  ];
}

/** What each component becomes on AWS, for the README's component table. */
function describe(c: ResolvedComponent): string {
  switch (c.type) {
    case 'postgres':
      return `RDS PostgreSQL ${c.version}, ${c.size}, ${c.storageGb}-${
        c.maxStorageGb
      } GB gp3, ${c.highAvailability ? 'Multi-AZ' : 'single-AZ'}${
        c.readReplicas ? `, ${c.readReplicas} read replica(s)` : ''
      }, backups ${c.backupRetentionDays} days`;
    case 'redis':
      return `ElastiCache Redis ${c.version}, ${c.size}, ${c.replicas} replica(s), eviction ${c.evictionPolicy}`;
    case 'bucket':
      return `S3 bucket${
        c.public ? ` served through ${c.servedBy}` : ''
      }, versioning ${c.versioning ? 'on' : 'off'}${
        c.expireDays ? `, expire after ${c.expireDays} days` : ''
      }${c.archiveDays ? `, archive after ${c.archiveDays} days` : ''}`;
    case 'cdn':
      return `CloudFront (${awsCdnPriceClass(c)}) for ${c.origins.join(', ')}`;
    case 'service':
      return `ECS Fargate service, ${c.cpu} vCPU / ${c.memoryMb} MB, ${
        c.minCount
      }-${c.maxCount} tasks, ${c.public ? 'public' : 'internal'} load balancer`;
    case 'vm-group':
      return `Auto Scaling group of ${c.instanceType}, ${c.minCount}-${
        c.maxCount
      } instances, ${c.public ? 'public' : 'internal'} load balancer`;
    case 'mongodb':
      return `MongoDB Atlas ${c.version} ${c.size} replica set${
        c.privateLink ? ' over PrivateLink' : ''
      }`;
    case 'registry':
      return `ECR repository, keeps ${c.keepImages} images`;
    case 'secrets':
      return `SSM SecureString parameters: ${c.names.join(', ')}`;
    default:
      return '';
  }
}

/** The AWS parts of the environment repo's README. */
export const awsReadme: EmitterReadme = {
  describeComponent: describe,
  alarmTarget: (env: ResolvedEnvironment) =>
    `the SNS topic \`${env.name}-alarms\``,
  state(env: ResolvedEnvironment) {
    const state = stateLocation({ env } as never);
    return [
      `State lives in the S3 bucket \`${state.bucket}\` under \`${state.key}\`, locked with the DynamoDB table \`${state.dynamodbTable}\`. Create both once per account and region (skip this when another environment already did):`,
      '',
      '```sh',
      ...stateBootstrapCommands(state, env.region),
      '```',
    ].join('\n');
  },
  workflowCredentials: () =>
    'AWS credentials through the OIDC role in the repository variable `TERRACE_AWS_ROLE_ARN`',
  // RDS takes a final snapshot (final_snapshot_identifier, skip_final_snapshot = false)
  dataAfterDestroy: () => 'Databases leave a final snapshot.',
  beforeDestroy(env: ResolvedEnvironment) {
    if (!needsAccessLogBucket(env)) return [];
    const logBucket = `${
      awsEnvironmentNames(env.name).accessLogBucketPrefix
    }-<account-id>`;
    return [
      `S3 buckets keep their objects (\`force_destroy = false\`), so \`terraform destroy\` stops at a bucket that is not empty, and`,
      `the access-log bucket \`${logBucket}\` fills with logs as soon as the environment is used. The portal's`,
      '**Destroy environment** template deletes every object and object version first when its "Delete every object in the',
      'buckets" option (`forceDestroyBuckets`) is ticked, and refuses the destroy otherwise. By hand: set `force_destroy = true`',
      'on each bucket, apply, then destroy (`aws s3 rm --recursive` leaves the object versions of a versioned bucket behind).',
    ];
  },
  secrets: () => [
    'Secret values are never in this repository: database passwords and tokens are generated by Terraform and kept in',
    'AWS Secrets Manager; the parameters of `secrets` components are created with a placeholder and set with',
    '`aws ssm put-parameter --overwrite`.',
  ],
};
