/**
 * Buckets holding objects, for real: a dev environment with one versioned bucket (and the
 * access-log bucket the generator adds beside it) generated, published to a local repository,
 * registered in a real catalog and applied by Terraform 1.5.7 with the real AWS provider to moto;
 * objects and object versions put into the bucket with the AWS SDK. `terrace:environment:destroy`
 * is refused without `forceDestroyBuckets` (nothing run, the bucket and its objects still there),
 * then destroys the environment with it: the buckets gone in moto, the entity gone from the catalog.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AuthService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import type { PublishSettings, TerraformSettings } from '../config';
import { createDestroyEnvironmentAction } from './destroyEnvironment';
import { createFetchEnvironmentAction } from './fetchEnvironment';
import { checkpointStore, mockContext } from './__testUtils__';
import {
  assertMotoReachable,
  motoClientConfig,
  motoCredentials,
  motoHostFiles,
} from './__testUtils__/moto';
import {
  createEnvironmentOnMoto,
  startCatalogBackend,
} from './__testUtils__/motoEnvironment';

jest.setTimeout(10 * 60_000);

const REGION = 'eu-west-1';

describe('terrace:environment:destroy of buckets holding objects, Terraform with the real AWS provider on moto', () => {
  const secret = `moto-secret-${Math.random().toString(36).slice(2, 12)}`;
  const environment = `t${Math.random().toString(36).slice(2, 7)}-buckets-dev`;
  const entityRef = `resource:default/${environment}`;
  const credentials = motoCredentials(secret);
  let root: string;
  let settings: TerraformSettings;
  let publish: PublishSettings;
  let catalog: CatalogService;
  let auth: AuthService;
  let s3: S3Client;
  let stop: () => Promise<void>;
  let buckets: string[];

  const loggerSpy = () =>
    ({
      info: jest.fn(),
      warn: jest.fn(),
      error: jest.fn(),
      debug: jest.fn(),
      child: jest.fn(),
    } as any);
  const logged = (logger: any) =>
    [
      ...(logger.info as jest.Mock).mock.calls,
      ...(logger.warn as jest.Mock).mock.calls,
    ].map(c => String(c[0]));
  const environmentBuckets = async () =>
    ((await s3.send(new ListBucketsCommand({}))).Buckets ?? [])
      .map(b => b.Name!)
      .filter(n => n.startsWith(`${environment}-`))
      .sort();
  const versionsIn = async (Bucket: string) => {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    return (page.Versions ?? []).length;
  };

  beforeAll(async () => {
    await assertMotoReachable();
    s3 = new S3Client(motoClientConfig(REGION, secret));
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-moto-buckets-'));
    const localRoot = path.join(root, 'repos');
    publish = {
      localRoot,
      defaultBranch: 'main',
      authorName: 'Terrace',
      authorEmail: 'terrace@localhost',
    };
    const binary = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';
    settings = {
      executor: 'local',
      allowedExecutors: ['local'],
      binary,
      local: await motoHostFiles(path.join(root, 'host'), binary),
      timeoutMs: 8 * 60_000,
      locks: new EnvironmentLocks(path.join(root, 'locks')),
    };

    ({ catalog, auth, stop } = await startCatalogBackend(localRoot));

    // create: generate, publish, register, apply — as the Create template does
    const create = path.join(root, 'create');
    await fs.mkdir(create);
    await createEnvironmentOnMoto({
      workspacePath: create,
      input: {
        name: environment,
        owner: 'group:default/shop',
        cloud: 'aws',
        region: REGION,
        tier: 'dev',
        components: [{ name: 'uploads', type: 'bucket', versioning: true }],
      },
      entityRef,
      secret,
      settings,
      publish,
      catalog,
      auth,
    });
    buckets = await environmentBuckets();
  });

  afterAll(async () => {
    s3?.destroy();
    await stop?.();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('refuses without forceDestroyBuckets (nothing run, objects kept), then empties and destroys the buckets with it', async () => {
    // the bucket and the access-log bucket beside it, the bucket holding objects and versions
    expect(buckets).toEqual([
      expect.stringMatching(new RegExp(`^${environment}-access-logs-`)),
      expect.stringMatching(new RegExp(`^${environment}-uploads`)),
    ]);
    const uploads = buckets[1];
    // The generated policy denies every request not made over TLS, which moto enforces on its
    // plain-HTTP endpoint: it is set aside for the puts and put back as it was (no drift).
    const { Policy } = await s3.send(
      new GetBucketPolicyCommand({ Bucket: uploads }),
    );
    expect(Policy).toContain('aws:SecureTransport');
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: uploads }));
    for (const [Key, Body] of [
      ['invoices/1.txt', 'first'],
      ['invoices/1.txt', 'second'],
      ['invoices/2.txt', 'other'],
    ]) {
      await s3.send(new PutObjectCommand({ Bucket: uploads, Key, Body }));
    }
    await s3.send(new PutBucketPolicyCommand({ Bucket: uploads, Policy }));
    expect(await versionsIn(uploads)).toBe(3);
    // moto delivers the access logs of those requests at once (AWS within hours)
    expect(await versionsIn(buckets[0])).toBeGreaterThan(0);

    const action = createDestroyEnvironmentAction({
      settings,
      publish,
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      catalog,
    });
    const workspacePath = path.join(root, 'destroy');
    await fs.mkdir(workspacePath);
    await createFetchEnvironmentAction({ catalog, publish }).handler(
      mockContext({ input: { entityRef }, workspacePath }),
    );

    // without the flag: refused, naming it and both buckets; nothing ran, nothing deleted
    const refusedLogger = loggerSpy();
    const refused = await action
      .handler(
        mockContext({
          input: {
            environment,
            confirmName: environment,
            executor: 'local',
            credentials,
          },
          workspacePath,
          logger: refusedLogger,
        }),
      )
      .catch(e => e);
    expect(refused).toBeInstanceOf(NotAllowedError);
    expect(refused.message).toMatch(
      /^forceDestroyBuckets: .*\(aws_s3_bucket\.uploads, aws_s3_bucket\.access_logs: force_destroy = false\)/,
    );
    expect(logged(refusedLogger).filter(l => l.startsWith('$ '))).toEqual([]);
    expect(await environmentBuckets()).toEqual(buckets);
    expect(await versionsIn(uploads)).toBe(3);
    const serviceCredentials = await auth.getOwnServiceCredentials();
    expect(
      await catalog.getEntityByRef(entityRef, {
        credentials: serviceCredentials,
      }),
    ).toBeDefined();

    // with it: force_destroy lifted (only the two buckets change), then destroyed
    const logger = loggerSpy();
    const ctx = mockContext({
      input: {
        environment,
        confirmName: environment,
        forceDestroyBuckets: true,
        executor: 'local',
        credentials,
      },
      workspacePath,
      logger,
      checkpoint: checkpointStore().checkpoint,
    });
    await action.handler(ctx);
    const lines = logged(logger);
    expect(lines).toContain(
      `  - Bucket uploads: every object and object version in it is deleted for good (forceDestroyBuckets: force_destroy set to true, applied, then destroyed).`,
    );
    expect(lines).toContain('Plan: 0 to add, 2 to change, 0 to destroy.');
    expect(ctx.output).toHaveBeenCalledWith('status', 'destroyed');

    // moto: both buckets gone; the catalog: the entity gone
    expect(await environmentBuckets()).toEqual([]);
    await expect(
      s3.send(new HeadBucketCommand({ Bucket: uploads })),
    ).rejects.toThrow();
    expect(
      await catalog.getEntityByRef(entityRef, {
        credentials: serviceCredentials,
      }),
    ).toBeUndefined();
  });
});
