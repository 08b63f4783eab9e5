import { costPeriods } from '../readers/costTally';
import { FaultProxy, type Fault } from '../testing/faultProxy';
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
const env = `${randomPrefix()}-shop`;
const REGION = 'eu-west-1';
const proxy = new FaultProxy(endpoint);
let proxyEndpoint: string;

async function allSections(fault: Fault | undefined, timeoutSeconds = 15) {
  proxy.fault = fault;
  const config = motoAppConfig(proxyEndpoint);
  (config.environments as any).status.timeoutSeconds = timeoutSeconds;
  const service = createTestStatusService({ config });
  const ref = environmentRef(env, accountId, REGION, 'prod');
  const [resources, alarms, backups, cost] = await Promise.all([
    service.getResources(ref),
    service.getAlarms(ref),
    service.getBackups(ref),
    service.getCost(ref),
  ]);
  return { resources, alarms, backups, cost };
}

describe('a failing AWS service degrades only its section', () => {
  beforeAll(async () => {
    await assertMotoReachable(endpoint);
    proxyEndpoint = await proxy.start();
    // STS stays on moto directly: only the status calls go through the proxy
    const seed = await MotoSeeder.forAccount(endpoint, accountId);
    await seed.database({
      region: REGION,
      environment: env,
      component: 'db',
      identifier: `${env}-db`,
      retentionDays: 7,
    });
    await seed.alarm({
      region: REGION,
      environment: env,
      component: 'db',
      check: 'cpu-high',
      state: 'ALARM',
    });
    await seed.costAndUsage([
      costAndUsageResult(costPeriods(new Date()), {
        [env]: { 'Amazon Relational Database Service': [10, 5] },
      }),
    ]);
  });

  afterAll(() => proxy.stop());

  it('all four sections are ok without a fault', async () => {
    const s = await allSections(undefined);
    expect([
      s.resources.status,
      s.alarms.status,
      s.backups.status,
      s.cost.status,
    ]).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('CloudWatch throttling is retried with backoff, then reported on the alarms section only', async () => {
    proxy.requests.clear();
    const s = await allSections({ service: 'monitoring', kind: 'throttle' });
    expect(s.alarms.status).toBe('error');
    expect(s.alarms.error).toContain('AWS throttled cloudwatch:DescribeAlarms');
    expect(s.alarms.items).toEqual([]);
    // maxAttempts is 2 in the test config: the first call and one retry
    expect(proxy.requests.get('monitoring')).toBe(2);
    expect([s.resources.status, s.backups.status, s.cost.status]).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
  });

  it('RDS AccessDenied names the missing IAM action on the backups section only', async () => {
    const s = await allSections({ service: 'rds', kind: 'deny' });
    expect(s.backups.status).toBe('error');
    expect(s.backups.error).toMatch(
      /^AWS denied rds:DescribeDB(Snapshots|Instances) \(account \d{12}, region eu-west-1\): allow the IAM action rds:DescribeDB(Snapshots|Instances) for the role Terrace uses$/,
    );
    expect([s.resources.status, s.alarms.status, s.cost.status]).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
  });

  it('a Cost Explorer outage shows on the cost section only', async () => {
    const s = await allSections({ service: 'ce', kind: 'error' });
    expect(s.cost.status).toBe('error');
    expect(s.cost.error).toContain('ce:GetCostAndUsage failed');
    expect([s.resources.status, s.alarms.status, s.backups.status]).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
  });

  it('a slow service is cut off by the section timeout', async () => {
    // CloudWatch answers after a minute; the section gives up at its 3 s bound
    const s = await allSections(
      { service: 'monitoring', kind: 'delay', ms: 60_000 },
      3,
    );
    expect(s.alarms).toMatchObject({
      status: 'error',
      error: 'the cloud did not answer within 3 s',
    });
    expect([s.resources.status, s.backups.status, s.cost.status]).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
  });

  it('a tagging API failure degrades resources, and backups which are matched by tag', async () => {
    const s = await allSections({ service: 'tagging', kind: 'deny' });
    expect(s.resources.error).toContain('AWS denied tag:GetResources');
    expect(s.backups.status).toBe('error');
    expect(s.backups.error).toContain('matched to environments by their tags');
    expect([s.alarms.status, s.cost.status]).toEqual(['ok', 'ok']);
  });
});
