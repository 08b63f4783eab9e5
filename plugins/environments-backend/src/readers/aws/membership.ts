/**
 * Which resources belong to which environment, read through a bounded refresh. The Resource
 * Groups Tagging API answers 100 resources a page, so listing every tagged resource of an
 * (account, region) on each refresh costs one call per 100 resources: 23 pages a refresh for the
 * largest place of a 1,000-environment fleet in the bench. Membership changes only when an
 * environment is created, changed or destroyed, so it is read once per environment and then
 * again a page budget per refresh, oldest first, with GetResources narrowed by a tag filter to the
 * environments being read (`terrace:environment` in [names], at most 20 names a call, sized from
 * their earlier counts to fit one page). An environment whose resources were never read (a new
 * environment, or one the store forgot) is read at the next refresh of its place whatever the
 * budget (up to `newEnvironmentPagesPerRefresh`). Pages are cut at 100 resources or at the tags
 * they carry (TagsPerPage), so calls are sized to the fullest page seen in that place. A place with nothing stored yet (the portal's
 * first refresh, or a flushed cache) is listed whole, as before: one call per 100 resources, once.
 * Each resource carries `listedAt`, when its environment's membership was read.
 */
import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { ResourceItem } from '@terrace/plugin-environments-common';
import type { ReaderPlace, ResourcesByEnvironment } from '../types';

/** @public One environment's resources in one place and when they were listed. */
export interface EnvironmentMembership {
  /** The environment's resources (each with `listedAt`), possibly none. */
  items: ResourceItem[];
  /** When the cloud listed them, ISO 8601 UTC. */
  readAt: string;
}

/** @public What is kept of one (account, region) between refreshes. */
export interface PlaceMembership {
  /** By environment name. */
  environments: Record<string, EnvironmentMembership>;
  /**
   * The most resources a full page held when last seen: the Tagging API also cuts pages by tags
   * (TagsPerPage), so a page can hold fewer than the 100 asked for. Calls are sized to it.
   */
  resourcesPerPage?: number;
}

/** @public Where membership is kept between refreshes, per (account, region). */
export interface MembershipStore {
  get(place: ReaderPlace): Promise<PlaceMembership | undefined>;
  set(place: ReaderPlace, membership: PlaceMembership): Promise<void>;
}

/** @public A store in this process's memory (tests, and a single replica without a cache). */
export function memoryMembershipStore(): MembershipStore {
  const places = new Map<string, PlaceMembership>();
  const key = (p: ReaderPlace) => `${p.accountId}:${p.region}`;
  return {
    get: async place => {
      const kept = places.get(key(place));
      return kept && { ...kept, environments: { ...kept.environments } };
    },
    set: async (place, membership) => {
      places.set(key(place), {
        ...membership,
        environments: { ...membership.environments },
      });
    },
  };
}

/**
 * @public A store in the plugin's CacheService (Redis in the production config), so every replica
 * answers from what any replica read. Entries live `ttlDays` (default 7) after their last write.
 */
export function cacheMembershipStore(
  cache: CacheService,
  ttlDays = 7,
): MembershipStore {
  const key = (p: ReaderPlace) =>
    `aws-resource-membership:${p.accountId}:${p.region}`;
  return {
    get: async place =>
      (await cache.get(key(place))) as unknown as PlaceMembership | undefined,
    set: async (place, membership) =>
      cache.set(key(place), membership as unknown as JsonObject, {
        ttl: ttlDays * 86_400_000,
      }),
  };
}

/** @public How many Tagging API pages each refresh may spend (`environments.aws.resourceMembership`). */
export interface MembershipBudget {
  /**
   * GetResources calls per resources refresh of one (account, region) for reading again the
   * membership of environments read before, oldest first. Default 1 (about 100 resources).
   */
  pagesPerRefresh: number;
  /**
   * GetResources calls per refresh of one (account, region) for environments never read (new
   * ones): read at the next refresh so they show at once. Default 20.
   */
  newEnvironmentPagesPerRefresh: number;
  /** Membership younger than this is not read again, in minutes. Default 60. */
  freshForMinutes: number;
}

/** @public The defaults of {@link MembershipBudget}. */
export const DEFAULT_MEMBERSHIP_BUDGET: MembershipBudget = {
  pagesPerRefresh: 1,
  newEnvironmentPagesPerRefresh: 20,
  freshForMinutes: 60,
};

/** Names a tag filter takes per key (the Tagging API's limit). */
export const NAMES_PER_CALL = 20;
/** Resources the Tagging API answers per page. */
export const RESOURCES_PER_PAGE = 100;
/**
 * The share of a page a call is sized for: room for resources added since the last listing (a
 * page exactly full also comes with a token for an empty next page).
 */
const PAGE_FILL = 0.9;
/** What a never-read environment is expected to own, for sizing a call. */
const EXPECTED_RESOURCES = 12;

