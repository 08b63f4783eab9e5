/**
 * Paginated AWS listings read a few pages per refresh and kept between refreshes. AWS pages the
 * listings behind the alarms and backups cards (DescribeAlarms 100 a page, DescribeDBSnapshots
 * 100, ElastiCache DescribeSnapshots 50, DescribeReplicationGroups 100), so reading them whole on
 * every refresh makes calls grow with the fleet. For facts that change rarely (alarm definitions,
 * snapshot times and counts, snapshot retention) a listing is instead continued `pages` pages per
 * refresh from where the last refresh stopped (its NextToken / Marker is kept); while a new pass
 * is under way the last complete pass answers, stamped `readAt` = when that pass started (its
 * oldest page), so every fact is at most as old as its stamp says. A listing never read is read
 * whole at once (the portal's first refresh, like bucket settings' new buckets).
 */
import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { ReaderPlace } from '../types';

/** @public One listing as kept between refreshes. */
export interface KeptListing<T> {
  /** The last complete pass; absent until one completed. */
  items?: T[];
  /** When the last complete pass started (its oldest page was read), ISO 8601 UTC. */
  readAt?: string;
  /** A pass under way: the token of its next page, what it read so far, when it started. */
  next?: { token: string; items: T[]; startedAt: string };
}

/** @public Where listings are kept between refreshes, per (account, region) and listing name. */
export interface ListingStore {
  get<T>(place: ReaderPlace, name: string): Promise<KeptListing<T> | undefined>;
  set<T>(
    place: ReaderPlace,
    name: string,
    listing: KeptListing<T>,
  ): Promise<void>;
}

/** @public A store in this process's memory (tests, and a single replica without a cache). */
export function memoryListingStore(): ListingStore {
  const kept = new Map<string, string>();
  const key = (p: ReaderPlace, name: string) =>
    `${p.accountId}:${p.region}:${name}`;
  return {
    get: async (place, name) => {
      const v = kept.get(key(place, name));
      return v ? JSON.parse(v) : undefined;
    },
    set: async (place, name, listing) => {
      kept.set(key(place, name), JSON.stringify(listing));
    },
  };
}

/**
 * @public A store in the plugin's CacheService (Redis in the production config), so a page read
 * by one replica serves the other. Entries live `ttlDays` (default 7) after their last write.
 */
export function cacheListingStore(
  cache: CacheService,
  ttlDays = 7,
): ListingStore {
  const key = (p: ReaderPlace, name: string) =>
    `aws-listing:${name}:${p.accountId}:${p.region}`;
  return {
    get: async (place, name) => (await cache.get(key(place, name))) as any,
    set: async (place, name, listing) =>
      cache.set(key(place, name), listing as unknown as JsonObject, {
        ttl: ttlDays * 86_400_000,
      }),
  };
}

/** @public How often a kept listing is read again (`environments.aws.keptListings`). */
export interface KeptListingBudget {
  /**
   * Pages per refresh of one (account, region) for all kept listings of one section together
   * (the oldest listing goes first). Default 1.
   */
  pagesPerRefresh: number;
  /** A complete pass younger than this is not read again, in minutes. Default 60. */
  freshForMinutes: number;
}

/** @public The defaults of {@link KeptListingBudget}. */
export const DEFAULT_KEPT_LISTING_BUDGET: KeptListingBudget = {
  pagesPerRefresh: 1,
  freshForMinutes: 60,
};

/** @public One paginated listing: how to read a page and what it holds. */
export interface ListingSource<P, T> {
  name: string;
  fetchPage: (token: string | undefined) => Promise<P>;
  nextToken: (page: P) => string | undefined;
  items: (page: P) => T[];
}

/** When a listing's facts date from (a pass under way: the kept pass's start). */
function age(listing: KeptListing<unknown> | undefined): number {
  if (!listing?.readAt) return -Infinity;
  return Date.parse(listing.readAt);
}

/**
 * Advances the kept `sources` of one place by at most `budget.pagesPerRefresh` pages in all
 * (a listing never read completely is read whole, outside the budget; then the listing whose
 * complete pass is oldest and older than `freshForMinutes`, or whose pass is under way, goes
 * first) and answers each listing's last complete pass with its `readAt`, by source name.
 * Writes back what was read, also when a read fails (a failed page restarts that pass next
 * time). Errors: whatever a `fetchPage` throws.
 */
