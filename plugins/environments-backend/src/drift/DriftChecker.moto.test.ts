/**
 * Drift, for real: a small dev environment (a bucket) generated as `terrace generate` writes
 * it, committed to a local repository under `terrace.publish.localRoot`, applied by Terraform
 * 1.5.7 with the real AWS provider to the moto emulator on 127.0.0.1 (TERRACE_MOTO_ENDPOINT);
 * then the backend's DriftChecker clones that repository and plans it: `none` as applied, and
 * `drifted` naming the bucket once its tags were changed behind Terraform's back with the AWS
 * SDK. The results land in the `environment_drift` table on SQLite, the drift in the history.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetBucketTaggingCommand,
  ListBucketsCommand,
  PutBucketTaggingCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { resolveEnvironment } from '@terrace/plugin-environments-common';
import {
  awsEmulatorProviderOverride,
  EnvironmentLocks,
  generateEnvironmentRepo,
  LocalTerraformExecutor,
  s3BackendEmulatorConfig,
  type TerraformSettings,
} from '@terrace/plugin-environments-node';
import { environmentsDatabase } from '../database/migrate';
import { DriftChecker } from './DriftChecker';
import { DriftStore } from './DriftStore';
import { HistoryStore } from '../history/HistoryStore';
import { assertMotoReachable, motoEndpoint } from '../testing/moto';

jest.setTimeout(15 * 60_000);

const MOTO = motoEndpoint();
const REGION = 'eu-west-1';
const binary = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';
const keys = {
  accessKeyId: 'AKIATERRACEDRIFT0001',
  secretAccessKey: 'moto-drift-secret',
};
const aws = {
  endpoint: MOTO,
  region: REGION,
  forcePathStyle: true,
  credentials: keys,
};

function git(cwd: string, ...args: string[]) {
  execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Terrace',
      GIT_AUTHOR_EMAIL: 'terrace@localhost',
      GIT_COMMITTER_NAME: 'Terrace',
      GIT_COMMITTER_EMAIL: 'terrace@localhost',
    },
  });
}

describe('DriftChecker with the local executor, real Terraform and AWS provider on moto', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const environment = `d${Math.random().toString(36).slice(2, 7)}-shop-dev`;
  let root: string;
  let localRoot: string;
  let checkout: string;
  let settings: TerraformSettings;
  let entity: Entity;
  let s3: S3Client;

  beforeAll(async () => {
    await assertMotoReachable(MOTO);
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-moto-drift-'));
    localRoot = path.join(root, 'repos');
    checkout = path.join(localRoot, environment);
    const sourceLocation = `${pathToFileURL(checkout).href}/`;

    // the repository as `terrace generate` writes it, committed as terrace:git:publish does
    const spec = {
      apiVersion: 'terrace.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: environment, owner: 'group:default/shop' },
      spec: {
        cloud: 'aws',
        region: REGION,
        tier: 'dev',
        components: [{ name: 'assets', type: 'bucket' }],
      },
    };
    const files = await generateEnvironmentRepo(
      resolveEnvironment(spec as any),
      { spec, sourceLocation },
    );
    for (const [file, text] of files) {
      await fs.mkdir(path.dirname(path.join(checkout, file)), {
        recursive: true,
      });
      await fs.writeFile(path.join(checkout, file), text);
    }
    git(checkout, 'init', '--quiet', '--initial-branch=main');
    git(checkout, 'add', '-A');
    git(checkout, 'commit', '--quiet', '-m', 'Environment');

    // the state bucket and lock table the README asks for
    const readme = files.get('README.md')!;
    const [, bucket, , table] =
      /S3 bucket `([^`]+)` under `([^`]+)`, locked with the DynamoDB table `([^`]+)`/.exec(
        readme,
      )!;
    s3 = new S3Client(aws);
    await s3
      .send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: {
            LocationConstraint: REGION as BucketLocationConstraint,
          },
        }),
      )
      .catch(e => {
        if (!/BucketAlreadyOwnedByYou/.test(e.name)) throw e;
      });
    await new DynamoDBClient(aws)
      .send(
        new CreateTableCommand({
          TableName: table,
          AttributeDefinitions: [
            { AttributeName: 'LockID', AttributeType: 'S' },
          ],
          KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      )
      .catch(e => {
        if (!/ResourceInUse/.test(e.name)) throw e;
      });

    // the portal's host-side files pointing Terraform at moto
    const host = path.join(root, 'host');
    await fs.mkdir(host);
    const version = JSON.parse(
      execFileSync(binary, ['version', '-json'], {
        env: { ...process.env, CHECKPOINT_DISABLE: '1' },
      }).toString(),
    ).terraform_version as string;
    await fs.writeFile(
      path.join(host, 'moto.tf'),
      awsEmulatorProviderOverride({ endpoint: MOTO, credentials: keys }),
    );
    await fs.writeFile(
      path.join(host, 'moto.s3.tfbackend'),
      s3BackendEmulatorConfig({
        endpoint: MOTO,
        terraformVersion: version,
        credentials: keys,
      }),
    );
    settings = {
      executor: 'local',
      allowedExecutors: ['local'],
      binary,
      local: {
        overrideFiles: [path.join(host, 'moto.tf')],
        backendConfigFiles: [path.join(host, 'moto.s3.tfbackend')],
      },
      timeoutMs: 10 * 60_000,
      locks: new EnvironmentLocks(path.join(root, 'locks')),
    };

    // applied once, as terrace:terraform:apply does
    const applied = await new LocalTerraformExecutor({
      binary,
      ...settings.local,
      locks: settings.locks,
    }).run({
      environment,
      workingDirectory: path.join(checkout, 'terraform'),
      repositoryRoot: checkout,
      log: () => {},
    });
    if (applied.status !== 'applied') {
      throw new Error(`the environment was not applied: ${applied.message}`);
    }

    entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: environment,
        annotations: {
          'backstage.io/source-location': `url:${sourceLocation}`,
          'terrace.dev/terraform-executor': 'local',
        },
      },
      spec: { type: 'environment', owner: 'group:default/shop' },
    };
  });
  afterAll(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('finds no drift as applied, then the bucket whose tags were changed by hand, and records it once', async () => {
    const knex = await databases.init('SQLITE_3');
    await environmentsDatabase({ getClient: async () => knex });
    const store = new DriftStore(knex);
    let clock = new Date('2026-12-01T06:00:00.000Z');
    const checker = new DriftChecker({
      settings,
      localRoot,
      store,
      recordEvent: event => new HistoryStore(knex).record(event),
      logger: mockServices.logger.mock(),
      now: () => clock,
    });

    expect(await checker.check(entity)).toEqual({
      environment,
      status: 'none',
      checkedAt: '2026-12-01T06:00:00.000Z',
    });

    // someone edits the bucket's tags in the console
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    const bucket = Buckets!.find(b =>
      b.Name!.startsWith(`${environment}-assets`),
    )!.Name!;
    const { TagSet } = await s3.send(
      new GetBucketTaggingCommand({ Bucket: bucket }),
    );
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: bucket,
        Tagging: {
          TagSet: [...TagSet!, { Key: 'cost-centre', Value: 'by-hand' }],
        },
      }),
    );

    clock = new Date('2026-12-01T12:00:00.000Z');
    const drifted = await checker.check(entity);
    expect(drifted).toEqual({
      environment,
      status: 'drifted',
      checkedAt: '2026-12-01T12:00:00.000Z',
      resources: [{ address: 'aws_s3_bucket.assets', actions: ['update'] }],
    });
    expect(await store.get(environment)).toEqual(drifted);

    // a second check still drifted: the history has the drift once
    clock = new Date('2026-12-01T18:00:00.000Z');
    expect((await checker.check(entity)).status).toBe('drifted');
    const events = await knex('environment_events').select();
    expect(events).toEqual([
      expect.objectContaining({
        environment,
        kind: 'drift',
        at: '2026-12-01T12:00:00.000Z',
        actor: 'terrace',
        summary:
          'Drift: 1 resource differs from the Terraform state: aws_s3_bucket.assets (update)',
      }),
    ]);
    // a plan only: the hand-made tag is still there
    const after = await s3.send(
      new GetBucketTaggingCommand({ Bucket: bucket }),
    );
    expect(after.TagSet).toContainEqual({
      Key: 'cost-centre',
      Value: 'by-hand',
    });
  });

  it('is unknown, saying why, when the repository is not a local one', async () => {
    const knex = await databases.init('SQLITE_3');
    await environmentsDatabase({ getClient: async () => knex });
    const checker = new DriftChecker({
      settings,
      localRoot,
      store: new DriftStore(knex),
      recordEvent: event => new HistoryStore(knex).record(event),
      logger: mockServices.logger.mock(),
      now: () => new Date('2026-12-01T06:00:00.000Z'),
    });
    const elsewhere = {
      ...entity,
      metadata: {
        name: environment,
        annotations: {
          'backstage.io/source-location': `url:${pathToFileURL(root).href}/`,
          'terrace.dev/terraform-executor': 'local',
        },
      },
    };
    expect(await checker.check(elsewhere)).toEqual({
      environment,
      status: 'unknown',
      checkedAt: '2026-12-01T06:00:00.000Z',
      reason: `the repository ${
        pathToFileURL(root).href
      }/ is outside the local repositories (terrace.publish.localRoot ${await fs.realpath(
        localRoot,
      )})`,
    });
  });
});
