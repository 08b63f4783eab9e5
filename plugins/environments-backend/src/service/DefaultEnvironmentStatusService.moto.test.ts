import { costPeriods } from '../readers/costTally';
import {
  assertMotoReachable,
  costAndUsageResult,
  motoEndpoint,
  MotoSeeder,
  randomAccountId,
  randomPrefix,
} from '../testing/moto';
import {
  createTestStatusService,
  environmentRef,
  motoAppConfig,
} from '../testing/statusService';

jest.setTimeout(60_000);

const endpoint = motoEndpoint();
const accountId = randomAccountId();
const p = randomPrefix();
const shop = `${p}-shop`;
const staging = `${p}-shop-staging`;
const REGION = 'us-east-1';

describe('DefaultEnvironmentStatusService against moto', () => {
  beforeAll(async () => {
    await assertMotoReachable(endpoint);
    const seed = await MotoSeeder.forAccount(endpoint, accountId);
    await Promise.all([
      seed.database({
        region: REGION,
        environment: shop,
        component: 'db',
        identifier: `${shop}-db`,
        retentionDays: 0,
      }),
      seed.database({
        region: REGION,
        environment: staging,
        component: 'db',
        identifier: `${staging}-db`,
        retentionDays: 7,
      }),
      seed.redis({
        region: REGION,
        environment: shop,
        component: 'cache',
        id: `${shop}-cache`,
        retentionDays: 7,
      }),
      seed.bucket({
        region: REGION,
        environment: shop,
        component: 'assets',
        name: `${shop}-assets`,
        versioning: true,
        lifecycle: true,
      }),
      seed.bucket({
        region: REGION,
        environment: shop,
        component: 'uploads',
        name: `${shop}-uploads`,
        versioning: false,
      }),
      seed.alarm({
        region: REGION,
        environment: shop,
        component: 'db',
        check: 'cpu-high',
        state: 'ALARM',
        reason: 'Threshold crossed: 3 datapoints were greater than 80',
      }),
      seed.alarm({
        region: REGION,
        environment: shop,
        component: 'web',
        check: '5xx',
        state: 'OK',
      }),
      seed.alarm({
        region: REGION,
        environment: shop,
        component: 'cache',
        check: 'memory',
        state: 'INSUFFICIENT_DATA',
      }),
      seed.alarm({
        region: REGION,
        environment: staging,
        component: 'db',
        check: 'cpu-high',
        state: 'ALARM',
      }),
      seed.alarm({
        region: REGION,
        environment: staging,
        component: 'web',
        check: '5xx',
        state: 'OK',
      }),
    ]);
    await seed.costAndUsage([
      costAndUsageResult(costPeriods(new Date()), {
        [shop]: {
          'Amazon Relational Database Service': [120.5, 60.25],
          'Amazon Simple Storage Service': [3.2, 1.5],
        },
        [staging]: { 'Amazon Relational Database Service': [40, 20] },
        '': { 'AWS Support': [10, 5] },
      }),
    ]);
  });

  const service = () =>
    createTestStatusService({ config: motoAppConfig(endpoint) });

  it('lists the resources tagged for the environment with type, component and console link', async () => {
    const section = await service().getResources(
      environmentRef(shop, accountId, REGION, 'prod'),
    );
    expect(section.status).toBe('ok');
    const byName = Object.fromEntries(section.items.map(i => [i.name, i]));
    expect(byName[`${shop}-db`]).toMatchObject({
      type: 'rds:db',
      component: 'db',
      consoleUrl: `https://us-east-1.console.aws.amazon.com/rds/home?region=us-east-1#database:id=${shop}-db`,
    });
    expect(byName[`${shop}-cache`]).toMatchObject({
      type: 'elasticache:replicationgroup',
      component: 'cache',
    });
    expect(byName[`${shop}-assets`]).toMatchObject({
      type: 's3:bucket',
      component: 'assets',
      consoleUrl: `https://s3.console.aws.amazon.com/s3/buckets/${shop}-assets`,
    });
    expect(section.items.some(i => i.name.startsWith(staging))).toBe(false);
  });

  it("attributes alarms by exact environment name: shop never sees shop-staging's alarms", async () => {
    const svc = service();
    const alarms = await svc.getAlarms(
      environmentRef(shop, accountId, REGION, 'prod'),
    );
    expect(alarms.status).toBe('ok');
    expect(alarms.items.map(a => [a.name, a.state])).toEqual([
      [`${shop}/db/cpu-high`, 'ALARM'],
      [`${shop}/cache/memory`, 'INSUFFICIENT_DATA'],
      [`${shop}/web/5xx`, 'OK'],
    ]);
    expect(alarms.items[0]).toMatchObject({
      component: 'db',
      check: 'cpu-high',
      reason: 'Threshold crossed: 3 datapoints were greater than 80',
      metric: 'CPUUtilization',
      namespace: 'AWS/RDS',
      threshold: 80,
      comparison: 'GreaterThanOrEqualToThreshold',
      signal: 'cpu',
      direction: 'at-or-above',
    });
    expect(Date.parse(alarms.items[0].updatedAt!)).toBeGreaterThan(
      Date.now() - 3_600_000,
    );
    const stagingAlarms = await svc.getAlarms(
      environmentRef(staging, accountId, REGION, 'staging'),
    );
    expect(stagingAlarms.items.map(a => a.name)).toEqual([
      `${staging}/db/cpu-high`,
      `${staging}/web/5xx`,
    ]);
  });

  it('judges backups against the tier: prod database with retention 0 is critical', async () => {
    const backups = await service().getBackups(
      environmentRef(shop, accountId, REGION, 'prod'),
    );
    expect(backups.status).toBe('ok');
    const byComponent = Object.fromEntries(
      backups.items.map(i => [i.component, i]),
    );
    expect(byComponent.db).toMatchObject({
      kind: 'postgres',
      resource: `${shop}-db`,
      retentionDays: 0,
      health: 'critical',
      reason:
        'Automated backups are off (retention 0 days); the prod tier requires at least 7 days',
    });
    // moto's ElastiCache snapshots carry no creation time (AWS gives one per node snapshot)
    expect(byComponent.cache).toMatchObject({
      kind: 'redis',
      retentionDays: 7,
      health: 'warning',
      reason:
        '1 snapshot found, but AWS gave no creation time, so their age against the 26 h of the prod tier is unknown',
    });
    expect(byComponent.assets).toMatchObject({
      kind: 'bucket',
      versioning: true,
      lifecycle: true,
      health: 'ok',
    });
    expect(byComponent.uploads).toMatchObject({
      versioning: false,
      lifecycle: false,
      health: 'critical',
      reason: expect.stringContaining(
        'Versioning is off; the prod tier requires it',
      ),
    });
  });

  it('a staging database with 7 days of retention and a fresh backup is ok', async () => {
    const backups = await service().getBackups(
      environmentRef(staging, accountId, REGION, 'staging'),
    );
    expect(backups.items).toEqual([
      expect.objectContaining({
        component: 'db',
        health: 'ok',
        retentionDays: 7,
        lastBackupAt: expect.any(String),
      }),
    ]);
  });

  it('reads cost by environment and service, with last month, a forecast and no mixing of environments', async () => {
    const svc = service();
    const cost = await svc.getCost(
      environmentRef(shop, accountId, REGION, 'prod'),
    );
    expect(cost).toMatchObject({
      status: 'ok',
      currency: 'USD',
      tagActive: true,
      monthToDate: 61.75,
      lastMonth: 123.7,
      byService: [
        { service: 'Amazon Relational Database Service', amount: 60.25 },
        { service: 'Amazon Simple Storage Service', amount: 1.5 },
      ],
    });
    expect(cost.forecast).toBeGreaterThanOrEqual(61.75);
    const stagingCost = await svc.getCost(
      environmentRef(staging, accountId, REGION, 'staging'),
    );
    expect(stagingCost).toMatchObject({ monthToDate: 20, lastMonth: 40 });
  });

  it('says plainly that the cost-allocation tag is not activated instead of showing 0', async () => {
    const other = randomAccountId();
    const seed = await MotoSeeder.forAccount(endpoint, other);
    await seed.costAndUsage([
      costAndUsageResult(costPeriods(new Date()), {
        '': { 'Amazon Elastic Compute Cloud - Compute': [300, 150] },
      }),
    ]);
    const cost = await service().getCost(
      environmentRef(shop, other, REGION, 'prod'),
    );
    expect(cost.status).toBe('not-configured');
    expect(cost.tagActive).toBe(false);
    expect(cost.monthToDate).toBeUndefined();
    expect(cost.error).toContain('cost-allocation tag terrace:environment');
    expect(cost.error).toContain('activate the tag in the AWS Billing console');
  });

  it('reports an account without credentials as not-configured, naming what to set', async () => {
    const svc = createTestStatusService({
      config: {
        ...motoAppConfig(endpoint),
        aws: {
          // the main account is asked who it is (STS on moto: 123456789012), never the default chain
          mainAccount: { accessKeyId: 'test', secretAccessKey: 'test' },
          accounts: [
            { accountId, accessKeyId: 'test', secretAccessKey: 'test' },
          ],
        },
      },
    });
    const section = await svc.getAlarms(
      environmentRef(shop, '999999999999', REGION, 'prod'),
    );
    expect(section.status).toBe('not-configured');
    expect(section.error).toContain(
      'No AWS credentials for account 999999999999',
    );
    expect(section.error).toContain('aws.accounts');
  });
});
