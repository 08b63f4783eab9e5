import { resolveEnvironment } from '@terrace/plugin-environments-common';
import { lostDataStores, lostMarkdown } from './lost';

const env = resolveEnvironment({
  apiVersion: 'terrace.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: 'shop-dev', owner: 'group:default/shop' },
  spec: {
    cloud: 'aws',
    region: 'eu-west-1',
    tier: 'dev',
    components: [{ name: 'uploads', type: 'bucket', versioning: true }],
  },
} as any);

describe('what a destroy loses: buckets', () => {
  it('with forceDestroyBuckets, says each bucket and the access-log bucket lose every object for good', () => {
    const lost = lostDataStores(env, {
      forceDestroyBuckets: true,
      accessLogBucket: 'aws_s3_bucket.access_logs',
    });
    expect(lost).toEqual([
      {
        component: 'uploads',
        type: 'bucket',
        kept: false,
        detail:
          'Bucket uploads: every object and object version in it is deleted for good (forceDestroyBuckets: force_destroy set to true, applied, then destroyed).',
      },
      expect.objectContaining({
        component: 'access-logs',
        type: 'bucket',
        kept: false,
        detail: expect.stringMatching(
          /^Access-log bucket \(aws_s3_bucket\.access_logs, the audit logs .*\): every object and object version in it is deleted for good/,
        ),
      }),
    ]);
    expect(lostMarkdown(lost)).toMatch(
      /^- \*\*uploads\*\* \(bucket, lost\): Bucket uploads: every object/,
    );
  });

  it('without it, says the destroy is refused at the buckets and their objects are kept', () => {
    const lost = lostDataStores(env, {});
    expect(lost).toEqual([
      expect.objectContaining({
        component: 'uploads',
        kept: true,
        detail: expect.stringContaining(
          'the destroy is refused unless forceDestroyBuckets ("Delete every object in the buckets") is set',
        ),
      }),
    ]);
  });
});
