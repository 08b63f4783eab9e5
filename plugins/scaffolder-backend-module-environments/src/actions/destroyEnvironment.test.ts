import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import type { TerraformSettings } from '../config';
import { generateEnvironmentFiles } from '../generator';
import { createDestroyEnvironmentAction } from './destroyEnvironment';
import { createGenerateEnvironmentAction } from './generateEnvironment';
import { mockContext } from './__testUtils__';

// The destroy itself runs for real on moto (the day-two chain, environmentDayTwo.moto.test.ts);
// these are the refusals, each proven to run nothing: the Terraform binary is a script that leaves a mark
// when it is called, the catalog is untouched and the local repository stays where it is.
describe('terrace:environment:destroy refusals', () => {
  let root: string;
  let workspacePath: string;
  let localRoot: string;
  let ranMark: string;
  let settings: TerraformSettings;

  async function generate(components: unknown[], tier = 'dev') {
    await createGenerateEnvironmentAction({
      generate: generateEnvironmentFiles,
    }).handler(
      mockContext({
        input: {
          name: 'shop-dev',
          owner: 'group:default/shop',
          cloud: 'aws',
          region: 'eu-west-1',
          tier,
          components: components as any,
        },
        workspacePath,
      }),
    );
  }

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-destroy-'));
    workspacePath = path.join(root, 'workspace');
    localRoot = path.join(root, 'repos');
    ranMark = path.join(root, 'terraform-ran');
    await fs.mkdir(workspacePath);
    await fs.mkdir(path.join(localRoot, 'shop-dev'), { recursive: true });
    const binary = path.join(root, 'terraform');
    await fs.writeFile(binary, `#!/bin/sh\necho "$@" >> ${ranMark}\nexit 1\n`, {
      mode: 0o755,
    });
    settings = {
      executor: 'local',
      allowedExecutors: ['local', 'ci'],
      binary,
      local: { overrideFiles: [], backendConfigFiles: [] },
      timeoutMs: 60_000,
      locks: new EnvironmentLocks(path.join(root, 'locks')),
    };
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const action = (
    catalog = catalogServiceMock.mock(),
    result: AuthorizeResult = AuthorizeResult.ALLOW,
  ) => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn().mockResolvedValue([{ result }]),
    });
    return {
      catalog,
      permissions,
      action: createDestroyEnvironmentAction({
        settings,
        publish: {
          localRoot,
          defaultBranch: 'main',
          authorName: 'Terrace',
          authorEmail: 'terrace@localhost',
        },
        permissions,
        catalog,
      }),
    };
  };

  async function expectNothingDone(
    catalog: ReturnType<typeof catalogServiceMock.mock>,
  ) {
    await expect(fs.stat(ranMark)).rejects.toThrow(/ENOENT/);
    expect(catalog.removeLocationById).not.toHaveBeenCalled();
    expect(catalog.removeEntityByUid).not.toHaveBeenCalled();
    expect(
      (await fs.stat(path.join(localRoot, 'shop-dev'))).isDirectory(),
    ).toBe(true);
    await expect(fs.stat(path.join(localRoot, '.archive'))).rejects.toThrow(
      /ENOENT/,
    );
  }

  it('refuses a typed name that is not the environment name, naming confirmName, before any check', async () => {
    await generate([{ name: 'db', type: 'postgres' }]);
    const { action: destroy, catalog, permissions } = action();
    const error = await destroy
      .handler(
        mockContext({
          input: { environment: 'shop-dev', confirmName: 'shop-Dev' },
          workspacePath,
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'confirmName: "shop-Dev" does not match the environment name "shop-dev"; type the name exactly to destroy it',
    );
    expect(permissions.authorize).not.toHaveBeenCalled();
    await expectNothingDone(catalog);
  });

  it('refuses without the terrace.environment.destroy permission', async () => {
    await generate([{ name: 'db', type: 'postgres' }]);
    const {
      action: destroy,
      catalog,
      permissions,
    } = action(undefined, AuthorizeResult.DENY);
    const error = await destroy
      .handler(
        mockContext({
          input: { environment: 'shop-dev', confirmName: 'shop-dev' },
          workspacePath,
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe(
      'You are not allowed to destroy environment "shop-dev" (permission terrace.environment.destroy)',
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'terrace.environment.destroy',
          }),
        },
      ],
      expect.anything(),
    );
    await expectNothingDone(catalog);
  });

  it('refuses while deletion protection is on, naming the protected resources and liftDeletionProtection', async () => {
    await generate([
      { name: 'db', type: 'postgres', deletionProtection: true },
      { name: 'assets', type: 'bucket' },
    ]);
    const { action: destroy, catalog } = action();
    const error = await destroy
      .handler(
        mockContext({
          input: { environment: 'shop-dev', confirmName: 'shop-dev' },
          workspacePath,
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe(
      [
        'liftDeletionProtection: environment "shop-dev" has deletion protection on (aws_db_instance.db.deletion_protection); the cloud refuses to delete it. Tick "Lift deletion protection" to turn it off before the destroy',
        'forceDestroyBuckets: environment "shop-dev" has buckets that keep their objects (aws_s3_bucket.assets, aws_s3_bucket.access_logs: force_destroy = false); Terraform stops at any bucket that holds an object. Tick "Delete every object in the buckets" to delete every object and object version in them, for good, before the destroy',
      ].join('\n'),
    );
    await expectNothingDone(catalog);
    // the repository's Terraform is as it was
    expect(
      await fs.readFile(
        path.join(workspacePath, 'terraform', 'postgres-db.tf'),
        'utf8',
      ),
    ).toMatch(/deletion_protection\s+= true/);
  });

  it('refuses an environment with buckets unless forceDestroyBuckets is set, naming each bucket, with protection lifted', async () => {
    await generate([
      { name: 'db', type: 'postgres', deletionProtection: true },
      { name: 'assets', type: 'bucket' },
      { name: 'uploads', type: 'bucket', versioning: true },
    ]);
    const { action: destroy, catalog } = action();
    const error = await destroy
      .handler(
        mockContext({
          input: {
            environment: 'shop-dev',
            confirmName: 'shop-dev',
            liftDeletionProtection: true,
            forceDestroyBuckets: false,
          },
          workspacePath,
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe(
      'forceDestroyBuckets: environment "shop-dev" has buckets that keep their objects (aws_s3_bucket.assets, aws_s3_bucket.uploads, aws_s3_bucket.access_logs: force_destroy = false); Terraform stops at any bucket that holds an object. Tick "Delete every object in the buckets" to delete every object and object version in them, for good, before the destroy',
    );
    await expectNothingDone(catalog);
    // neither the protection nor the buckets were touched in the workspace
    const terraform = path.join(workspacePath, 'terraform');
    expect(
      await fs.readFile(path.join(terraform, 'bucket-assets.tf'), 'utf8'),
    ).toMatch(/force_destroy\s+= false/);
    expect(
      await fs.readFile(path.join(terraform, 'postgres-db.tf'), 'utf8'),
    ).toMatch(/deletion_protection\s+= true/);
  });

  it('refuses a workspace holding another environment, naming environment', async () => {
    await generate([{ name: 'db', type: 'postgres' }]);
    const { action: destroy, catalog } = action();
    const error = await destroy
      .handler(
        mockContext({
          input: { environment: 'shop-prod', confirmName: 'shop-prod' },
          workspacePath,
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'environment: the repository in the workspace is environment "shop-dev", not "shop-prod"',
    );
    await expectNothingDone(catalog);
  });

  it('with the ci executor, says what will be lost and that nothing is destroyed here, and keeps the entity and repository', async () => {
    await generate(
      [
        { name: 'db', type: 'postgres' },
        { name: 'cache', type: 'redis' },
        { name: 'assets', type: 'bucket' },
      ],
      'staging',
    );
    const { action: destroy, catalog } = action();
    const ctx = mockContext({
      input: {
        environment: 'shop-dev',
        confirmName: 'shop-dev',
        executor: 'ci',
      },
      workspacePath,
    });
    await destroy.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('status', 'delegated');
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      expect.stringMatching(
        /^Not destroyed: environment "shop-dev" is applied by CI \(executor ci\)/,
      ),
    );
    const lost = (ctx.output as jest.Mock).mock.calls.find(
      c => c[0] === 'lost',
    )?.[1];
    expect(lost).toEqual([
      {
        component: 'db',
        type: 'postgres',
        kept: true,
        detail: expect.stringMatching(
          /^PostgreSQL db: a final snapshot is kept \(skip_final_snapshot = false, named shop-dev-db-final-…\); its automated backups \(7 days\) are deleted with the instance\.$/,
        ),
      },
      {
        component: 'cache',
        type: 'redis',
        kept: false,
        detail:
          'Redis cache: its automatic snapshots (1 day) are deleted with it; no final snapshot is taken.',
      },
      {
        component: 'assets',
        type: 'bucket',
        kept: true,
        detail:
          'Bucket assets: keeps its objects (force_destroy = false), so the destroy is refused unless forceDestroyBuckets ("Delete every object in the buckets") is set, which deletes every object and object version in it for good.',
      },
      {
        component: 'access-logs',
        type: 'bucket',
        kept: true,
        detail:
          'Access-log bucket (aws_s3_bucket.access_logs, the audit logs of requests to the environment\'s buckets, load balancers and CDN): keeps its objects (force_destroy = false), so the destroy is refused unless forceDestroyBuckets ("Delete every object in the buckets") is set, which deletes every object and object version in it for good.',
      },
    ]);
    await expectNothingDone(catalog);
  });
});
