/**
 * The monthly cost estimate of an environment (contract section 4): the shape of `cost.json`,
 * of `terrace estimate --format json` and of the estimate endpoint's answer. Shared by the
 * estimator (environments-node), the backend that serves it and the frontend that shows it.
 */

import type { SpecProblem } from '../model/resolved';

/** @public One priced line: one resource (or one usage-priced part of it). */
export interface EstimateLine {
  /** Component name from the spec, or `network` / `monitoring` for environment-wide parts. */
  component: string;
  /** Terraform address of the resource the line prices, e.g. `aws_db_instance.db`. */
  resource: string;
  /** What is priced, in words, e.g. `db.t3.small PostgreSQL, single-AZ`. */
  description: string;
  quantity: number;
  /** Unit of `quantity` and `unitPrice`, e.g. `hours`, `GB-months`, `GB`. */
  unit: string;
  /** List price of one unit, in `currency`. */
  unitPrice: number;
  /**
   * `quantity × unitPrice`, rounded to the cent; for a line priced by volume tier, the sum of
   * its tiers (and `unitPrice` their average).
   */
  monthly: number;
  /** For a line AWS bills by volume tier: the quantity in each tier used and its price. */
  tiers?: Array<{ quantity: number; unitPrice: number }>;
}

/** @public Where the unit prices come from. */
export interface EstimatePrices {
  /** e.g. `Terrace AWS price catalog 2026.11.0 (us-east-1)`. */
  source: string;
  /** Oldest retrieval date (YYYY-MM-DD) of the prices used. */
  retrieved: string;
  /** Version of the price catalog. */
  catalogVersion?: string;
}

/** @public The estimate of a whole environment: `cost.json`. */
export interface Estimate {
  currency: 'USD';
  /** Sum of the lines' `monthly`, rounded to the cent. */
  monthly: number;
  hoursPerMonth: number;
  prices: EstimatePrices;
  lines: EstimateLine[];
  /** Usage assumptions the usage-priced lines rest on, and other notes, in words. */
  assumptions?: string[];
  /**
   * Validation warnings of the spec the estimate was made from, by field path: e.g. an engine
   * version in paid Extended Support (with its dates), a region without prices.
   */
  warnings?: Array<{ path: string; message: string }>;
}

/**
 * @public The 400 answer of `POST /v1/estimate` when the form or spec is invalid: `error` as
 * Backstage's error handler writes it (all problems, one `path: message` a line) and `problems`,
 * one per field.
 */
export interface EstimateProblemsResponse {
  error: { name: 'InputError'; message: string };
  problems: SpecProblem[];
}
