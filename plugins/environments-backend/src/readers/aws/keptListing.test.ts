import {
  memoryListingStore,
  refreshKeptListings,
  type KeptListingBudget,
  type ListingSource,
} from './keptListing';

const place = { accountId: '123456789012', region: 'eu-west-1' };
const budget: KeptListingBudget = { pagesPerRefresh: 1, freshForMinutes: 60 };

/** A listing of `items` in pages of `size`, recording every page asked for. */
function pagedListing(name: string, items: () => string[], size: number) {
  const calls: (string | undefined)[] = [];
  const source: ListingSource<{ items: string[]; next?: string }, string> = {
    name,
    fetchPage: async token => {
      calls.push(token);
      const from = token ? Number(token) : 0;
      const all = items();
      return {
        items: all.slice(from, from + size),
        next: from + size < all.length ? String(from + size) : undefined,
      };
    },
    nextToken: page => page.next,
    items: page => page.items,
  };
  return { source, calls };
}

describe('refreshKeptListings', () => {
  it('reads a listing never read whole, then at most the page budget a refresh, oldest listing first, and stamps each pass with when it started', async () => {
    const store = memoryListingStore();
    let alarms = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const a = pagedListing('alarms', () => alarms, 2);
    const b = pagedListing('snapshots', () => ['s1'], 2);
    const refresh = (at: string) =>
      refreshKeptListings({
        place,
        sources: [a.source, b.source],
        store,
        budget,
        now: new Date(at),
      });

    // cold: both read whole, outside the budget (3 pages + 1 page)
    const cold = await refresh('2026-12-01T10:00:00Z');
    expect(a.calls).toEqual([undefined, '2', '4']);
    expect(b.calls).toEqual([undefined]);
    expect(cold.alarms).toEqual({
      items: alarms,
      readAt: '2026-12-01T10:00:00.000Z',
    });

    // fresh: no page at all
    await refresh('2026-12-01T10:30:00Z');
    expect(a.calls.length + b.calls.length).toBe(4);

    // stale: one page a refresh in all; 'alarms' (name order breaks the tie) goes first and
    // the kept pass answers until the new one completes
    alarms = ['a1', 'a2', 'a3', 'a4', 'a6'];
    const p1 = await refresh('2026-12-01T11:05:00Z');
    expect(a.calls.slice(3)).toEqual([undefined]);
    expect(b.calls).toHaveLength(1);
    expect(p1.alarms.items).toContain('a5');
    expect(p1.alarms.readAt).toBe('2026-12-01T10:00:00.000Z');
    const p2 = await refresh('2026-12-01T11:20:00Z');
    expect(a.calls.slice(4)).toEqual(['2']);
    expect(p2.alarms.items).toContain('a5');
    const p3 = await refresh('2026-12-01T11:35:00Z');
    expect(a.calls.slice(5)).toEqual(['4']);
    expect(b.calls).toHaveLength(1);
    // the new pass is complete: stamped with when it started (its oldest page), not its end
    expect(p3.alarms).toEqual({
      items: ['a1', 'a2', 'a3', 'a4', 'a6'],
      readAt: '2026-12-01T11:05:00.000Z',
    });
    // now 'snapshots' is the oldest: its page, none of 'alarms'
    const p4 = await refresh('2026-12-01T11:50:00Z');
    expect(b.calls).toHaveLength(2);
    expect(a.calls).toHaveLength(6);
    expect(p4.snapshots.readAt).toBe('2026-12-01T11:50:00.000Z');
  });

  it('keeps listings in the store so another reader (replica) continues the pass, and starts a pass over when a page fails', async () => {
    const store = memoryListingStore();
    const items = ['x1', 'x2', 'x3'];
    const a = pagedListing('alarms', () => items, 1);
    const run = (at: string, source = a.source) =>
      refreshKeptListings({
        place,
        sources: [source],
        store,
        budget,
        now: new Date(at),
      });
    await run('2026-12-01T10:00:00Z');
    await run('2026-12-01T11:05:00Z');
    expect(a.calls.slice(3)).toEqual([undefined]);
    // a second reader with the same store goes on from the kept token
    const other = pagedListing('alarms', () => items, 1);
    await run('2026-12-01T11:20:00Z', other.source);
    expect(other.calls).toEqual(['1']);
    // an expired token: the page fails, the error surfaces, the kept pass still answers and
    // the next refresh starts a new pass from the first page
    const failing: ListingSource<any, string> = {
      ...a.source,
      fetchPage: async () => {
        throw new Error('InvalidNextToken');
      },
    };
    await expect(run('2026-12-01T11:35:00Z', failing)).rejects.toThrow(
      'InvalidNextToken',
    );
    const after = await run('2026-12-01T11:50:00Z');
    expect(a.calls.slice(4)).toEqual([undefined]);
    expect(after.alarms).toEqual({
      items,
      readAt: '2026-12-01T10:00:00.000Z',
    });
  });

  it('reads nothing with a budget of 0 pages once every listing was read', async () => {
    const store = memoryListingStore();
    const a = pagedListing('alarms', () => ['x'], 1);
    const run = (at: string, pagesPerRefresh: number) =>
      refreshKeptListings({
        place,
        sources: [a.source],
        store,
        budget: { ...budget, pagesPerRefresh },
        now: new Date(at),
      });
    await run('2026-12-01T10:00:00Z', 0);
    expect(a.calls).toHaveLength(1);
    await run('2026-12-02T10:00:00Z', 0);
    expect(a.calls).toHaveLength(1);
  });
});
