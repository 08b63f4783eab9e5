import type { AwsCallListener } from '../readers/aws/clients';
import {
  assertMotoReachable,
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

jest.setTimeout(120_000);

const endpoint = motoEndpoint();
const accounts = [randomAccountId(), randomAccountId()];
const regions = ['us-east-1', 'eu-west-1'];
const p = randomPrefix();

function environments(n: number) {
  return Array.from({ length: n }, (_, i) =>
    environmentRef(
      `${p}-env-${i}`,
      accounts[i % 2],
      regions[Math.floor(i / 2) % 2],
      i % 3 === 0 ? 'prod' : 'dev',
    ),
  );
}

/** Counts AWS calls by operation with an SDK middleware on every client. */
function counter() {
  const calls: Record<string, number> = {};
  const listener: AwsCallListener = ({ service, operation }) => {
    const key = `${service}:${operation}`;
    calls[key] = (calls[key] ?? 0) + 1;
  };
  const total = () => Object.values(calls).reduce((a, b) => a + b, 0);
  return { calls, listener, total };
}

describe('AWS calls per refresh do not grow with the number of environments', () => {
  beforeAll(async () => {
    await assertMotoReachable(endpoint);
    // a few real resources in each (account, region), belonging to the first environments
    for (const [a, accountId] of accounts.entries()) {
      const seed = await MotoSeeder.forAccount(endpoint, accountId);
      for (const [r, region] of regions.entries()) {
        const name = `${p}-env-${a + 2 * r}`;
        await seed.database({
          region,
          environment: name,
          component: 'db',
          identifier: `${name}-db`,
          retentionDays: 7,
        });
        await seed.bucket({
          region,
          environment: name,
          component: 'assets',
          name: `${name}-assets`,
          versioning: true,
        });
        await seed.alarm({
          region,
          environment: name,
          component: 'db',
          check: 'cpu-high',
          state: 'ALARM',
        });
      }
    }
  });

  it('the overview of 1,000 environments across 2 accounts x 2 regions makes the same AWS calls as for 10', async () => {
    const small = counter();
    const overview10 = await createTestStatusService({
      config: motoAppConfig(endpoint),
      listener: small.listener,
    }).getOverview(environments(10));
    const large = counter();
    const overview1000 = await createTestStatusService({
      config: motoAppConfig(endpoint),
      listener: large.listener,
    }).getOverview(environments(1000));

    expect(overview10).toHaveLength(10);
    expect(overview1000).toHaveLength(1000);
    expect(large.calls).toEqual(small.calls);
    // per (account, region): DescribeAlarms, GetResources, RDS instances + snapshots, 2 S3 calls per
    // bucket; per account: GetCostAndUsage + GetCostForecast
    // DescribeAlarms: 3 per (account, region) — the kept listing of alarms read whole the first
    // time, and the ALARM and INSUFFICIENT_DATA state lists
    expect(large.calls['cloudwatch:DescribeAlarms']).toBe(12);
    expect(large.calls['tagging:GetResources']).toBe(4);
    expect(large.calls['costExplorer:GetCostAndUsage']).toBe(2);
    expect(large.total()).toBe(small.total());

    // the seeded environments are attributed correctly in the large overview
    const first = overview1000.find(o => o.name === `${p}-env-0`)!;
    expect(first.alarms).toMatchObject({
      status: 'ok',
      alarm: 1,
      ok: 0,
      insufficientData: 0,
    });
    expect(first.backups).toEqual({ status: 'ok', worst: 'ok' });
    expect(
      overview1000.find(o => o.name === `${p}-env-999`)!.alarms.alarm,
    ).toBe(0);
  });

  it('concurrent requests for the same (account, region, section) share one call, and the cache answers the next', async () => {
    const count = counter();
    const service = createTestStatusService({
      config: motoAppConfig(endpoint),
      listener: count.listener,
    });
    const refs = environments(40);
    const sections = await Promise.all(refs.map(ref => service.getAlarms(ref)));
    expect(sections.every(s => s.status === 'ok')).toBe(true);
    // one refresh per (account, region): the kept listing and the two state lists, 3 calls each
    expect(count.calls['cloudwatch:DescribeAlarms']).toBe(12);
    await Promise.all(refs.map(ref => service.getAlarms(ref)));
    expect(count.calls['cloudwatch:DescribeAlarms']).toBe(12);
  });
});
