import { ConfigReader } from '@backstage/config';
import {
  assertMotoReachable,
  motoEndpoint,
  MotoSeeder,
  randomAccountId,
  randomPrefix,
} from '../../testing/moto';
import { motoAppConfig } from '../../testing/statusService';
import { AwsClientFactory, type AwsCallListener } from './clients';
import { createAwsStatusReaders } from './index';
import { memoryListingStore } from './keptListing';
import { memoryMembershipStore } from './membership';

jest.setTimeout(120_000);

const endpoint = motoEndpoint();
const accountId = randomAccountId();
const region = 'eu-west-1';
const place = { accountId, region };
const p = randomPrefix();

describe('AWS alarms: live state lists over kept definitions (moto)', () => {
  let seed: MotoSeeder;
  beforeAll(async () => {
    await assertMotoReachable(endpoint);
    seed = await MotoSeeder.forAccount(endpoint, accountId);
    const shop = `${p}-shop`;
    await seed.alarm({
      region,
      environment: shop,
      component: 'db',
      check: 'cpu-high',
      state: 'OK',
      threshold: 80,
    });
    await seed.alarm({
      region,
      environment: shop,
      component: 'db',
      check: 'storage-low',
      state: 'ALARM',
      reason: 'storage below 10%',
    });
    await seed.alarm({
      region,
      environment: shop,
      component: 'cache',
      check: 'evictions',
      state: 'INSUFFICIENT_DATA',
    });
  });

  it('reads ALARM and INSUFFICIENT_DATA live each refresh, shows every other known alarm as OK, reads definitions within the page budget and a new environment at once', async () => {
    const shop = `${p}-shop`;
    const calls: string[] = [];
    const listener: AwsCallListener = ({ operation }) => {
      calls.push(operation);
    };
    let now = new Date('2026-12-01T10:00:00Z');
    const membership = memoryMembershipStore();
    const readers = createAwsStatusReaders(
      AwsClientFactory.fromConfig(new ConfigReader(motoAppConfig(endpoint)), {
        listener,
      }),
      {
        listings: memoryListingStore(),
        membership,
        now: () => now,
      },
    );

    // cold: the whole listing (one page here) and the two state lists
    const cold = await readers.readAlarms(place);
    expect(calls).toEqual(Array(3).fill('DescribeAlarms'));
    expect(cold[shop].map(a => [a.check, a.state])).toEqual([
      ['storage-low', 'ALARM'],
      ['evictions', 'INSUFFICIENT_DATA'],
      ['cpu-high', 'OK'],
    ]);
    const [alarm, , ok] = cold[shop];
    expect(alarm.reason).toBe('storage below 10%');
    expect(alarm.updatedAt).toBeDefined();
    // an OK alarm is known to be OK now, not since when: no 'changed … ago' is claimed
    expect(ok).toMatchObject({ metric: 'CPUUtilization', threshold: 80 });
    expect(ok.updatedAt).toBeUndefined();
    expect(ok.reason).toBeUndefined();

    // states change; 15 minutes on the definitions are fresh: only the two state lists
    await seed.alarm({
      region,
      environment: shop,
      component: 'db',
      check: 'cpu-high',
      state: 'ALARM',
      reason: 'cpu at 95%',
    });
    await seed.alarm({
      region,
      environment: shop,
      component: 'db',
      check: 'storage-low',
      state: 'OK',
    });
    calls.length = 0;
    now = new Date('2026-12-01T10:15:00Z');
    const live = await readers.readAlarms(place);
    expect(calls).toHaveLength(2);
    expect(live[shop].map(a => [a.check, a.state, a.reason])).toEqual([
      ['cpu-high', 'ALARM', 'cpu at 95%'],
      ['evictions', 'INSUFFICIENT_DATA', expect.any(String)],
      ['storage-low', 'OK', undefined],
    ]);

    // a new environment the resources section found (in membership), its alarms all OK: read
    // at once by name prefix, once
    const added = `${p}-new`;
    await seed.alarm({
      region,
      environment: added,
      component: 'db',
      check: 'cpu-high',
      state: 'OK',
    });
    await membership.set(place, {
      environments: {
        [shop]: { items: [], readAt: now.toISOString() },
        [added]: {
          items: [
            {
              id: `arn:aws:rds:${region}:${accountId}:db:${added}-db`,
              name: `${added}-db`,
              type: 'rds:db',
            } as any,
          ],
          readAt: now.toISOString(),
        },
      },
    });
    calls.length = 0;
    now = new Date('2026-12-01T10:30:00Z');
    const withNew = await readers.readAlarms(place);
    expect(calls).toHaveLength(3);
    expect(withNew[added].map(a => [a.check, a.state])).toEqual([
      ['cpu-high', 'OK'],
    ]);
    calls.length = 0;
    now = new Date('2026-12-01T10:45:00Z');
    const next = await readers.readAlarms(place);
    expect(calls).toHaveLength(2);
    expect(next[added]).toHaveLength(1);

    // past the fresh period: the two state lists and one page of the kept listing
    calls.length = 0;
    now = new Date('2026-12-01T12:00:00Z');
    await readers.readAlarms(place);
    expect(calls).toHaveLength(3);
  });
});
