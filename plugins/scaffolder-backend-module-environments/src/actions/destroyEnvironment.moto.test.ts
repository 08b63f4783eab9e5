/**
 * Teardown end to end, for real: a small dev environment (postgres with deletion protection on,
 * a secrets parameter) generated, published to a local repository, registered in a real catalog (the
 * catalog backend plugin with the file-location module, through its HTTP API) and applied by
 * Terraform 1.5.7 with the real AWS provider to moto. Then `terrace:environment:fetch` puts its
 * repository in a new task workspace and `terrace:environment:destroy` tears it down with the
 * typed name: refused while deletion protection is on, then lifted and destroyed. Checked in the
 * emulator (database gone, its final snapshot kept), in the catalog (entity gone) and
 * on disk (repository archived, tagged).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import {
  coreServices,
  createBackendPlugin,
  type AuthService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EnvironmentEvent } from '@terrace/plugin-environments-common';
import { EnvironmentLocks } from '@terrace/plugin-environments-node';
import { catalogModuleEnvironmentFileLocations } from '../catalogModule';
import type { PublishSettings, TerraformSettings } from '../config';
import { generateEnvironmentFiles } from '../generator';
import { createApplyTerraformAction } from './applyTerraform';
import { createDestroyEnvironmentAction } from './destroyEnvironment';
import { createFetchEnvironmentAction } from './fetchEnvironment';
import { createGenerateEnvironmentAction } from './generateEnvironment';
import { git } from './git';
import { createPublishGitAction } from './publishGit';
import { createRegisterCatalogAction } from './registerCatalog';
import { checkpointStore, mockContext } from './__testUtils__';
import {
  assertMotoReachable,
  createStateBackend,
  motoClientConfig,
  motoCredentials,
  motoHostFiles,
} from './__testUtils__/moto';

jest.setTimeout(20 * 60_000);

const REGION = 'eu-west-1';

describe('terrace:environment:destroy, local executor, Terraform with the real AWS provider on moto, real catalog', () => {
  const secret = `moto-secret-${Math.random().toString(36).slice(2, 12)}`;
  const environment = `t${Math.random().toString(36).slice(2, 7)}-teardown-dev`;
  const entityRef = `resource:default/${environment}`;
  const credentials = motoCredentials(secret);
  let root: string;
  let settings: TerraformSettings;
  let publish: PublishSettings;
  let catalog: CatalogService;
  let auth: AuthService;
  let stop: () => Promise<void>;
  let applied: { dbInstance: string };

  const allow = () =>
    mockServices.permissions({ result: AuthorizeResult.ALLOW });
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

  beforeAll(async () => {
    await assertMotoReachable();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-moto-destroy-'));
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
      allowedExecutors: ['local', 'ci'],
      binary,
      local: await motoHostFiles(path.join(root, 'host'), binary),
      timeoutMs: 15 * 60_000,
      locks: new EnvironmentLocks(path.join(root, 'locks')),
    };

    // the real catalog, reached by the actions through catalogServiceRef as in the portal
    const capture = createBackendPlugin({
      pluginId: 'terrace-test-capture',
      register(env) {
        env.registerInit({
          deps: { catalog: catalogServiceRef, auth: coreServices.auth },
          async init(deps) {
            catalog = deps.catalog;
            auth = deps.auth;
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleEnvironmentFileLocations,
        capture,
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://127.0.0.1' },
            catalog: {
              rules: [{ allow: ['Resource', 'Location'] }],
              processingInterval: { seconds: 1 },
            },
            terrace: { publish: { localRoot } },
          },
        }),
      ],
    });
    stop = () => backend.stop();

    // create: generate, publish, register, apply — as the Create template does
    const create = path.join(root, 'create');
    await fs.mkdir(create);
    await createGenerateEnvironmentAction({
      generate: generateEnvironmentFiles,
      defaultSourceLocation: name => `file://${path.join(localRoot, name)}`,
    }).handler(
      mockContext({
        input: {
          name: environment,
          owner: 'group:default/shop',
          cloud: 'aws',
          region: REGION,
          tier: 'dev',
          components: [
            { name: 'db', type: 'postgres', deletionProtection: true },
            { name: 'app', type: 'secrets', names: ['stripe-key'] },
          ],
        },
        workspacePath: create,
      }),
    );
    await createStateBackend(
      await fs.readFile(path.join(create, 'README.md'), 'utf8'),
      REGION,
      secret,
    );
    const published = mockContext({
      input: { name: environment },
      workspacePath: create,
    });
    await createPublishGitAction({ settings: publish }).handler(published);
    const catalogInfoUrl = (published.output as jest.Mock).mock.calls.find(
      c => c[0] === 'catalogInfoUrl',
    )![1];
    await createRegisterCatalogAction({
      catalog,
      auth,
      waitSeconds: 60,
    }).handler(
      mockContext({
        input: { catalogInfoUrl, entityRef },
        workspacePath: create,
      }),
    );
    const apply = mockContext({
      input: { environment, tier: 'dev', executor: 'local', credentials },
      workspacePath: create,
    });
    await createApplyTerraformAction({
      settings,
      permissions: allow(),
    }).handler(apply);
    const outputs = (apply.output as jest.Mock).mock.calls.find(
      c => c[0] === 'outputs',
    )![1];
    applied = { dbInstance: outputs.db_endpoint.split('.')[0] };
  });

  afterAll(async () => {
    await stop?.();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('the environment exists before: entity in the catalog, protected database in the cloud', async () => {
    const credentialsOfService = await auth.getOwnServiceCredentials();
    expect(
      await catalog.getEntityByRef(entityRef, {
        credentials: credentialsOfService,
      }),
    ).toBeDefined();
    const rds = new RDSClient(motoClientConfig(REGION, secret));
    const { DBInstances } = await rds.send(
      new DescribeDBInstancesCommand({
        DBInstanceIdentifier: applied.dbInstance,
      }),
    );
    expect(DBInstances?.[0]?.DeletionProtection).toBe(true);
  });

  it('destroys it with the typed name: refused while protected, then lifted, destroyed, unregistered, archived', async () => {
    const history: EnvironmentEvent[] = [];
    const action = createDestroyEnvironmentAction({
      settings,
      publish,
      permissions: allow(),
      catalog,
      history: { record: async event => void history.push(event) },
      now: () => new Date('2026-12-01T14:05:00.000Z'),
    });

    // the template's first step: the entity's repository into a new task workspace
    const workspacePath = path.join(root, 'destroy');
    await fs.mkdir(workspacePath);
    const fetched = mockContext({ input: { entityRef }, workspacePath });
    await createFetchEnvironmentAction({ catalog, publish }).handler(fetched);
    expect(fetched.output).toHaveBeenCalledWith(
      'localPath',
      path.join(publish.localRoot, environment),
    );

    // protection on and not lifted: refused, nothing run
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
      /^liftDeletionProtection: .*aws_db_instance\.db\.deletion_protection/,
    );
    expect(logged(refusedLogger).filter(l => l.startsWith('$ '))).toEqual([]);

    // lifted and destroyed
    const logger = loggerSpy();
    const { checkpoint } = checkpointStore();
    const input = {
      environment,
      confirmName: environment,
      liftDeletionProtection: true,
      executor: 'local',
      credentials,
    };
    const ctx = mockContext({ input, workspacePath, logger, checkpoint });
    await action.handler(ctx);
    const lines = logged(logger);
    const outputOf = (name: string) =>
      (ctx.output as jest.Mock).mock.calls.find(c => c[0] === name)?.[1];

    // what will be lost and the destroy plan, logged before the destroy ran
    const lostAt = lines.indexOf(
      `What will be lost with environment "${environment}":`,
    );
    const planAt = lines.findIndex(l =>
      /^Plan: 0 to add, 0 to change, [1-9]\d* to destroy\.$/.test(l),
    );
    const planCommandAt = lines.findIndex(l =>
      /^\$ \S+ plan -destroy$/.test(l),
    );
    const destroyAt = lines.findIndex(l =>
      /^aws_db_instance\.db: Destruction complete/.test(l),
    );
    expect(lostAt).toBeGreaterThan(-1);
    expect(planCommandAt).toBeGreaterThan(lostAt);
    expect(planAt).toBeGreaterThan(planCommandAt);
    expect(destroyAt).toBeGreaterThan(planAt);
    expect(lines[lostAt + 1]).toMatch(
      /^ {2}- PostgreSQL db: a final snapshot is kept/,
    );
    expect(outputOf('lost').map((l: any) => [l.component, l.kept])).toEqual([
      ['db', true],
    ]);
    const plan = outputOf('plan');
    expect(plan.add).toBe(0);
    expect(plan.destroy).toBeGreaterThan(5);
    expect(plan.resources.map((r: any) => r.address)).toEqual(
      expect.arrayContaining(['aws_db_instance.db', 'aws_vpc.main']),
    );
    // the protection was lifted by an apply that changed only the protected database
    expect(lines).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(ctx.output).toHaveBeenCalledWith('status', 'destroyed');
    expect(ctx.output).toHaveBeenCalledWith('entityRef', entityRef);
    expect(lines.join('\n')).not.toContain(secret);

    // the cloud: the database gone, its final snapshot kept
    const rds = new RDSClient(motoClientConfig(REGION, secret));
    await expect(
      rds.send(
        new DescribeDBInstancesCommand({
          DBInstanceIdentifier: applied.dbInstance,
        }),
      ),
    ).rejects.toThrow(/not found/i);
    const snapshots = await rds.send(
      new DescribeDBSnapshotsCommand({
        DBInstanceIdentifier: applied.dbInstance,
      }),
    );
    expect(
      snapshots.DBSnapshots?.map(s => s.DBSnapshotIdentifier).filter(id =>
        id?.startsWith(`${applied.dbInstance}-final-`),
      ),
    ).toHaveLength(1);

    // the catalog: the entity and its location are gone
    const serviceCredentials = await auth.getOwnServiceCredentials();
    expect(
      await catalog.getEntityByRef(entityRef, {
        credentials: serviceCredentials,
      }),
    ).toBeUndefined();
    const locations = await catalog.getLocations(
      {},
      { credentials: serviceCredentials },
    );
    expect(
      locations.items.map(l => l.target).filter(t => t.includes(environment)),
    ).toEqual([]);

    // the repository: archived with its history and a terrace/destroyed tag; the name is free
    const archived = path.join(
      publish.localRoot,
      '.archive',
      `${environment}-20261201T140500Z`,
    );
    expect(outputOf('archivedTo')).toBe(archived);
    await expect(
      fs.stat(path.join(publish.localRoot, environment)),
    ).rejects.toThrow(/ENOENT/);
    await expect(
      fs.stat(path.join(publish.localRoot, `${environment}.git`)),
    ).rejects.toThrow(/ENOENT/);
    expect(
      await fs.readFile(path.join(archived, 'environment.yaml'), 'utf8'),
    ).toContain(environment);
    const tag = await git(
      ['tag', '-n1', '--list', 'terrace/destroyed'],
      `${archived}.git`,
    );
    expect(tag).toMatch(
      new RegExp(
        `^terrace/destroyed\\s+Environment ${environment} destroyed by`,
      ),
    );

    // the history: a destroy whose cost goes from the repository's estimate to zero
    const cost = JSON.parse(
      await fs.readFile(path.join(workspacePath, 'cost.json'), 'utf8'),
    );
    expect(history).toEqual([
      expect.objectContaining({
        environment,
        kind: 'destroy',
        at: '2026-12-01T14:05:00.000Z',
        taskId: 'mock-task-id',
        costDelta: {
          before: cost.monthly,
          after: 0,
          difference: -cost.monthly,
          currency: 'USD',
        },
      }),
    ]);
    expect(cost.monthly).toBeGreaterThan(0);

    // a retried task (resumed from its checkpoints) runs nothing again
    const retryLogger = loggerSpy();
    await action.handler(
      mockContext({ input, workspacePath, logger: retryLogger, checkpoint }),
    );
    expect(logged(retryLogger).filter(l => l.startsWith('$ '))).toEqual([]);
    expect(logged(retryLogger)).toContain(
      `Archived the repository to ${archived} (tag terrace/destroyed); the name "${environment}" is free again`,
    );
  });
});