/**
 * Splits `names` into groups of at most {@link NAMES_PER_CALL} whose expected resources
 * (`expected(name)`, at least 1 each) fit 90% of a page of `resourcesPerPage` (default 100).
 */
export function groupsForOnePage(
  names: string[],
  expected: (name: string) => number,
  resourcesPerPage = RESOURCES_PER_PAGE,
): string[][] {
  const fits = Math.max(1, Math.floor(resourcesPerPage * PAGE_FILL));
  const groups: string[][] = [];
  let group: string[] = [];
  let size = 0;
  for (const name of names) {
    const n = Math.max(1, expected(name));
    if (
      group.length > 0 &&
      (group.length >= NAMES_PER_CALL || size + n > fits)
    ) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(name);
    size += n;
  }
  if (group.length) groups.push(group);
  return groups;
}

/** What one listing answered: resources by environment, and the pages it took. */
export interface Listing {
  byEnvironment: ResourcesByEnvironment;
  pages: number;
  /** The most resources a page held that had a next page (a full page), if any did. */
  fullPage?: number;
}

/**
 * The membership of the environments of `place`, refreshed within `budget`:
 *  - nothing stored for the place: `listAll()` (every page), every environment stamped `now`;
 *  - else environments in `environments` never read: `listNamed` in groups, up to
 *    `newEnvironmentPagesPerRefresh` pages;
 *  - then environments read before `freshForMinutes` ago, oldest first, in groups sized to one
 *    page, while fewer than `pagesPerRefresh` pages were spent.
 * Environments read again with no resources that no caller named are forgotten (destroyed). The
 * store is written also when a listing fails or is cut short, so what was read is kept.
 * Returns every stored environment's resources (an environment read with none maps to `[]`).
 * Errors: whatever the listings throw.
 */
export async function refreshMembership(options: {
  place: ReaderPlace;
  /** The environment names callers asked for in this place; undefined: none named. */
  environments?: string[];
  /** Only read the environments named and never read (no refresh of older membership). */
  discoverOnly?: boolean;
  store: MembershipStore;
  budget: MembershipBudget;
  now: Date;
  listAll: () => Promise<Listing>;
  listNamed: (names: string[]) => Promise<Listing>;
}): Promise<ResourcesByEnvironment> {
  const { place, store, budget, now } = options;
  const readAt = now.toISOString();
  const named = new Set(options.environments ?? []);
  const stamp = (items: ResourceItem[]) =>
    items.map(item => ({ ...item, listedAt: readAt }));
  const stored = await store.get(place);
  const membership: Record<string, EnvironmentMembership> = {
    ...(stored?.environments ?? {}),
  };
  let resourcesPerPage = stored?.resourcesPerPage;
  let read = false;
  const take = (listing: Listing, names: string[]) => {
    read = true;
    if (listing.fullPage) resourcesPerPage = listing.fullPage;
    for (const name of names) {
      const items = listing.byEnvironment[name] ?? [];
      if (items.length === 0 && !named.has(name) && membership[name]) {
        delete membership[name];
      } else {
        membership[name] = { items: stamp(items), readAt };
      }
    }
  };
  try {
    if (!stored) {
      const listing = await options.listAll();
      take(listing, [
        ...new Set([...Object.keys(listing.byEnvironment), ...named]),
      ]);
    } else {
      const unread = [...named].filter(n => !membership[n]).sort();
      let pages = 0;
      for (const group of groupsForOnePage(
        unread,
        () => EXPECTED_RESOURCES,
        resourcesPerPage,
      )) {
        if (pages >= budget.newEnvironmentPagesPerRefresh) break;
        const listing = await options.listNamed(group);
        pages += listing.pages;
        take(listing, group);
      }
      if (!options.discoverOnly) {
        const freshAfter = now.getTime() - budget.freshForMinutes * 60_000;
        const stale = Object.keys(membership)
          .filter(n => Date.parse(membership[n].readAt) < freshAfter)
          .sort(
            (a, b) =>
              Date.parse(membership[a].readAt) -
                Date.parse(membership[b].readAt) || a.localeCompare(b),
          );
        pages = 0;
        for (const group of groupsForOnePage(
          stale,
          n => membership[n]?.items.length ?? EXPECTED_RESOURCES,
          resourcesPerPage,
        )) {
          if (pages >= budget.pagesPerRefresh) break;
          const listing = await options.listNamed(group);
          pages += listing.pages;
          take(listing, group);
        }
      }
    }
  } finally {
    // what was read is kept even when a later listing fails or the refresh is cut short
    if (read) {
      await store.set(place, {
        environments: membership,
        ...(resourcesPerPage ? { resourcesPerPage } : {}),
      });
    }
  }
  const result: ResourcesByEnvironment = {};
  for (const [name, m] of Object.entries(membership)) result[name] = m.items;
  return result;
}
