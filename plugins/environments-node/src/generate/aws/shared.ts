import type { ResolvedEnvironment } from '@terrace/plugin-environments-common';
import {
  attr,
  block,
  blank,
  body,
  comment,
  data,
  map,
  raw,
  resource,
  BodyItem,
  RawExpr,
  template,
} from '../hcl';
import {
  ACCOUNT_ID,
  AwsContext,
  AwsEmitted,
  componentTags,
  envNames,
  KMS_KEY_ARN,
  PARTITION,
  policyDocument,
  REGION,
  skip,
} from './context';

const SHARED = 'shared';

/** The environment's customer managed key: state at rest for every data store, log and secret. */
function kmsKey(ctx: AwsContext) {
  const statements = [
    map({
      Sid: 'AccountAdministration',
      Effect: 'Allow',
      Principal: map({
        AWS: template('arn:', PARTITION, ':iam::', ACCOUNT_ID, ':root'),
      }),
      Action: 'kms:*',
      Resource: '*',
    }),
    map({
      Sid: 'CloudWatchLogs',
      Effect: 'Allow',
      Principal: map({ Service: template('logs.', REGION, '.amazonaws.com') }),
      Action: [
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ],
      Resource: '*',
      Condition: map({
        ArnLike: map({
          'kms:EncryptionContext:aws:logs:arn': template(
            'arn:',
            PARTITION,
            ':logs:',
            REGION,
            ':',
            ACCOUNT_ID,
            ':log-group:*',
          ),
        }),
      }),
    }),
    map({
      Sid: 'CloudWatchAlarmsToEncryptedTopic',
      Effect: 'Allow',
      Principal: map({ Service: 'cloudwatch.amazonaws.com' }),
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    }),
  ];
  if (ctx.ofType('cdn').length > 0) {
    statements.push(
      map({
        Sid: 'CloudFrontReadsEncryptedOrigins',
        Effect: 'Allow',
        Principal: map({ Service: 'cloudfront.amazonaws.com' }),
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: map({
          StringLike: map({
            'AWS:SourceArn': template(
              'arn:',
              PARTITION,
              ':cloudfront::',
              ACCOUNT_ID,
              ':distribution/*',
            ),
          }),
        }),
      }),
    );
  }
  if (ctx.ofType('vm-group').length > 0) {
    statements.push(
      map({
        Sid: 'AutoScalingEncryptedVolumes',
        Effect: 'Allow',
        Principal: map({
          AWS: template(
            'arn:',
            PARTITION,
            ':iam::',
            ACCOUNT_ID,
            ':role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
          ),
        }),
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:DescribeKey',
          'kms:CreateGrant',
        ],
        Resource: '*',
      }),
    );
  }
  return [
    resource('aws_kms_key', 'main', [
      attr(
        'description',
        `Terrace environment ${ctx.env.name}: data, logs and secrets at rest`,
      ),
      attr('enable_key_rotation', true),
      attr('deletion_window_in_days', 30),
      attr('policy', policyDocument(statements)),
      attr('tags', componentTags(SHARED)),
    ]),
    resource('aws_kms_alias', 'main', {
      name: envNames(ctx).kmsAlias,
      target_key_id: raw('aws_kms_key.main.key_id'),
    }),
  ];
}

/**
 * Whether the environment has the access-log bucket: any component that logs to it (buckets'
 * server access logs, the CDN, load balancers of services and VM groups).
 */
export function needsAccessLogBucket(env: ResolvedEnvironment): boolean {
  return env.components.some(c =>
    ['bucket', 'cdn', 'service', 'vm-group'].includes(c.type),
  );
}

