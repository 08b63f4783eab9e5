/**
 * S3 bucket settings (versioning, lifecycle) read through a bounded refresh. S3 has no batch read
 * of bucket settings: each bucket costs two calls (GetBucketVersioning,
 * GetBucketLifecycleConfiguration), so reading every bucket on every backups refresh makes calls
 * grow with the fleet (1,000 environments of three buckets: about 6,000 calls a refresh). These
 * settings change rarely, so each backups refresh of an (account, region) reads at most
 * `callsPerRefresh` calls' worth of buckets — never-read buckets first, then the oldest facts — and
 * answers every other bucket from what was read before, stamped with when it was read. AWS Config
 * advanced queries would be one call per account, but only where Config records S3 buckets, which
 * Terrace cannot assume of an adopter's accounts.
 */
import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { ReaderPlace } from '../types';

/** @public One bucket's settings and when they were read. */
export interface BucketSettings {
  versioning: boolean;
  /** At least one enabled lifecycle rule. */
  lifecycle: boolean;
  /** When S3 answered, ISO 8601 UTC. */
  readAt: string;
}

/** @public Where bucket settings are kept between refreshes, per (account, region). */
export interface BucketSettingsStore {
  get(place: ReaderPlace): Promise<Record<string, BucketSettings>>;
  set(
    place: ReaderPlace,
    settings: Record<string, BucketSettings>,
  ): Promise<void>;
}

/** @public A store in this process's memory (tests, and a single replica without a cache). */
export function memoryBucketSettingsStore(): BucketSettingsStore {
  const places = new Map<string, Record<string, BucketSettings>>();
  const key = (p: ReaderPlace) => `${p.accountId}:${p.region}`;
  return {
    get: async place => ({ ...(places.get(key(place)) ?? {}) }),
    set: async (place, settings) => {
      places.set(key(place), { ...settings });
    },
  };
}

/**
 * @public A store in the plugin's CacheService (Redis in the production config), so every replica
 * answers from what any replica read. Entries live `ttlDays` (default 7) after their last write.
 */
export function cacheBucketSettingsStore(
  cache: CacheService,
  ttlDays = 7,
): BucketSettingsStore {
  const key = (p: ReaderPlace) =>
    `aws-bucket-settings:${p.accountId}:${p.region}`;
  return {
    get: async place =>
      ((await cache.get(key(place))) as unknown as
        | Record<string, BucketSettings>
        | undefined) ?? {},
    set: async (place, settings) =>
      cache.set(key(place), settings as unknown as JsonObject, {
        ttl: ttlDays * 86_400_000,
      }),
  };
}

/** @public How much of each refresh goes to bucket settings (`environments.aws.bucketSettings`). */
export interface BucketSettingsBudget {
  /**
   * AWS calls per backups refresh of one (account, region) spent on reading again settings read
   * before (oldest first); each bucket costs 2. Default 4 (2 buckets).
   */
  callsPerRefresh: number;
  /**
   * AWS calls per refresh of one (account, region) for buckets never read (a new environment's,
   * or all of them when the portal starts): read first so they show at once. Default 400
   * (200 buckets); a fleet with more new buckets in one place shows the rest as not read yet
   * until the next refreshes.
   */
  newBucketCallsPerRefresh: number;
  /** A fact younger than this is not read again, in minutes. Default 60. */
  freshForMinutes: number;
}

/** @public The defaults of {@link BucketSettingsBudget}. */
export const DEFAULT_BUCKET_SETTINGS_BUDGET: BucketSettingsBudget = {
  callsPerRefresh: 4,
  newBucketCallsPerRefresh: 400,
  freshForMinutes: 60,
};

/**
 * Settings of `buckets` in `place`: reads with `read` at most `newBucketCallsPerRefresh / 2`
 * buckets never read and `callsPerRefresh / 2` read before (oldest first; none younger than
 * `freshForMinutes`), keeps the rest from `store`, forgets buckets no longer listed, and writes
 * the result back — also when a read fails or is aborted, so what was read is kept. A bucket not
 * read yet is absent from the answer (its card says so). Errors: whatever `read` throws.
 */
export async function refreshBucketSettings(options: {
  place: ReaderPlace;
  buckets: string[];
  store: BucketSettingsStore;
  budget: BucketSettingsBudget;
  now: Date;
  read: (
    bucket: string,
  ) => Promise<{ versioning: boolean; lifecycle: boolean }>;
  /** Parallel reads; default 4. */
  concurrency?: number;
}): Promise<Record<string, BucketSettings>> {
  const { place, store, budget, now } = options;
  const known = await store.get(place);
  const settings: Record<string, BucketSettings> = {};
  for (const bucket of options.buckets) {
    if (known[bucket]) settings[bucket] = known[bucket];
  }
  const freshAfter = now.getTime() - budget.freshForMinutes * 60_000;
  const unread = options.buckets
    .filter(b => !settings[b])
    .sort()
    .slice(0, Math.max(0, Math.floor(budget.newBucketCallsPerRefresh / 2)));
  const stale = options.buckets
    .filter(b => settings[b] && Date.parse(settings[b].readAt) < freshAfter)
    .sort(
      (a, b) =>
        Date.parse(settings[a].readAt) - Date.parse(settings[b].readAt) ||
        a.localeCompare(b),
    )
    .slice(0, Math.max(0, Math.floor(budget.callsPerRefresh / 2)));
  const due = [...unread, ...stale];
  const concurrency = options.concurrency ?? 4;
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, due.length) }, async () => {
        while (next < due.length) {
          const bucket = due[next++];
          const read = await options.read(bucket);
          settings[bucket] = { ...read, readAt: now.toISOString() };
        }
      }),
    );
  } finally {
    // what was read is kept even when a read fails or the refresh is cut short (timeout), so
    // the next refresh goes on from there instead of starting over
    await store.set(place, settings);
  }
  return settings;
}
