import type { ResourceItem } from '@terrace/plugin-environments-common';
import {
  groupsForOnePage,
  memoryMembershipStore,
  refreshMembership,
  type Listing,
  type MembershipBudget,
} from './membership';

const place = { accountId: '123456789012', region: 'eu-west-1' };
const budget: MembershipBudget = {
  pagesPerRefresh: 1,
  newEnvironmentPagesPerRefresh: 2,
  freshForMinutes: 60,
};

/**
 * A cloud of environments owning `size` resources each; lists them as the Tagging API pages, of
 * `perPage` resources (fewer than 100 where tags cut the page).
 */
function cloud(names: string[], size = 10, perPage = 100) {
  const owned = new Map<string, ResourceItem[]>(
    names.map(n => [
      n,
      Array.from({ length: size }, (_, i) => ({
        id: `arn:aws:s3:::${n}-${i}`,
        type: 's3:bucket',
        name: `${n}-${i}`,
      })),
    ]),
  );
  const calls: string[][] = [];
  const listing = (wanted: string[]): Listing => {
    const byEnvironment: Record<string, ResourceItem[]> = {};
    let count = 0;
    for (const n of wanted) {
      const items = owned.get(n);
      if (items) {
        byEnvironment[n] = items;
        count += items.length;
      }
    }
    const pages = Math.max(1, Math.ceil(count / perPage));
    return {
      byEnvironment,
      pages,
      ...(pages > 1 ? { fullPage: perPage } : {}),
    };
  };
  return {
    owned,
    calls,
    listAll: async () => {
      calls.push(['*']);
      return listing([...owned.keys()]);
    },
    listNamed: async (wanted: string[]) => {
      calls.push(wanted);
      return listing(wanted);
    },
  };
}

const names = (n: number, prefix = 'e') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

describe('refreshMembership', () => {
  it('lists a place whole once, then reads again only a page of the oldest membership per refresh, and new environments at once', async () => {
    const store = memoryMembershipStore();
    const c = cloud(names(30));
    const refresh = (environments: string[], at: string) =>
      refreshMembership({
        place,
        environments,
        store,
        budget,
        now: new Date(at),
        listAll: c.listAll,
        listNamed: c.listNamed,
      });

    // cold: one full listing; every resource stamped with when it was listed
    const cold = await refresh(names(30), '2026-12-01T10:00:00Z');
    expect(c.calls).toEqual([['*']]);
    expect(Object.keys(cold)).toHaveLength(30);
    expect(cold.e07).toHaveLength(10);
    expect(cold.e07[0].listedAt).toBe('2026-12-01T10:00:00.000Z');

    // within the fresh period: no call at all
    c.calls.length = 0;
    await refresh(names(30), '2026-12-01T10:30:00Z');
    expect(c.calls).toEqual([]);

    // a new environment: read at once by name, whatever the refresh budget
    c.owned.set('new', [{ id: 'arn:aws:rds:x', type: 'rds:db', name: 'db' }]);
    const withNew = await refresh(
      [...names(30), 'new'],
      '2026-12-01T10:45:00Z',
    );
    expect(c.calls).toEqual([['new']]);
    expect(withNew.new[0].listedAt).toBe('2026-12-01T10:45:00.000Z');
    // an environment named but owning nothing is known as empty (not read again at once)
    c.calls.length = 0;
    const empty = await refresh(
      [...names(30), 'new', 'bare'],
      '2026-12-01T10:50:00Z',
    );
    expect(c.calls).toEqual([['bare']]);
    expect(empty.bare).toEqual([]);

    // after the fresh period: one page's worth (9 environments of 10) of the oldest, per refresh
    c.calls.length = 0;
    c.owned
      .get('e00')!
      .push({ id: 'arn:aws:s3:::added', type: 's3:bucket', name: 'added' });
    const later = await refresh(
      [...names(30), 'new', 'bare'],
      '2026-12-01T11:05:00Z',
    );
    expect(c.calls).toEqual([names(9)]);
    expect(later.e00).toHaveLength(11);
    expect(later.e00[0].listedAt).toBe('2026-12-01T11:05:00.000Z');
    expect(later.e20[0].listedAt).toBe('2026-12-01T10:00:00.000Z');
    c.calls.length = 0;
    await refresh([...names(30), 'new', 'bare'], '2026-12-01T11:20:00Z');
    expect(c.calls).toEqual([names(30).slice(9, 18)]);
  });

  it('forgets an environment read again with no resources that nobody named (destroyed)', async () => {
    const store = memoryMembershipStore();
    const c = cloud(['a', 'b']);
    const refresh = (environments: string[], at: string) =>
      refreshMembership({
        place,
        environments,
        store,
        budget,
        now: new Date(at),
        listAll: c.listAll,
        listNamed: c.listNamed,
      });
    await refresh(['a', 'b'], '2026-12-01T10:00:00Z');
    c.owned.delete('b');
    const after = await refresh(['a'], '2026-12-01T12:00:00Z');
    expect(Object.keys(after)).toEqual(['a']);
  });

  it('keeps what was read when a later listing fails', async () => {
    const store = memoryMembershipStore();
    const c = cloud(names(3));
    await refreshMembership({
      place,
      environments: names(3),
      store,
      budget,
      now: new Date('2026-12-01T10:00:00Z'),
      listAll: c.listAll,
      listNamed: c.listNamed,
    });
    // 20 new environments go in groups sized to one page (7 of 12 expected resources each)
    const fresh = names(20, 'n');
    for (const n of fresh) c.owned.set(n, []);
    let listed = 0;
    await expect(
      refreshMembership({
        place,
        environments: [...names(3), ...fresh],
        store,
        budget: { ...budget, newEnvironmentPagesPerRefresh: 5 },
        now: new Date('2026-12-01T10:10:00Z'),
        listAll: c.listAll,
        listNamed: async wanted => {
          if (listed++ > 0) throw new Error('throttled');
          return c.listNamed(wanted);
        },
      }),
    ).rejects.toThrow('throttled');
    // the first group was kept as read; the rest are still unread
    expect(Object.keys((await store.get(place))!.environments).sort()).toEqual([
      ...names(3),
      ...fresh.slice(0, 7),
    ]);
  });
  it('sizes its calls to the fullest page seen where pages hold fewer than 100 resources', async () => {
    const store = memoryMembershipStore();
    const c = cloud(names(30), 10, 50);
    const refresh = (at: string) =>
      refreshMembership({
        place,
        environments: names(30),
        store,
        budget,
        now: new Date(at),
        listAll: c.listAll,
        listNamed: c.listNamed,
      });
    await refresh('2026-12-01T10:00:00Z');
    expect((await store.get(place))!.resourcesPerPage).toBe(50);
    c.calls.length = 0;
    await refresh('2026-12-01T11:05:00Z');
    // 45 resources a call: 4 environments of 10, one page
    expect(c.calls).toEqual([names(4)]);
  });
});

describe('groupsForOnePage', () => {
  it('groups names so their expected resources fit one page, at most 20 names a group', () => {
    expect(groupsForOnePage(names(45), () => 1).map(g => g.length)).toEqual([
      20, 20, 5,
    ]);
    expect(groupsForOnePage(names(5), () => 40).map(g => g.length)).toEqual([
      2, 2, 1,
    ]);
    // one environment larger than a page still gets a call of its own
    expect(
      groupsForOnePage(['big', 'small'], n => (n === 'big' ? 250 : 5)),
    ).toEqual([['big'], ['small']]);
  });
});
