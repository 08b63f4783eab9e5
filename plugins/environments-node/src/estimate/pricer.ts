import type {
  Cloud,
  Estimate,
  ResolvedEnvironment,
  SizeCatalog,
} from '@terrace/plugin-environments-common';
import type { LineCollector } from './lines';

/** @public Where the prices of one estimate come from, for `cost.json`'s `prices`. */
export interface PriceSourceInfo {
  /** ISO 4217 code of every amount; `cost.json` is in US dollars. */
  currency: Estimate['currency'];
  /** One line naming the catalog, its version and region. */
  source: string;
  catalogVersion: string;
  /** What could not be priced and why, added to the estimate's assumptions. */
  notes?: string[];
}

/** @public What a pricer reads besides the environment. */
export interface PriceContext {
  /** The day (YYYY-MM-DD, UTC) support calendars are read on, e.g. paid Extended Support. */
  today: string;
}

/**
 * Prices the resolved environments of one cloud from that cloud's price catalog: one cost line
 * per priced part of what the cloud's emitter creates, each naming its resource with the
 * emitter's `TerraformNaming`. Register one per cloud in `cloudPricers`, or pass your own to
 * `estimateEnvironment(resolved, { pricers })`.
 * @public
 */
export interface CloudPricer {
  readonly cloud: Cloud;
  /** The sizes and regions the catalog prices, for validation (`validateEnvironment`'s `sizes`). */
  readonly sizes: SizeCatalog;
  /**
   * Adds the lines of `env` to `out`, 730 hours a month; a part without a price goes to
   * `out.problems` with its field path, never priced as zero. Throws InputError naming
   * `spec.region` when the catalog has no prices for the region.
   */
  price(
    env: ResolvedEnvironment,
    out: LineCollector,
    context: PriceContext,
  ): PriceSourceInfo;
  /** What the estimate assumes, in words, for `cost.json` and the README. */
  assumptions(env: ResolvedEnvironment): string[];
}

/** @public The pricers by cloud; a cloud without one has no estimate. */
export type CloudPricers = Readonly<Partial<Record<Cloud, CloudPricer>>>;
