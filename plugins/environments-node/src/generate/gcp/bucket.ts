import type { ResolvedBucket } from '@terrace/plugin-environments-common';
import {
  attr,
  block,
  body,
  BodyItem,
  raw,
  resource,
  template,
  Value,
} from '../hcl';
import {
  componentLabels,
  GcpContext,
  GcpEmitted,
  gcpNames,
  id,
  PROJECT,
  skip,
} from './context';

/** Noncurrent versions kept per object when versioning is on, and for how long. */
const NONCURRENT_VERSIONS = 3;
const NONCURRENT_DAYS = 30;

/**
 * `bucket-<name>.tf` for a `bucket` component: a Cloud Storage bucket in the environment's region
 * named `<env>-<component>-<project id>` (bucket names are global), uniform bucket-level access,
 * public access prevention enforced unless the bucket is served by a cdn, versioning as resolved
 * (noncurrent versions expire), lifecycle rules for `expireDays` (delete) and `archiveDays`
 * (ARCHIVE class), CORS for `corsOrigins`. `force_destroy` is off: objects are never deleted
 * by Terraform.
 */
export function emitBucket(ctx: GcpContext, b: ResolvedBucket): GcpEmitted {
  const n = id(b.name);
  const names = gcpNames(ctx, b);
  const lifecycle = (
    age: Record<string, Value>,
    action: Record<string, Value>,
  ) =>
    block(
      'lifecycle_rule',
      [],
      [block('condition', [], age), block('action', [], action)],
    );
  const items: BodyItem[] = [
    skip(
      'CKV_GCP_62',
      'access is recorded by Cloud Audit Logs (data access logs) rather than legacy usage-log buckets',
    ),
    !b.versioning &&
      skip(
        'CKV_GCP_78',
        `versioning is off in this ${ctx.env.tier} spec (bucket ${b.name})`,
      ),
    b.public &&
      skip(
        'CKV_GCP_114',
        `served to the internet through the cdn ${b.servedBy}: its backend bucket needs public reads`,
      ),
    attr('name', template(`${names.bucketPrefix}-`, PROJECT)),
    attr('location', ctx.env.region.toUpperCase()),
    attr('storage_class', 'STANDARD'),
    attr('uniform_bucket_level_access', true),
    attr('public_access_prevention', b.public ? 'inherited' : 'enforced'),
    attr('force_destroy', false),
    attr('labels', componentLabels(b.name)),
    block('versioning', [], { enabled: b.versioning }),
    b.versioning &&
      lifecycle(
        { num_newer_versions: NONCURRENT_VERSIONS, with_state: 'ARCHIVED' },
        { type: 'Delete' },
      ),
    b.versioning &&
      lifecycle(
        { days_since_noncurrent_time: NONCURRENT_DAYS },
        { type: 'Delete' },
      ),
    b.archiveDays !== undefined &&
      lifecycle(
        { age: b.archiveDays },
        { type: 'SetStorageClass', storage_class: 'ARCHIVE' },
      ),
    b.expireDays !== undefined &&
      lifecycle({ age: b.expireDays }, { type: 'Delete' }),
    lifecycle({ age: 7 }, { type: 'AbortIncompleteMultipartUpload' }),
    b.corsOrigins.length > 0 &&
      block('cors', [], {
        origin: b.corsOrigins,
        method: ['GET', 'HEAD'],
        response_header: ['Content-Type', 'ETag'],
        max_age_seconds: 3600,
      }),
  ].filter((i): i is BodyItem => Boolean(i));
  return {
    file: `bucket-${b.name}.tf`,
    items: body(
      {},
      resource('google_storage_bucket', n, items),
      b.public &&
        resource('google_storage_bucket_iam_member', `${n}_public_read`, [
          skip(
            'CKV_GCP_28',
            `public only through the cdn ${b.servedBy} (the spec says public: true)`,
          ),
          attr('bucket', raw(`google_storage_bucket.${n}.name`)),
          attr('role', 'roles/storage.objectViewer'),
          attr('member', 'allUsers'),
        ]),
    ),
    outputs: [
      block('output', [`${n}_bucket`], {
        description: `${b.name}: Cloud Storage bucket name`,
        value: raw(`google_storage_bucket.${n}.name`),
      }),
    ],
  };
}
