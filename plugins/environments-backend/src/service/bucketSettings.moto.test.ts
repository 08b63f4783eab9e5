import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import type { BackupsSection } from '@terrace/plugin-environments-common';
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

jest.setTimeout(300_000);

const endpoint = motoEndpoint();
const accountId = randomAccountId();
const region = 'eu-west-1';
const p = randomPrefix();
const ENVIRONMENTS = 100;
const refs = Array.from({ length: ENVIRONMENTS }, (_, i) =>
  environmentRef(`${p}-env-${i}`, accountId, region, 'staging'),
);

describe('S3 bucket settings of 100 environments of three buckets each (one account and region)', () => {
  beforeAll(async () => {
    await assertMotoReachable(endpoint);
    const seed = await MotoSeeder.forAccount(endpoint, accountId);
    for (const [i, ref] of refs.entries()) {
      for (const component of ['assets', 'uploads', 'exports']) {
        await seed.bucket({
          region,
          environment: ref.name,
          component,
          name: `${ref.name}-${component}`,
          versioning: i % 2 === 0,
          lifecycle: component === 'exports',
        });
      }
    }
  });

  it('reads at most the budget per refresh, answers the rest from earlier reads, and every bucket row says when its settings were read', async () => {
    // one store of bucket settings across refreshes, as the plugin's cache is across replicas
    const bucketSettingsCache = CacheManager.fromConfig(
      new ConfigReader({}),
    ).forPlugin('environments');
    let now = new Date('2026-12-01T10:00:00Z');
    const config = motoAppConfig(endpoint, {});
    (config.environments as any).aws.bucketSettings = {
      newBucketCallsPerRefresh: 400,
      callsPerRefresh: 8,
      freshForMinutes: 60,
    };
    const refresh = async () => {
      const calls: Record<string, number> = {};
      const listener: AwsCallListener = ({ service, operation }) => {
        const key = `${service}:${operation}`;
        calls[key] = (calls[key] ?? 0) + 1;
      };
      // a fresh section cache each time: every refresh reads the cloud
      const service = createTestStatusService({
        config,
        listener,
        bucketSettingsCache,
        now: () => now,
      });
      const sections = (await Promise.all(
        refs.map(ref => service.getBackups(ref)),
      )) as BackupsSection[];
      const s3 =
        (calls['s3:GetBucketVersioning'] ?? 0) +
        (calls['s3:GetBucketLifecycleConfiguration'] ?? 0);
      const items = sections.flatMap(s => s.items);
      return { calls, s3, items, sections };
    };

    // cold: 200 of the 300 buckets (400 calls); the other 100 say they are not read yet
    const cold = await refresh();
    expect(cold.sections.every(s => s.status === 'ok')).toBe(true);
    expect(cold.items).toHaveLength(300);
    expect(cold.s3).toBe(400);
    const unread = cold.items.filter(i => i.versioning === undefined);
    expect(unread).toHaveLength(100);
    expect(unread[0].reason).toMatch(/^Versioning and lifecycle not read yet/);

    // 15 minutes later: the last 100 (200 calls); every row now has its settings and their age
    now = new Date('2026-12-01T10:15:00Z');
    const second = await refresh();
    expect(second.s3).toBe(200);
    expect(second.items.every(i => i.settingsReadAt)).toBe(true);
    const first = second.items.find(i => i.resource === `${p}-env-0-exports`)!;
    expect(first).toMatchObject({
      versioning: true,
      lifecycle: true,
      settingsReadAt: '2026-12-01T10:00:00.000Z',
      health: 'ok',
    });
    expect(
      second.items.find(i => i.resource === `${p}-env-1-assets`),
    ).toMatchObject({
      versioning: false,
      lifecycle: false,
      health: 'ok',
      reason:
        'Versioning is off, which the staging tier allows (no lifecycle rules)',
    });

    // steady state: nothing younger than an hour is read again; then 4 buckets a refresh
    now = new Date('2026-12-01T10:30:00Z');
    expect((await refresh()).s3).toBe(0);
    now = new Date('2026-12-01T11:30:00Z');
    const steady = await refresh();
    expect(steady.s3).toBe(8);
    expect(
      steady.items.filter(i => i.settingsReadAt === '2026-12-01T11:30:00.000Z'),
    ).toHaveLength(4);
    // what the whole backups refresh of this (account, region) cost in steady state: the tagging
    // pages that attribute 300 buckets, and the 8 bucket settings calls
    expect(steady.calls).toEqual({
      'tagging:GetResources': expect.any(Number),
      's3:GetBucketVersioning': 4,
      's3:GetBucketLifecycleConfiguration': 4,
    });
  });
});
