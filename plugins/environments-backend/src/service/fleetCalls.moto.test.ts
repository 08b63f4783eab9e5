import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import type { AwsCallListener } from '../readers/aws/clients';
import type { EnvironmentRef } from '../locate/locateEnvironment';
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

jest.setTimeout(600_000);

const endpoint = motoEndpoint();
const accountId = randomAccountId();
const region = 'ap-southeast-2';
const p = randomPrefix();
const ENVIRONMENTS = 100;
const refs = Array.from({ length: ENVIRONMENTS }, (_, i) =>
  environmentRef(`${p}-e${i}`, accountId, region, 'staging'),
);

describe('AWS calls per refresh for 100 environments of real shape in one account and region', () => {
  let seed: MotoSeeder;
  beforeAll(async () => {
    await assertMotoReachable(endpoint);
    seed = await MotoSeeder.forAccount(endpoint, accountId);
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < refs.length)
          await seed.environmentOfRealShape({
            region,
            environment: refs[next++].name,
          });
      }),
    );
  });

  it('stays within 10 calls per refresh in steady state, finds a new environment at once, and every row says how old its facts are', async () => {
    // membership and bucket settings outlive section caches, as the plugin's cache does
    const kept = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
      'environments',
    );
    let now = new Date('2026-12-01T10:00:00Z');
    const config = motoAppConfig(endpoint);
    const refresh = async (environments: EnvironmentRef[]) => {
      const calls: Record<string, number> = {};
      const listener: AwsCallListener = ({ service, operation }) => {
        // Cost Explorer is per account (cached 6 h in the portal), not per (account, region)
        if (service === 'costExplorer') return;
        const key = `${service}:${operation}`;
        calls[key] = (calls[key] ?? 0) + 1;
      };
      // a fresh section cache each time: every refresh reads the cloud
      const service = createTestStatusService({
        config,
        listener,
        bucketSettingsCache: kept,
        now: () => now,
      });
      const overview = await service.getOverview(environments);
      const resources = await Promise.all(
        environments.map(r => service.getResources(r)),
      );
      const backups = await Promise.all(
        environments.map(r => service.getBackups(r)),
      );
      const total = Object.values(calls).reduce((a, b) => a + b, 0);
      return { calls, total, overview, resources, backups, service };
    };
    const cold = await refresh(refs);
    expect(cold.overview).toHaveLength(ENVIRONMENTS);
    expect(cold.resources.every(s => s.status === 'ok')).toBe(true);
    // one whole listing (moto lists the account's buckets of every region here: no fixed count)
    expect(cold.calls['tagging:GetResources']).toBeGreaterThan(1);

    // refreshes 15 minutes apart until every bucket's settings were read once
    for (let i = 0; i < 4; i++) {
      now = new Date(now.getTime() + 15 * 60_000);
      const r = await refresh(refs);
      if (
        r.backups.every(b =>
          b.items.every(x => x.kind !== 'bucket' || x.settingsReadAt),
        )
      )
        break;
    }

    // steady state, two hours on: every answer is past its fresh period
    now = new Date(now.getTime() + 2 * 3600_000);
    const steady = await refresh(refs);
    // per (account, region): one Tagging API page of the oldest membership, 2 buckets' settings,
    // what must stay live (alarm states: the ALARM and INSUFFICIENT_DATA lists; databases), one
    // page of kept alarm definitions and one page of the kept snapshot listings
    expect(steady.calls).toMatchObject({
      'tagging:GetResources': 1,
      's3:GetBucketVersioning': 2,
      's3:GetBucketLifecycleConfiguration': 2,
      'cloudwatch:DescribeAlarms': 3,
      'rds:DescribeDBInstances': 1,
    });
    expect(
      (steady.calls['rds:DescribeDBSnapshots'] ?? 0) +
        (steady.calls['elasticache:DescribeReplicationGroups'] ?? 0) +
        (steady.calls['elasticache:DescribeSnapshots'] ?? 0),
    ).toBe(1);
    expect(steady.total).toBeLessThanOrEqual(10);
    // every environment's resources are there, each row saying when it was listed
    for (const [i, section] of steady.resources.entries()) {
      expect(section.items.map(x => x.type).sort()).toEqual(
        [
          'elasticache:replicationgroup',
          'rds:db',
          's3:bucket',
          's3:bucket',
          's3:bucket',
          ...(section.items.some(x => x.type === 'cloudwatch:alarm')
            ? Array(6).fill('cloudwatch:alarm')
            : []),
        ].sort(),
      );
      expect(section.items.every(x => x.listedAt)).toBe(true);
      expect(
        steady.backups[i].items.filter(x => x.kind === 'bucket'),
      ).toHaveLength(3);
      expect(
        steady.backups[i].items
          .filter(x => x.kind === 'bucket')
          .every(x => x.settingsReadAt),
      ).toBe(true);
      expect(steady.overview[i].alarms.ok).toBe(6);
      // databases' and caches' snapshot facts say when they were listed
      const stores = steady.backups[i].items.filter(x => x.kind !== 'bucket');
      expect(stores.map(x => x.kind).sort()).toEqual(['postgres', 'redis']);
      expect(stores.every(x => x.settingsReadAt)).toBe(true);
    }
    const listed = steady.resources.flatMap(s => s.items.map(x => x.listedAt));
    // one page of the oldest membership was read again; the rest kept from earlier
    expect(listed).toContain(now.toISOString());
    expect(listed.some(at => at! < now.toISOString())).toBe(true);

    // a new environment appears in the catalog while the place's answer is still cached: its
    // resources are read by name at once, not when that answer expires
    const added = environmentRef(`${p}-new`, accountId, region, 'staging');
    await seed.environmentOfRealShape({ region, environment: added.name });
    const before = Object.values(steady.calls).reduce((a, b) => a + b, 0);
    const found = await steady.service.getResources(added);
    expect(found.items.filter(x => x.type === 's3:bucket')).toHaveLength(3);
    expect(found.items.every(x => x.listedAt === now.toISOString())).toBe(true);
    // one named GetResources call, nothing else
    expect(Object.values(steady.calls).reduce((a, b) => a + b, 0)).toBe(
      before + 1,
    );
    // and the next refresh of the place answers it like every other environment
    now = new Date(now.getTime() + 15 * 60_000);
    const withNew = await refresh([...refs, added]);
    expect(
      withNew.resources[ENVIRONMENTS].items.filter(x => x.type === 's3:bucket'),
    ).toHaveLength(3);
    expect(withNew.overview[ENVIRONMENTS].alarms.ok).toBe(6);
    // its database's and cache's snapshots are read at once too, stamped now
    expect(
      withNew.backups[ENVIRONMENTS].items
        .filter(x => x.kind !== 'bucket')
        .map(x => [x.kind, x.settingsReadAt]),
    ).toEqual([
      ['redis', now.toISOString()],
      ['postgres', now.toISOString()],
    ]);
    // its buckets' settings are read at once too (new buckets come before the budget)
    expect(
      withNew.backups[ENVIRONMENTS].items
        .filter(x => x.kind === 'bucket')
        .map(x => x.settingsReadAt),
    ).toEqual(Array(3).fill(now.toISOString()));
  });
});
