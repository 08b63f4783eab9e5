import type { Cloud } from '@terrace/plugin-environments-common';

/** @public What one refresh of a region's catalog file did. */
export interface PriceRefreshResult {
  /** The catalog file written. */
  file: string;
  /** The price groups read afresh from the cloud's price API. */
  updated: string[];
  /** The groups kept as they were, with why (e.g. the API does not answer for them). */
  kept: Array<{ group: string; reason: string }>;
  /** Every price that changed, in the catalog's currency (USD) per the group's unit. */
  changed: Array<{ group: string; key?: string; from: number; to: number }>;
}

/** @public What `refresh` needs: the region, where the catalog lives, today and a progress log. */
export interface PriceRefreshOptions {
  /** A region of the cloud, in its own names (`CloudProfile.regions`). */
  region: string;
  /** Directory of the cloud's catalog files; default `defaultDir()`. */
  dir: string;
  /** Today, YYYY-MM-DD (UTC); recorded as the retrieval date. */
  today: string;
  /** Progress, one line per group. */
  log?: (line: string) => void;
}

/**
 * @public A failure of a refresh the user can act on, in words: `option` is the CLI option to fix
 * (e.g. `--region`); without one it is the identity or permission the cloud's API refused.
 */
export interface PriceRefreshFailure {
  option?: string;
  message: string;
}

/**
 * Rebuilds a region of one cloud's price catalog (`prices/<cloud>/`) from the cloud's price API,
 * for `terrace prices refresh --cloud <cloud>`. Register one per cloud in `priceRefreshers`; its
 * code lives in `prices/<cloud>/`.
 * @public
 */
export interface PriceRefresher {
  readonly cloud: Cloud;
  /** The API prices are read from, for the command's help, e.g. `the AWS Price List Query API`. */
  readonly apiName: string;
  /** This package's catalog directory of the cloud. */
  defaultDir(): string;
  /**
   * Reads the region's prices and writes its catalog file only when the whole result is valid;
   * throws when it cannot (see `describeFailure`).
   */
  refresh(options: PriceRefreshOptions): Promise<PriceRefreshResult>;
  /** Words for an error `refresh` threw that the user can fix; undefined for any other. */
  describeFailure(error: unknown): PriceRefreshFailure | undefined;
}

/** @public The price refreshers by cloud; undefined for a cloud whose catalog cannot be refreshed. */
export type PriceRefreshers = Readonly<
  Record<Cloud, PriceRefresher | undefined>
>;