/** The bucket that receives S3 server access logs, load balancer logs and CloudFront logs. */
function accessLogBucket(ctx: AwsContext) {
  const hasCdn = ctx.ofType('cdn').length > 0;
  const b = raw('aws_s3_bucket.access_logs.id');
  const bucketArn = raw('aws_s3_bucket.access_logs.arn');
  return [
    resource('aws_s3_bucket', 'access_logs', [
      skip(
        'CKV_AWS_18',
        'this bucket is the access-log target; logging it into itself would loop',
      ),
      skip(
        'CKV_AWS_144',
        'access logs are operational data kept 365 days in one region; replication would double their cost',
      ),
      skip(
        'CKV_AWS_145',
        'S3 server access logs and load balancer logs can only be delivered to SSE-S3 buckets, not SSE-KMS',
      ),
      skip('CKV2_AWS_62', 'nothing consumes events for log objects'),
      attr(
        'bucket',
        template(`${envNames(ctx).accessLogBucketPrefix}-`, ACCOUNT_ID),
      ),
      attr('force_destroy', false),
      attr('tags', componentTags(SHARED)),
    ]),
    resource('aws_s3_bucket_public_access_block', 'access_logs', {
      bucket: b,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    }),
    resource(
      'aws_s3_bucket_ownership_controls',
      'access_logs',
      [
        hasCdn &&
          skip(
            'CKV2_AWS_65',
            'CloudFront standard logging delivers with ACLs, so this log bucket keeps ACLs enabled',
          ),
        attr('bucket', b),
        block('rule', [], {
          object_ownership: hasCdn
            ? 'BucketOwnerPreferred'
            : 'BucketOwnerEnforced',
        }),
      ].filter(Boolean) as BodyItem[],
    ),
    hasCdn &&
      resource('aws_s3_bucket_acl', 'access_logs', [
        comment('CloudFront standard logging needs the log-delivery ACL.'),
        attr('bucket', b),
        attr('acl', 'log-delivery-write'),
        attr('depends_on', [
          raw('aws_s3_bucket_ownership_controls.access_logs'),
        ]),
      ]),
    resource(
      'aws_s3_bucket_server_side_encryption_configuration',
      'access_logs',
      [
        attr('bucket', b),
        block(
          'rule',
          [],
          [
            block('apply_server_side_encryption_by_default', [], {
              sse_algorithm: 'AES256',
            }),
          ],
        ),
      ],
    ),
    resource('aws_s3_bucket_versioning', 'access_logs', [
      attr('bucket', b),
      block('versioning_configuration', [], { status: 'Enabled' }),
    ]),
    resource('aws_s3_bucket_lifecycle_configuration', 'access_logs', [
      attr('bucket', b),
      block(
        'rule',
        [],
        [
          attr('id', 'expire-logs'),
          attr('status', 'Enabled'),
          block('filter', [], {}),
          block('expiration', [], { days: 365 }),
          block('noncurrent_version_expiration', [], { noncurrent_days: 30 }),
          block('abort_incomplete_multipart_upload', [], {
            days_after_initiation: 7,
          }),
        ],
      ),
    ]),
    resource('aws_s3_bucket_policy', 'access_logs', {
      bucket: b,
      policy: policyDocument([
        denyInsecureTransport(bucketArn),
        map({
          Sid: 'S3ServerAccessLogs',
          Effect: 'Allow',
          Principal: map({ Service: 'logging.s3.amazonaws.com' }),
          Action: 's3:PutObject',
          Resource: template(bucketArn, '/s3/*'),
          Condition: map({
            StringEquals: map({ 'aws:SourceAccount': ACCOUNT_ID }),
          }),
        }),
        map({
          Sid: 'LoadBalancerAccessLogs',
          Effect: 'Allow',
          Principal: map({ AWS: raw('data.aws_elb_service_account.main.arn') }),
          Action: 's3:PutObject',
          Resource: template(bucketArn, '/alb/*'),
        }),
      ]),
    }),
  ].filter(Boolean) as ReturnType<typeof resource>[];
}

/** `Deny` for any request that is not over TLS. */
export function denyInsecureTransport(bucketArn: RawExpr) {
  return map({
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, template(bucketArn, '/*')],
    Condition: map({ Bool: map({ 'aws:SecureTransport': 'false' }) }),
  });
}

/** Data sources, the key, the alarm topic and the access-log bucket: `main.tf`. */
export function emitShared(ctx: AwsContext): AwsEmitted {
  const needsLogBucket = needsAccessLogBucket(ctx.env);
  return {
    file: 'main.tf',
    items: body(
      {},
      comment(
        `Terrace environment ${ctx.env.name} (${ctx.env.tier}, ${ctx.env.region}).`,
      ),
      comment(
        'Generated from environment.yaml: edit the spec and regenerate rather than this file.',
      ),
      blank(),
      data('aws_caller_identity', 'current', {}),
      data('aws_partition', 'current', {}),
      needsLogBucket && data('aws_elb_service_account', 'main', {}),
      kmsKey(ctx),
      resource('aws_sns_topic', 'alarms', [
        attr('name', envNames(ctx).alarmTopic),
        attr('kms_master_key_id', raw('aws_kms_key.main.id')),
        attr('tags', componentTags(SHARED)),
      ]),
      resource('aws_sns_topic_subscription', 'alarm_email', [
        attr('count', raw('var.alarm_email == "" ? 0 : 1')),
        attr('topic_arn', raw('aws_sns_topic.alarms.arn')),
        attr('protocol', 'email'),
        attr('endpoint', raw('var.alarm_email')),
      ]),
      needsLogBucket ? accessLogBucket(ctx) : [],
    ),
    variables: [
      block(
        'variable',
        ['alarm_email'],
        [
          attr('type', raw('string')),
          attr(
            'description',
            'E-mail address subscribed to the alarm topic; empty for none.',
          ),
          attr('default', ''),
        ],
      ),
    ],
    outputs: [
      block('output', ['alarm_topic_arn'], {
        description: 'SNS topic every alarm notifies',
        value: raw('aws_sns_topic.alarms.arn'),
      }),
      block('output', ['kms_key_arn'], {
        description: 'Customer managed key encrypting the environment',
        value: KMS_KEY_ARN,
      }),
    ],
  };
}