export async function refreshKeptListings(options: {
  place: ReaderPlace;
  sources: ListingSource<any, any>[];
  store: ListingStore;
  budget: KeptListingBudget;
  now: Date;
}): Promise<Record<string, { items: any[]; readAt: string }>> {
  const { place, store, budget, now } = options;
  const kept = new Map<string, KeptListing<unknown>>();
  for (const source of options.sources) {
    kept.set(source.name, (await store.get(place, source.name)) ?? {});
  }
  const freshAfter = now.getTime() - budget.freshForMinutes * 60_000;
  const stamp = now.toISOString();

  const readWhole = async (source: ListingSource<any, any>) => {
    const items: unknown[] = [];
    let token: string | undefined;
    do {
      const page = await source.fetchPage(token);
      items.push(...source.items(page));
      token = source.nextToken(page) || undefined;
    } while (token);
    kept.set(source.name, { items, readAt: stamp });
    await store.set(place, source.name, kept.get(source.name)!);
  };
  await Promise.all(
    options.sources
      .filter(s => !kept.get(s.name)!.items)
      .map(s => readWhole(s)),
  );

  let pages = Math.max(0, Math.floor(budget.pagesPerRefresh));
  const due = options.sources
    .filter(s => {
      const k = kept.get(s.name)!;
      return k.next || age(k) < freshAfter;
    })
    .sort(
      (a, b) =>
        age(kept.get(a.name)) - age(kept.get(b.name)) ||
        a.name.localeCompare(b.name),
    );
  for (const source of due) {
    if (pages <= 0) break;
    const k = kept.get(source.name)!;
    let next = k.next ?? { token: '', items: [], startedAt: stamp };
    try {
      while (pages > 0) {
        pages -= 1;
        const page = await source.fetchPage(next.token || undefined);
        const token = source.nextToken(page) || undefined;
        const items = [...next.items, ...source.items(page)];
        if (!token) {
          kept.set(source.name, { items, readAt: next.startedAt });
          break;
        }
        next = { token, items, startedAt: next.startedAt };
        kept.set(source.name, { ...k, next });
      }
    } catch (e) {
      // a token may expire between refreshes: this pass starts over next time
      kept.set(source.name, { items: k.items, readAt: k.readAt });
      await store.set(place, source.name, kept.get(source.name)!);
      throw e;
    }
    await store.set(place, source.name, kept.get(source.name)!);
  }

  const result: Record<string, { items: any[]; readAt: string }> = {};
  for (const source of options.sources) {
    const k = kept.get(source.name)!;
    result[source.name] = { items: k.items ?? [], readAt: k.readAt ?? stamp };
  }
  return result;
}

/**
 * Reads at once what the kept listing `name` of `place` does not hold yet (a new environment's
 * database, cache or alarms), by identifier: each of `ids` that `has` does not find in the last
 * complete pass is read with `read` once (an id read and still not found — a database without
 * snapshots, an environment without alarms — is not read again while it is among `ids`: a later
 * change of it comes with the listing's next pass). What is read is added to the kept pass and
 * to a pass under way, so later refreshes answer it without a call. Returns the pass's items
 * with the ones read; at most `limit` ids a call. Errors: whatever `read` throws.
 */
export async function withUnlisted<T>(options: {
  place: ReaderPlace;
  store: ListingStore;
  name: string;
  ids: string[];
  has: (items: T[], id: string) => boolean;
  read: (id: string) => Promise<T[]>;
  /** At most this many ids are read per call (the rest next time); default all. */
  limit?: number;
}): Promise<T[]> {
  const { place, store, name } = options;
  const kept = (await store.get<T>(place, name)) ?? {};
  const items = kept.items ?? [];
  const checkedName = `${name}:unlisted`;
  const done = (await store.get<string>(place, checkedName))?.items ?? [];
  const due = [...new Set(options.ids)]
    .filter(id => !options.has(items, id) && !done.includes(id))
    .slice(0, options.limit ?? Infinity);
  if (due.length === 0) return items;
  const found: T[] = [];
  for (const id of due) found.push(...(await options.read(id)));
  const current = new Set(options.ids);
  await store.set(place, checkedName, {
    items: [...done.filter(id => current.has(id)), ...due],
  });
  if (kept.items) {
    await store.set(place, name, {
      ...kept,
      items: [...items, ...found],
      ...(kept.next
        ? { next: { ...kept.next, items: [...kept.next.items, ...found] } }
        : {}),
    });
  }
  return [...items, ...found];
}
