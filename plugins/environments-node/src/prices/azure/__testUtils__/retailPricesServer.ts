import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** A recorded item set: `Items` shaped as the Retail Prices API documents them. */
interface Recording {
  doc: string;
  Items: Array<Record<string, unknown>>;
}

/** The recorded West Europe items (see __fixtures__/README.md). */
export function recordedItems(): Array<Record<string, unknown>> {
  const file = path.join(
    __dirname,
    '../__fixtures__/retail-prices-westeurope.json',
  );
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as Recording).Items;
}

/**
 * The subset of OData `$filter` the refresher writes: clauses joined by ` and `, each
 * `field eq 'value'` or `contains(field, 'value')`; `priceType` is the item's `type`.
 */
export function matches(
  filter: string,
  item: Record<string, unknown>,
): boolean {
  return filter.split(' and ').every(clause => {
    const eq = /^(\w+) eq '(.*)'$/.exec(clause.trim());
    const field = (name: string) =>
      String(item[name === 'priceType' ? 'type' : name] ?? '');
    if (eq) return field(eq[1]) === eq[2];
    const contains = /^contains\((\w+), '(.*)'\)$/.exec(clause.trim());
    if (contains) return field(contains[1]).includes(contains[2]);
    throw new Error(`filter clause the test server does not know: ${clause}`);
  });
}

/** What the server answers a request with, instead of a page (e.g. a 429). */
export type Override = {
  status: number;
  headers?: Record<string, string>;
  body?: string;
};

/**
 * A Retail Prices API on 127.0.0.1: answers `GET /api/retail/prices?$filter=...[&$skip=n]` with
 * the recorded items the filter matches, `pageSize` a page, `NextPageLink` to the next page
 * (as the API does, with `$skip`), `Count` the items of the page. `override(n)` may answer the
 * n-th request (from 1) otherwise.
 */
export async function startRetailPricesServer(
  options: {
    items?: Array<Record<string, unknown>>;
    pageSize?: number;
    override?: (request: number, url: URL) => Override | undefined;
  } = {},
) {
  const items = options.items ?? recordedItems();
  const pageSize = options.pageSize ?? 5;
  const requests: string[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.searchParams.get('$filter') ?? '');
    const o = options.override?.(requests.length, url);
    if (o) {
      res.writeHead(o.status, {
        'content-type': 'application/json',
        ...o.headers,
      });
      res.end(o.body ?? JSON.stringify({ Error: { Code: String(o.status) } }));
      return;
    }
    const filter = url.searchParams.get('$filter') ?? '';
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const hits = items.filter(i => matches(filter, i));
    const page = hits.slice(skip, skip + pageSize);
    const next =
      skip + pageSize < hits.length
        ? `${base}?$filter=${encodeURIComponent(filter)}&$skip=${
            skip + pageSize
          }`
        : null;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        BillingCurrency: 'USD',
        CustomerEntityId: 'Default',
        CustomerEntityType: 'Retail',
        Items: page,
        NextPageLink: next,
        Count: page.length,
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/retail/prices`;
  return {
    baseUrl: base,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
