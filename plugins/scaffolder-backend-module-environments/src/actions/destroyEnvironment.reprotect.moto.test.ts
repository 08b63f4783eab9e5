/**
 * A destroy that fails after deletion protection was lifted, for real: a dev environment with a
 * protected postgres generated, published to a local repository, registered in a real catalog and
 * applied by Terraform 1.5.7 with the real AWS provider to moto. A DB snapshot is then taken
 * with the AWS SDK under the name the database's final snapshot will get, so RDS refuses to
 * delete the instance (DBSnapshotAlreadyExists, as AWS does). `terrace:environment:destroy` with
 * `liftDeletionProtection` lifts protection, the destroy fails, the action applies the
 * repository's Terraform again: the task fails naming the failed destroy and the restored
 * protection, the same instance is there with deletion protection on, and the entity is still in
 * the catalog.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateDBSnapshotCommand,
  DescribeDBInstancesCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AuthService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import type { PublishSettings, TerraformSettings } from '../config';
import { createDestroyEnvironmentAction } from './destroyEnvironment';
import { createFetchEnvironmentAction } from './fetchEnvironment';
import { checkpointStore, mockContext } from './__testUtils__';
import {
  assertMotoReachable,
  createStateBackend,
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

describe('terrace:environment:destroy failing after deletion protection was lifted, Terraform with the real AWS provider on moto', () => {
  const secret = `moto-secret-${Math.random().toString(36).slice(2, 12)}`;
  const environment = `t${Math.random().toString(36).slice(2, 7)}-guard-dev`;
  const entityRef = `resource:default/${environment}`;
  const credentials = motoCredentials(secret);
  let root: string;
  let settings: TerraformSettings;
  let publish: PublishSettings;
  let catalog: CatalogService;
  let auth: AuthService;
  let rds: RDSClient;
  let stop: () => Promise<void>;
  let finalSnapshot: string;

  const instance = async () => {
    const { DBInstances } = await rds.send(new DescribeDBInstancesCommand({}));
    return (DBInstances ?? []).find(d =>
      d.DBInstanceIdentifier?.startsWith(environment),
    );
  };

  beforeAll(async () => {
    await assertMotoReachable();
    rds = new RDSClient(motoClientConfig(REGION, secret));
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-moto-guard-'));
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
        components: [
          { name: 'db', type: 'postgres', deletionProtection: true },
        ],
      },
      entityRef,
      secret,
      settings,
      publish,
      catalog,
      auth,
    });

    // the final snapshot's name, as Terraform keeps it in the state
    const { bucket, key } = await createStateBackend(
      await fs.readFile(path.join(create, 'README.md'), 'utf8'),
      REGION,
      secret,
    );
    const s3 = new S3Client(motoClientConfig(REGION, secret));
    const state = JSON.parse(
      await (
        await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      ).Body!.transformToString(),
    );
    s3.destroy();
    finalSnapshot = state.resources.find(
      (r: any) => r.type === 'aws_db_instance' && r.name === 'db',
    ).instances[0].attributes.final_snapshot_identifier;
  });

  afterAll(async () => {
    rds?.destroy();
    await stop?.();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('applies the repository again when the destroy fails: the task fails saying so, protection is on, the entity stays', async () => {
    const before = await instance();
    expect(before?.DeletionProtection).toBe(true);
    // a snapshot under the final snapshot's name: RDS refuses the delete, as AWS does
    expect(finalSnapshot).toMatch(new RegExp(`^${environment}-db-final-`));
    await rds.send(
      new CreateDBSnapshotCommand({
        DBInstanceIdentifier: before!.DBInstanceIdentifier,
        DBSnapshotIdentifier: finalSnapshot,
      }),
    );

    const workspacePath = path.join(root, 'destroy');
    await fs.mkdir(workspacePath);
    await createFetchEnvironmentAction({ catalog, publish }).handler(
      mockContext({ input: { entityRef }, workspacePath }),
    );
    const logger = {
      info: jest.fn(),
      warn: jest.fn(),
      error: jest.fn(),
      debug: jest.fn(),
      child: jest.fn(),
    } as any;
    const ctx = mockContext({
      input: {
        environment,
        confirmName: environment,
        liftDeletionProtection: true,
        executor: 'local',
        credentials,
      },
      workspacePath,
      logger,
      checkpoint: checkpointStore().checkpoint,
    });
    const error = await createDestroyEnvironmentAction({
      settings,
      publish,
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      catalog,
    })
      .handler(ctx)
      .catch(e => e);

    // what the task page shows: the failed destroy with Terraform's reason, then the restore
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(
      new RegExp(
        `^The destroy of environment "${environment}" failed after what stops a destroy was lifted \\(aws_db_instance\\.db\\.deletion_protection\\); nothing was unregistered or archived\\. Terraform: terraform \\w+ failed`,
      ),
    );
    expect(error.message).toContain(`DBSnapshotAlreadyExists`);
    expect(error.message).toMatch(
      /\nDeletion protection was restored: the repository's Terraform was applied again \(.+\), with aws_db_instance\.db\.deletion_protection as the repository has them\. Fix the cause and run the destroy again\.$/,
    );
    expect(ctx.output).not.toHaveBeenCalledWith('status', 'destroyed');
    expect(logger.warn).toHaveBeenCalledWith(
      "The destroy failed; putting back what stops a destroy (aws_db_instance.db.deletion_protection): applying the repository's Terraform again",
    );

    // moto: the same instance, protection on again; the catalog: the entity still there
    const after = await instance();
    expect(after?.DbiResourceId).toBe(before!.DbiResourceId);
    expect(after?.DeletionProtection).toBe(true);
    expect(
      await catalog.getEntityByRef(entityRef, {
        credentials: await auth.getOwnServiceCredentials(),
      }),
    ).toBeDefined();
  });
});
