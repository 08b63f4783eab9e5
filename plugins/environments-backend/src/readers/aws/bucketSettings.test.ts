import {
  memoryBucketSettingsStore,
  refreshBucketSettings,
  type BucketSettingsBudget,
} from './bucketSettings';

const place = { accountId: '123456789012', region: 'eu-west-1' };
const budget: BucketSettingsBudget = {
  callsPerRefresh: 4,
  newBucketCallsPerRefresh: 6,
  freshForMinutes: 60,
};

function fleet(n: number) {
  return Array.from({ length: n }, (_, i) => `b-${String(i).padStart(3, '0')}`);
}

describe('refreshBucketSettings', () => {
  it('reads new buckets first within their budget, then the oldest facts within the refresh budget, and stamps each with when it was read', async () => {
    const store = memoryBucketSettingsStore();
    const reads: string[][] = [];
    const refresh = async (buckets: string[], at: string) => {
      const batch: string[] = [];
      reads.push(batch);
      return refreshBucketSettings({
        place,
        buckets,
        store,
        budget,
        now: new Date(at),
        read: async bucket => {
          batch.push(bucket);
          return { versioning: bucket !== 'b-001', lifecycle: false };
        },
      });
    };
    const buckets = fleet(5);
    // cold: 3 new buckets (6 calls), the other 2 not read yet
    const first = await refresh(buckets, '2026-12-01T10:00:00Z');
    expect(reads[0]).toEqual(['b-000', 'b-001', 'b-002']);
    expect(Object.keys(first).sort()).toEqual(['b-000', 'b-001', 'b-002']);
    expect(first['b-001']).toEqual({
      versioning: false,
      lifecycle: false,
      readAt: '2026-12-01T10:00:00.000Z',
    });
    // 15 min later: the 2 unread ones; nothing is stale yet
    await refresh(buckets, '2026-12-01T10:15:00Z');
    expect(reads[1]).toEqual(['b-003', 'b-004']);
    // 30 min later: everything fresh, no call at all
    await refresh(buckets, '2026-12-01T10:30:00Z');
    expect(reads[2]).toEqual([]);
    // after the fresh period: the 2 oldest (4 calls), oldest first
    const later = await refresh(buckets, '2026-12-01T11:05:00Z');
    expect(reads[3]).toEqual(['b-000', 'b-001']);
    expect(later['b-002'].readAt).toBe('2026-12-01T10:00:00.000Z');
    expect(later['b-000'].readAt).toBe('2026-12-01T11:05:00.000Z');
    // a bucket no longer listed is forgotten
    await refresh(buckets.slice(1), '2026-12-01T11:06:00Z');
    expect(Object.keys(await store.get(place))).not.toContain('b-000');
  });

  it('keeps what it read when a read fails, so the next refresh goes on from there', async () => {
    const store = memoryBucketSettingsStore();
    const buckets = fleet(3);
    await expect(
      refreshBucketSettings({
        place,
        buckets,
        store,
        budget,
        now: new Date('2026-12-01T10:00:00Z'),
        concurrency: 1,
        read: async bucket => {
          if (bucket === 'b-002') throw new Error('request timed out');
          return { versioning: true, lifecycle: false };
        },
      }),
    ).rejects.toThrow('request timed out');
    expect(Object.keys(await store.get(place)).sort()).toEqual([
      'b-000',
      'b-001',
    ]);
    const reads: string[] = [];
    await refreshBucketSettings({
      place,
      buckets,
      store,
      budget,
      now: new Date('2026-12-01T10:15:00Z'),
      read: async bucket => {
        reads.push(bucket);
        return { versioning: true, lifecycle: false };
      },
    });
    expect(reads).toEqual(['b-002']);
  });

  it('never makes more calls per refresh than its budgets allow, whatever the fleet', async () => {
    const store = memoryBucketSettingsStore();
    const buckets = fleet(300);
    const perRefresh: number[] = [];
    for (let i = 0; i < 120; i++) {
      const read = jest.fn(async () => ({ versioning: true, lifecycle: true }));
      await refreshBucketSettings({
        place,
        buckets,
        store,
        budget,
        now: new Date(Date.UTC(2026, 11, 1, 0, i * 15)),
        read,
      });
      // each bucket read is two calls (versioning, lifecycle)
      perRefresh.push(read.mock.calls.length * 2);
    }
    // while buckets are unread, a refresh spends the new-bucket budget (6 calls) and, once facts
    // pass their fresh period, the refresh budget (4) on the oldest: never more than 10
    expect(perRefresh[0]).toBe(6);
    expect(Math.max(...perRefresh.slice(0, 100))).toBe(10);
    // all 300 read by the 100th refresh; from then on at most the refresh budget (4 calls)
    expect(Math.max(...perRefresh.slice(100))).toBe(4);
    expect(Object.keys(await store.get(place))).toHaveLength(300);
  });
});
