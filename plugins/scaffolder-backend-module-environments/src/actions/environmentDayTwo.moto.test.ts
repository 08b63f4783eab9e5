/**
 * The day-two chain of issue 17 end to end, for real, on ONE environment: a small dev environment
 * (postgres with deletion protection on, a secrets parameter) is created as the Create template
 * does it (generate, publish to a local repository, register in a real catalog — the catalog
 * backend plugin with the file-location module —, apply with Terraform 1.5.7 and the real AWS
 * provider to moto); then changed (a redis added: the change's plan shows the + cache lines and
 * its cost delta); the change applied as the "Apply environment change" template does it
 * (terrace:environment:fetch, :merge, terraform:apply, :push — the redis exists in moto after);
 * drift made by hand with the AWS SDK (a tag on the database) found by the environments backend's
 * DriftChecker; and finally torn down with the typed name by terrace:environment:destroy —
 * refused while deletion protection is on, then lifted and destroyed: database and cache gone,
 * the final snapshot kept, the entity gone, the repository archived, a retried task runs nothing.
 * The steps run in order on the state the previous ones left.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import {
  AddTagsToResourceCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import type { AuthService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// drift is checked by the environments backend's own checker, as the portal does
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  DriftChecker,
  DriftStore,
  environmentsDatabase,
} from '@terrace/plugin-environments-backend';
import type { EnvironmentEvent } from '@terrace/plugin-environments-common';
import {
  EnvironmentLocks,
  estimateCostDelta,
} from '@terrace/plugin-environments-node';
import yaml from 'yaml';
import type { PublishSettings, TerraformSettings } from '../config';
import { generateEnvironmentFiles } from '../generator';
import { createApplyTerraformAction } from './applyTerraform';
import { createChangeEnvironmentAction } from './changeEnvironment';
import { createDestroyEnvironmentAction } from './destroyEnvironment';
import { createFetchEnvironmentAction } from './fetchEnvironment';
import { git } from './git';
import { createMergeChangeAction, createPushChangeAction } from './mergeChange';
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

jest.setTimeout(30 * 60_000);

const REGION = 'eu-west-1';

describe('create -> change -> apply the change -> drift -> destroy, one environment, Terraform with the real AWS provider on moto, real catalog', () => {
  const secret = `moto-secret-${Math.random().toString(36).slice(2, 12)}`;
  const environment = `t${Math.random().toString(36).slice(2, 7)}-daytwo-dev`;
  const entityRef = `resource:default/${environment}`;
  const credentials = motoCredentials(secret);
  const form = {
    name: environment,
    owner: 'group:default/shop',
    cloud: 'aws',
    region: REGION,
    tier: 'dev',
    components: [
      { name: 'db', type: 'postgres', deletionProtection: true },
      { name: 'app', type: 'secrets', names: ['stripe-key'] },
    ],
  };
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let root: string;
  let settings: TerraformSettings;
  let publish: PublishSettings;
  let catalog: CatalogService;
  let auth: AuthService;
  let stop: () => Promise<void>;
  let applied: { dbInstance: string };
  let bare: string;
  /** Every history event the actions and the drift checker record, in order. */
  const history: EnvironmentEvent[] = [];
  const recorder = {
    record: async (e: EnvironmentEvent) => void history.push(e),
  };
  /** What the change step proposed, for the steps after it. */
  let proposed: {
    branch: string;
    costDelta: { before: number; after: number; difference: number };
  };

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
  const outputOf = (ctx: any, name: string) =>
    (ctx.output as jest.Mock).mock.calls.find(c => c[0] === name)?.[1];
  const newWorkspace = async (name: string) => {
    const workspacePath = path.join(root, name);
    await fs.mkdir(workspacePath);
    return workspacePath;
  };
  const replicationGroups = async () =>
    (
      await new ElastiCacheClient(motoClientConfig(REGION, secret)).send(
        new DescribeReplicationGroupsCommand({}),
      )
    ).ReplicationGroups?.filter(g =>
      g.ReplicationGroupId?.startsWith(environment.slice(0, 6)),
    ) ?? [];

  beforeAll(async () => {
    await assertMotoReachable();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-moto-daytwo-'));
    const localRoot = path.join(root, 'repos');
    publish = {
      localRoot,
      defaultBranch: 'main',
      authorName: 'Terrace',
      authorEmail: 'terrace@localhost',
    };
    bare = path.join(localRoot, `${environment}.git`);
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
    ({ catalog, auth, stop } = await startCatalogBackend(localRoot));

    // create: generate, publish, register, apply — as the Create template does; the Create
    // form's "Apply with": the entity records the executor that owns it
    const apply = await createEnvironmentOnMoto({
      workspacePath: await newWorkspace('create'),
      input: { ...form, executor: 'local' },
      entityRef,
      secret,
      settings,
      publish,
      catalog,
      auth,
      history: recorder,
      taskId: 'task-create',
    });
    applied = {
      dbInstance: outputOf(apply, 'outputs').db_endpoint.split('.')[0],
    };
  });

  afterAll(async () => {
    await stop?.();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('1. created: the entity in the catalog, the protected database in the cloud, no cache yet', async () => {
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
    expect(await replicationGroups()).toEqual([]);
    expect(history.map(e => [e.kind, e.taskId])).toEqual([
      ['create', 'task-create'],
    ]);
  });

  it("2. changed: a redis added; the change carries Terraform's plan of just the cache, its + cost lines and the cost delta", async () => {
    const workspacePath = await newWorkspace('change');
    const logger = loggerSpy();
    const ctx = mockContext({
      logger,
      input: {
        ...form,
        components: [...form.components, { name: 'cache', type: 'redis' }],
        executor: 'local',
        credentials,
      },
      workspacePath,
      task: { id: 'task-change' } as any,
    });
    await createChangeEnvironmentAction({
      generate: generateEnvironmentFiles,
      publish,
      terraform: settings,
      history: recorder,
    }).handler(ctx);

    const plan = outputOf(ctx, 'plan');
    // only what the cache brings is planned: the applied database and network stay as they are
    expect(plan.change).toBe(0);
    expect(plan.destroy).toBe(0);
    expect(plan.replace).toEqual([]);
    expect(plan.add).toBeGreaterThan(0);
    const addresses: string[] = plan.resources.map((r: any) => r.address);
    expect(addresses).toContain('aws_elasticache_replication_group.cache');
    expect(addresses.every(a => /cache/.test(a))).toBe(true);
    expect(
      plan.resources.every((r: any) => r.actions.join() === 'create'),
    ).toBe(true);
    expect(outputOf(ctx, 'planSummary')).toBe(
      `Plan: ${plan.add} to add, 0 to change, 0 to destroy.`,
    );

    // the description on the branch: the plan, + lines with their amounts, the total delta
    const branch = outputOf(ctx, 'branch');
    expect(branch).toBe('terrace/change-task-change');
    const description = await git(
      ['show', `${branch}:.terrace/changes/task-change.md`],
      bare,
    );
    expect(description).toContain(
      `\`Plan: ${plan.add} to add, 0 to change, 0 to destroy.\` (local executor)`,
    );
    expect(description).toContain(
      '- `+ aws_elasticache_replication_group.cache` create',
    );
    const delta = estimateCostDelta(
      yaml.parse(await git(['show', 'main:environment.yaml'], bare)),
      yaml.parse(await git(['show', `${branch}:environment.yaml`], bare)),
    );
    if (!delta.ok) throw new Error(delta.reason);
    const added = delta.lines.filter(l => l.change === 'added');
    expect(added.length).toBeGreaterThan(0);
    for (const line of added) {
      expect(description).toContain(
        `| + cache | ${line.item} | \`${line.resource}\` | $0.00 |`,
      );
    }
    expect(delta.total.difference).toBeGreaterThan(0);
    expect(description).toContain(
      `${delta.total.before.toFixed(2)} → ${delta.total.after.toFixed(
        2,
      )} (+${delta.total.difference.toFixed(2)})`,
    );
    // the plan's credentials never reach the description or the log
    expect(description).not.toContain(secret);
    expect(JSON.stringify(logger.info.mock.calls)).not.toContain(secret);
    // the branch holds the repository's files, never the plan's working files
    expect(
      (await git(['ls-tree', '-r', '--name-only', branch], bare))
        .split('\n')
        .filter(f => f.includes('.terraform/')),
    ).toEqual([]);
    // proposed only: nothing in the cloud yet, main untouched
    expect(await replicationGroups()).toEqual([]);
    proposed = { branch, costDelta: delta.total };
  });

  it('3. the change applied as "Apply environment change" does it: merged, applied, pushed; the redis exists', async () => {
    const { branch } = proposed;
    const mainBefore = await git(['rev-parse', 'main'], bare);
    const workspacePath = await newWorkspace('apply-change');
    const fetched = mockContext({ input: { entityRef }, workspacePath });
    await createFetchEnvironmentAction({ catalog, publish }).handler(fetched);
    const name = outputOf(fetched, 'name');
    const tier = outputOf(fetched, 'tier');
    expect([name, tier]).toEqual([environment, 'dev']);

    const merge = mockContext({
      input: { environment: name, branch },
      workspacePath,
    });
    await createMergeChangeAction({ publish }).handler(merge);
    expect(outputOf(merge, 'costDelta')).toEqual(proposed.costDelta);
    // merged in the workspace only until the apply succeeded
    expect(await git(['rev-parse', 'main'], bare)).toBe(mainBefore);

    const apply = mockContext({
      input: {
        environment: name,
        tier,
        executor: 'local',
        credentials,
        recordHistory: false,
      },
      workspacePath,
      task: { id: 'task-apply-change' } as any,
    });
    await createApplyTerraformAction({
      settings,
      permissions: allow(),
      history: recorder,
    }).handler(apply);
    expect(outputOf(apply, 'status')).toBe('applied');
    expect(outputOf(apply, 'change')).toBe(0);
    expect(outputOf(apply, 'destroy')).toBe(0);
    expect(outputOf(apply, 'add')).toBeGreaterThan(0);

    await createPushChangeAction({ publish, history: recorder }).handler(
      mockContext({
        input: { environment: name, branch },
        workspacePath,
        task: { id: 'task-apply-change' } as any,
      }),
    );

    // the cloud: the cache exists
    const groups = await replicationGroups();
    expect(groups).toHaveLength(1);
    expect(groups[0].Status).toBe('available');
    // the repository: main is the merge, the branch is gone, the checkout follows
    expect(await git(['rev-parse', 'main'], bare)).toBe(
      await git(['rev-parse', 'HEAD'], workspacePath),
    );
    expect(await git(['branch', '--list', 'terrace/change-*'], bare)).toBe('');
    expect(
      yaml
        .parse(
          await fs.readFile(
            path.join(publish.localRoot, environment, 'environment.yaml'),
            'utf8',
          ),
        )
        .spec.components.map((c: any) => c.name),
    ).toEqual(['db', 'app', 'cache']);
    // the history: proposed, then applied with the change's cost delta (no second create)
    expect(history.map(e => [e.kind, e.taskId])).toEqual([
      ['create', 'task-create'],
      ['change', 'task-change'],
      ['change', 'task-apply-change'],
    ]);
    expect(history[2]).toEqual(
      expect.objectContaining({
        summary: expect.stringMatching(
          new RegExp(`^Applied ${branch}: Plan: \\d+ to add`),
        ),
        costDelta: { ...proposed.costDelta, currency: 'USD' },
      }),
    );
  });

  it('4. drift made by hand (a tag on the database) is found by the drift checker and stored', async () => {
    const knex = await databases.init('SQLITE_3');
    await environmentsDatabase({ getClient: async () => knex } as any);
    const store = new DriftStore(knex);
    let clock = new Date('2026-12-01T06:00:00.000Z');
    // the backend's checker gets no task secrets: it plans with the host's own keys
    const binary = process.env.TERRACE_TERRAFORM_BIN ?? 'terraform';
    const checker = new DriftChecker({
      settings: {
        ...settings,
        local: await motoHostFiles(
          path.join(root, 'backend-host'),
          binary,
          motoClientConfig(REGION, secret).credentials,
        ),
      },
      localRoot: publish.localRoot,
      store,
      recordEvent: recorder.record,
      logger: mockServices.logger.mock(),
      now: () => clock,
    });
    const entity = (await catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    }))!;

    // as applied (the merged change included): no drift
    expect(await checker.check(entity)).toEqual({
      environment,
      status: 'none',
      checkedAt: '2026-12-01T06:00:00.000Z',
    });

    // someone tags the database in the console
    const rds = new RDSClient(motoClientConfig(REGION, secret));
    const { DBInstances } = await rds.send(
      new DescribeDBInstancesCommand({
        DBInstanceIdentifier: applied.dbInstance,
      }),
    );
    await rds.send(
      new AddTagsToResourceCommand({
        ResourceName: DBInstances![0].DBInstanceArn,
        Tags: [{ Key: 'cost-centre', Value: 'by-hand' }],
      }),
    );

    clock = new Date('2026-12-01T12:00:00.000Z');
    const drifted = await checker.check(entity);
    expect(drifted).toEqual({
      environment,
      status: 'drifted',
      checkedAt: '2026-12-01T12:00:00.000Z',
      resources: [{ address: 'aws_db_instance.db', actions: ['update'] }],
    });
    // what the entity page's Drift card reads
    expect(await store.get(environment)).toEqual(drifted);
    expect(history.at(-1)).toEqual(
      expect.objectContaining({
        environment,
        kind: 'drift',
        at: '2026-12-01T12:00:00.000Z',
      }),
    );
  });

  it('5. destroyed with the typed name: refused while protected, then lifted, destroyed, unregistered, archived', async () => {
    const action = createDestroyEnvironmentAction({
      settings,
      publish,
      permissions: allow(),
      catalog,
      history: recorder,
      now: () => new Date('2026-12-01T14:05:00.000Z'),
    });

    // the template's first step: the entity's repository into a new task workspace
    const workspacePath = await newWorkspace('destroy');
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
    const lost = outputOf(ctx, 'lost').map((l: any) => [l.component, l.kept]);
    expect(lost).toContainEqual(['db', true]);
    expect(lost.map(([component]: string[]) => component)).toContain('cache');
    const plan = outputOf(ctx, 'plan');
    expect(plan.add).toBe(0);
    expect(plan.destroy).toBeGreaterThan(5);
    expect(plan.resources.map((r: any) => r.address)).toEqual(
      expect.arrayContaining([
        'aws_db_instance.db',
        'aws_elasticache_replication_group.cache',
        'aws_vpc.main',
      ]),
    );
    // the protection was lifted by an apply that changed only the protected database (which
    // also put its hand-made tags back in line)
    expect(lines).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
    expect(ctx.output).toHaveBeenCalledWith('status', 'destroyed');
    expect(ctx.output).toHaveBeenCalledWith('entityRef', entityRef);
    expect(lines.join('\n')).not.toContain(secret);

    // the cloud: the database and the cache gone, the database's final snapshot kept
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
    expect(await replicationGroups()).toEqual([]);

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
    expect(outputOf(ctx, 'archivedTo')).toBe(archived);
    await expect(
      fs.stat(path.join(publish.localRoot, environment)),
    ).rejects.toThrow(/ENOENT/);
    await expect(fs.stat(bare)).rejects.toThrow(/ENOENT/);
    expect(
      await fs.readFile(path.join(archived, 'environment.yaml'), 'utf8'),
    ).toContain('cache');
    const tag = await git(
      ['tag', '-n1', '--list', 'terrace/destroyed'],
      `${archived}.git`,
    );
    expect(tag).toMatch(
      new RegExp(
        `^terrace/destroyed\\s+Environment ${environment} destroyed by`,
      ),
    );

    // the history: the whole life, the destroy's cost from the changed estimate to zero
    const cost = JSON.parse(
      await fs.readFile(path.join(workspacePath, 'cost.json'), 'utf8'),
    );
    expect(cost.monthly).toBeCloseTo(proposed.costDelta.after, 2);
    expect(history.map(e => e.kind)).toEqual([
      'create',
      'change',
      'change',
      'drift',
      'destroy',
    ]);
    expect(history.at(-1)).toEqual(
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
    );

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
