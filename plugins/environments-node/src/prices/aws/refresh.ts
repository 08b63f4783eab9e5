/**
 * `terrace prices refresh`: rebuilds the groups of one region's catalog file that the Price List
 * Query API can answer, keeps the others with their recorded source, and writes the file only
 * when the whole result passes the catalog schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  parseRegionCatalogFile,
  type RegionCatalogFile,
  type SizedPriceGroup,
  type FlatPriceGroup,
} from '../../estimate/aws/catalog';
import {
  FLAT_QUERIES,
  readFlatGroup,
  readSizedGroup,
  SIZED_QUERIES,
  type GroupReading,
  type PriceQuery,
} from './mapping';
import { parsePriceListItem, type PricedProduct } from './priceList';
import type { ProductSource } from './source';

/** @public Source id of prices read from the Price List Query API. */
export const PRICE_LIST_API_SOURCE = 'aws-price-list-api';

/** @public */
export interface RefreshOptions {
  region: string;
  /** Directory of the catalog files (`prices/aws`). */
  dir: string;
  source: ProductSource;
  /** Today, YYYY-MM-DD; recorded as the retrieval date. */
  today: string;
  /** Progress, one line per group. */
  log?: (line: string) => void;
}

/** @public */
export interface RefreshResult {
  file: string;
  updated: string[];
  kept: Array<{ group: string; reason: string }>;
  changed: Array<{ group: string; key?: string; from: number; to: number }>;
}

async function fetchProducts(
  source: ProductSource,
  query: PriceQuery,
  region: string,
  sizes: string[],
): Promise<PricedProduct[]> {
  const base = [...query.filters, { field: 'regionCode', value: region }];
  const batches = query.perSize
    ? await Promise.all(
        sizes.map(size =>
          source.getProducts(query.serviceCode, [
            ...base,
            { field: 'instanceType', value: size },
          ]),
        ),
      )
    : [await source.getProducts(query.serviceCode, base)];
  return batches
    .flat()
    .map(parsePriceListItem)
    .filter((p): p is PricedProduct => !!p)
    .filter(p => (p.attributes.regionCode ?? region) === region);
}

/** A region file of the catalog directory to take the list of sizes from (not its prices). */
function templateFile(dir: string): RegionCatalogFile {
  const names = fs
    .readdirSync(dir)
    .filter(n => /^[a-z]{2}(-[a-z]+)+-\d\.json$/.test(n))
    .sort();
  const name = names.includes('us-east-1.json') ? 'us-east-1.json' : names[0];
  if (!name) {
    throw new Error(
      `no catalog file in ${dir} to take the sizes from; a new region lists the sizes of an existing one`,
    );
  }
  return parseRegionCatalogFile(
    fs.readFileSync(path.join(dir, name), 'utf8'),
    name,
  );
}

/** Every group the existing files hold, to report the ones a new file cannot have yet. */
function researchedGroups(dir: string): string[] {
  return Object.keys(templateFile(dir).groups).sort();
}

/**
 * The start of a new region's file: the groups the Price List Query API answers, with the sizes
 * of an existing file and no prices yet (each is filled from the API or left out).
 */
function skeleton(
  dir: string,
  region: string,
  today: string,
): RegionCatalogFile {
  const template = templateFile(dir);
  const groups: RegionCatalogFile['groups'] = {};
  for (const group of Object.keys(SIZED_QUERIES)) {
    const g = template.groups[group];
    if (g && 'prices' in g) {
      groups[group] = {
        unit: g.unit,
        source: PRICE_LIST_API_SOURCE,
        prices: Object.fromEntries(Object.keys(g.prices).map(k => [k, 0])),
      };
    }
  }
  for (const group of Object.keys(FLAT_QUERIES)) {
    const g = template.groups[group];
    if (g && 'price' in g) {
      groups[group] = { unit: g.unit, source: PRICE_LIST_API_SOURCE, price: 0 };
    }
  }
  return {
    catalogVersion: today.replace(/-/g, '.'),
    cloud: 'aws',
    region,
    location: region,
    currency: 'USD',
    sources: {
      [PRICE_LIST_API_SOURCE]: {
        title: 'AWS Price List Query API (GetProducts), on-demand terms',
        url: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html',
        retrieved: today,
      },
    },
    groups,
  };
}

