/**
 * What every cloud's price catalog gives the estimate: unit prices with their source, and the
 * error for a price it does not hold (the estimate reports it against a field, never prices it
 * as zero).
 */

import path from 'node:path';

/** @public A unit price with where it came from. */
export interface PricePoint {
  /** The price of one `unit`, in US dollars. */
  usd: number;
  unit: string;
  /** Title of the source. */
  source: string;
  url: string;
  /** YYYY-MM-DD */
  retrieved: string;
}

/**
 * @public A price billed by monthly volume tier, with where it came from: each tier's unit price
 * applies to the quantity above the previous tier's `upTo` and up to its own (`null`: no limit).
 */
export interface TieredPrice {
  unit: string;
  /** In ascending `upTo`, in `unit`s a month; the price of one `unit` in US dollars. */
  tiers: Array<{ upTo: number | null; price: number }>;
  /** Title of the source. */
  source: string;
  url: string;
  /** YYYY-MM-DD */
  retrieved: string;
}

/** @public Thrown when a price the caller asks for is not in the catalog. */
export class MissingPriceError extends Error {
  readonly name = 'MissingPriceError';
}

/**
 * Where a cloud's price catalog files live: `prices/<cloud>` in this package (shipped with
 * it, see `files` in package.json), unless `TERRACE_<CLOUD>_PRICES_DIR` points elsewhere, e.g. at
 * a refreshed copy.
 */
export function catalogDir(cloud: 'aws' | 'azure' | 'gcp'): string {
  const override = process.env[`TERRACE_${cloud.toUpperCase()}_PRICES_DIR`];
  if (override) return override;
  const manifest = require.resolve(
    '@terrace/plugin-environments-node/package.json',
  );
  return path.join(path.dirname(manifest), 'prices', cloud);
}
