import type { ResolvedBucket } from '@terrace/plugin-environments-common';
import { attr, block, body, map, raw, resource, template } from '../hcl';
import {
  ACCESS_LOG_BUCKET,
  ACCOUNT_ID,
  AwsContext,
  AwsEmitted,
  awsNames,
  componentTags,
  id,
  KMS_KEY_ARN,
  policyDocument,
  skip,
} from './context';
import { denyInsecureTransport } from './shared';

/**
 * `<name>.tf` for a `bucket` component: S3 with every public access blocked, SSE-KMS with the
 * environment key, versioning, a lifecycle (expire / archive / abort uploads), CORS, owner-enforced
 * objects, access logging and a TLS-only policy. A public bucket is readable only by its
 * CloudFront distribution (origin access control), never directly.
 */
export function emitBucket(
  ctx: AwsContext,
  bucket: ResolvedBucket,
): AwsEmitted {
  const n = id(bucket.name);
  const ref = raw(`aws_s3_bucket.${n}.id`);
  const arnRef = raw(`aws_s3_bucket.${n}.arn`);
  // Bucket names are global: the account id makes them unique; the prefix is fitted so the
  // whole name stays within 63 characters.
  const name = template(`${awsNames(ctx, bucket).bucketPrefix}-`, ACCOUNT_ID);
  const policy = [denyInsecureTransport(arnRef)];
  if (bucket.public && bucket.servedBy) {
    policy.push(
      map({
        Sid: 'CloudFrontReadOnly',
        Effect: 'Allow',
        Principal: map({ Service: 'cloudfront.amazonaws.com' }),
        Action: 's3:GetObject',
        Resource: template(arnRef, '/*'),
        Condition: map({
          StringEquals: map({
            'AWS:SourceArn': raw(
              `aws_cloudfront_distribution.${id(bucket.servedBy)}.arn`,
            ),
          }),
        }),
      }),
    );
  }
  const rules = [
    block(
      'rule',
      [],
      [
        attr('id', 'abort-incomplete-uploads'),
        attr('status', 'Enabled'),
        block('filter', [], {}),
        block('abort_incomplete_multipart_upload', [], {
          days_after_initiation: 7,
        }),
      ],
    ),
  ];
  if (bucket.archiveDays !== undefined) {
    rules.push(
      block(
        'rule',
        [],
        [
          attr('id', 'archive'),
          attr('status', 'Enabled'),
          block('filter', [], {}),
          block('transition', [], {
            days: bucket.archiveDays,
            storage_class: 'GLACIER',
          }),
          bucket.versioning
            ? block('noncurrent_version_transition', [], {
                noncurrent_days: bucket.archiveDays,
                storage_class: 'GLACIER',
              })
            : undefined,
        ].filter((i): i is NonNullable<typeof i> => Boolean(i)),
      ),
    );
  }
  if (bucket.expireDays !== undefined) {
    rules.push(
      block(
        'rule',
        [],
        [
          attr('id', 'expire'),
          attr('status', 'Enabled'),
          block('filter', [], {}),
          block('expiration', [], { days: bucket.expireDays }),
          bucket.versioning
            ? block('noncurrent_version_expiration', [], {
                noncurrent_days: bucket.expireDays,
              })
            : undefined,
        ].filter((i): i is NonNullable<typeof i> => Boolean(i)),
      ),
    );
  }

  return {
    file: `bucket-${bucket.name}.tf`,
    items: body(
      {},
      resource(
        'aws_s3_bucket',
        n,
        body(
          {},
          skip(
            'CKV_AWS_144',
            'single-region environment: durability comes from S3 itself and versioning, replication would double storage cost',
          ),
          skip(
            'CKV2_AWS_62',
            'no consumer of object events is part of this environment',
          ),
          !bucket.versioning &&
            skip(
              'CKV_AWS_21',
              `versioning is off in the spec for ${bucket.name}, whose objects are transient`,
            ),
          attr('bucket', name),
          attr('force_destroy', false),
          attr('tags', componentTags(bucket.name)),
        ),
      ),
      resource('aws_s3_bucket_public_access_block', n, {
        bucket: ref,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      }),
      resource('aws_s3_bucket_ownership_controls', n, [
        attr('bucket', ref),
        block('rule', [], { object_ownership: 'BucketOwnerEnforced' }),
      ]),
      resource('aws_s3_bucket_server_side_encryption_configuration', n, [
        attr('bucket', ref),
        block(
          'rule',
          [],
          [
            block('apply_server_side_encryption_by_default', [], {
              sse_algorithm: 'aws:kms',
              kms_master_key_id: KMS_KEY_ARN,
            }),
            attr('bucket_key_enabled', true),
          ],
        ),
      ]),
      resource('aws_s3_bucket_versioning', n, [
        attr('bucket', ref),
        block('versioning_configuration', [], {
          status: bucket.versioning ? 'Enabled' : 'Suspended',
        }),
      ]),
      resource('aws_s3_bucket_lifecycle_configuration', n, [
        attr('bucket', ref),
        ...rules,
      ]),
      bucket.corsOrigins.length > 0 &&
        resource('aws_s3_bucket_cors_configuration', n, [
          attr('bucket', ref),
          block('cors_rule', [], {
            allowed_origins: bucket.corsOrigins,
            allowed_methods: ['GET', 'HEAD', 'PUT'],
            allowed_headers: ['*'],
            expose_headers: ['ETag'],
            max_age_seconds: 3600,
          }),
        ]),
      resource('aws_s3_bucket_logging', n, {
        bucket: ref,
        target_bucket: ACCESS_LOG_BUCKET,
        target_prefix: `s3/${bucket.name}/`,
        // S3 refuses PutBucketLogging onto an ACL-less target bucket until its policy lets
        // logging.s3.amazonaws.com write there; the reference is not otherwise visible to Terraform
        depends_on: [raw('aws_s3_bucket_policy.access_logs')],
      }),
      resource('aws_s3_bucket_policy', n, {
        bucket: ref,
        policy: policyDocument(policy),
        depends_on: [raw(`aws_s3_bucket_public_access_block.${n}`)],
      }),
    ),
    outputs: [
      block('output', [`${n}_bucket`], {
        description: `${bucket.name}: S3 bucket name`,
        value: ref,
      }),
    ],
  };
}