/**
 * Refreshes one region's file: each group the API answers completely is replaced (with the API
 * as its source and today as its date); a group it answers only in part keeps its recorded
 * prices and is reported. A group the API can answer that the file does not hold yet is added
 * when answered completely, and reported as left out otherwise. A region without a file gets a new one holding only what the API
 * answers completely (sizes of an existing file); every other group is reported as left out,
 * so the estimate refuses what needs it, naming the group, instead of borrowing a price. The file is written only when the result passes the catalog schema.
 * @public
 */
export async function refreshRegion(
  options: RefreshOptions,
): Promise<RefreshResult> {
  const { region, dir, source, today } = options;
  const log = options.log ?? (() => {});
  const file = path.join(dir, `${region}.json`);
  const fresh = !fs.existsSync(file);
  const current: RegionCatalogFile = fresh
    ? skeleton(dir, region, today)
    : parseRegionCatalogFile(
        fs.readFileSync(file, 'utf8'),
        path.basename(file),
      );
  const next: RegionCatalogFile = JSON.parse(JSON.stringify(current));
  // A partly priced file (e.g. us-east-2, built from a snapshot) also gets the groups the API
  // answers that it does not hold yet; like a new file's, each is added only when answered.
  const added = new Set<string>();
  if (!fresh) {
    for (const [group, value] of Object.entries(
      skeleton(dir, region, today).groups,
    )) {
      if (!(group in next.groups)) {
        next.groups[group] = value;
        added.add(group);
      }
    }
  }
  next.sources[PRICE_LIST_API_SOURCE] = {
    title: 'AWS Price List Query API (GetProducts), on-demand terms',
    url: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html',
    retrieved: today,
  };

  let location: string | undefined;
  const result: RefreshResult = { file, updated: [], kept: [], changed: [] };
  const apply = (group: string, reading: GroupReading) => {
    const target = next.groups[group];
    if (!reading.ok) {
      if (fresh || added.has(group)) {
        // A group the file did not hold has no recorded price to keep: it stays out (the
        // estimate then refuses what needs it, naming the group), never filled from another region.
        delete next.groups[group];
        result.kept.push({ group, reason: `left out: ${reading.reason}` });
        log(`left out ${group}: ${reading.reason}`);
        return;
      }
      result.kept.push({ group, reason: reading.reason });
      log(`kept ${group}: ${reading.reason}`);
      return;
    }
    if ('prices' in reading && 'prices' in target) {
      for (const [key, to] of Object.entries(reading.prices)) {
        if (target.prices[key] !== to) {
          result.changed.push({ group, key, from: target.prices[key], to });
        }
      }
      target.prices = reading.prices;
    } else if ('price' in reading && 'price' in target) {
      if (target.price !== reading.price) {
        result.changed.push({ group, from: target.price, to: reading.price });
      }
      target.price = reading.price;
    }
    target.source = PRICE_LIST_API_SOURCE;
    result.updated.push(group);
    log(added.has(group) ? `added ${group}` : `updated ${group}`);
  };

  for (const [group, query] of Object.entries(SIZED_QUERIES) as Array<
    [SizedPriceGroup, PriceQuery]
  >) {
    const target = next.groups[group];
    if (!target || !('prices' in target)) continue;
    const sizes = Object.keys(target.prices);
    const products = await fetchProducts(source, query, region, sizes);
    location ??= products.find(p => p.attributes.location)?.attributes.location;
    apply(group, readSizedGroup(query, products, sizes));
  }
  for (const [group, query] of Object.entries(FLAT_QUERIES) as Array<
    [FlatPriceGroup, PriceQuery]
  >) {
    if (!next.groups[group]) continue;
    const products = await fetchProducts(source, query, region, []);
    location ??= products.find(p => p.attributes.location)?.attributes.location;
    apply(group, readFlatGroup(query, products));
  }

  if (fresh) {
    if (result.updated.length === 0) {
      throw new Error(
        `the Price List answered no complete group for ${region} (does the region run these services?); nothing written`,
      );
    }
    next.location = location ?? region;
    for (const group of Object.keys(current.groups)) {
      if (!(group in next.groups)) continue;
      if (!result.updated.includes(group)) delete next.groups[group];
    }
    for (const group of researchedGroups(dir)) {
      if (!(group in next.groups)) {
        result.kept.push({
          group,
          reason:
            'left out: the Price List Query API mapping does not cover it; research it and add it with its source',
        });
      }
    }
  }
  next.catalogVersion = today.replace(/-/g, '.');
  const text = `${JSON.stringify(next, null, 2)}\n`;
  parseRegionCatalogFile(text, path.basename(file));
  fs.writeFileSync(file, text);
  return result;
}
