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

/**
 * Refreshes one region's file: each group the API answers completely is replaced (with the API
 * as its source and today as its date); a group it answers only in part keeps its recorded
 * prices and is reported. The file is written only when the result passes the catalog schema.
 * @public
 */
export async function refreshRegion(
  options: RefreshOptions,
): Promise<RefreshResult> {
  const { region, dir, source, today } = options;
  const log = options.log ?? (() => {});
  const file = path.join(dir, `${region}.json`);
  if (!fs.existsSync(file)) {
    // The API answers only part of the catalog (not CloudFront, Atlas, S3 tiers, ...), and a
    // price of another region is never used: a new region starts as a researched file.
    throw new Error(
      `no catalog file for ${region}: add prices/aws/${region}.json with every group and its source, then refresh it`,
    );
  }
  const current: RegionCatalogFile = parseRegionCatalogFile(
    fs.readFileSync(file, 'utf8'),
    path.basename(file),
  );
  const next: RegionCatalogFile = JSON.parse(JSON.stringify(current));
  next.sources[PRICE_LIST_API_SOURCE] = {
    title: 'AWS Price List Query API (GetProducts), on-demand terms',
    url: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html',
    retrieved: today,
  };

  const result: RefreshResult = { file, updated: [], kept: [], changed: [] };
  const apply = (group: string, reading: GroupReading) => {
    const target = next.groups[group];
    if (!reading.ok) {
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
    log(`updated ${group}`);
  };

  for (const [group, query] of Object.entries(SIZED_QUERIES) as Array<
    [SizedPriceGroup, PriceQuery]
  >) {
    const target = next.groups[group];
    if (!target || !('prices' in target)) continue;
    const sizes = Object.keys(target.prices);
    const products = await fetchProducts(source, query, region, sizes);
    apply(group, readSizedGroup(query, products, sizes));
  }
  for (const [group, query] of Object.entries(FLAT_QUERIES) as Array<
    [FlatPriceGroup, PriceQuery]
  >) {
    if (!next.groups[group]) continue;
    const products = await fetchProducts(source, query, region, []);
    apply(group, readFlatGroup(query, products));
  }

  next.catalogVersion = today.replace(/-/g, '.');
  const text = `${JSON.stringify(next, null, 2)}\n`;
  parseRegionCatalogFile(text, path.basename(file));
  fs.writeFileSync(file, text);
  return result;
}
