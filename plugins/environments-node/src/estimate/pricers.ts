import type {
  Cloud,
  SizeCatalog,
  SizedComponentType,
} from '@terrace/plugin-environments-common';
import { awsPricer } from './aws';
import { azurePricer } from './azure';
import type { CloudPricers } from './pricer';

/**
 * The pricers of the clouds Terrace estimates: a new cloud is a folder `estimate/<cloud>/` (and
 * its catalog under `prices/<cloud>/`) with its `CloudPricer`, and one line here.
 * @public
 */
export const cloudPricers: CloudPricers = {
  aws: awsPricer,
  azure: azurePricer,
};

/**
 * One SizeCatalog over the pricers: each cloud's sizes and regions are those its pricer knows; a
 * cloud without a pricer has its sizes checked by naming pattern only.
 * @public
 */
export function pricedSizes(pricers: CloudPricers = cloudPricers): SizeCatalog {
  const of = (cloud: Cloud) => pricers[cloud]?.sizes;
  return {
    covers(cloud: Cloud, type: SizedComponentType) {
      const sizes = of(cloud);
      if (!sizes) return false;
      return sizes.covers ? sizes.covers(cloud, type) : true;
    },
    isKnownSize(cloud, type, size, region) {
      return of(cloud)?.isKnownSize(cloud, type, size, region) ?? false;
    },
    knownSizes(cloud, type, region) {
      return of(cloud)?.knownSizes?.(cloud, type, region) ?? [];
    },
    knownRegions(cloud) {
      return of(cloud)?.knownRegions?.(cloud);
    },
    unpricedRegion(cloud, region) {
      return of(cloud)?.unpricedRegion?.(cloud, region);
    },
  };
}

/**
 * @public Whether `cloud`'s pricer holds prices for `region`. False for a region the cloud runs
 * in but whose prices the catalog does not hold yet: it can be validated and generated, not
 * estimated (its SizeCatalog's `unpricedRegion` says what it lacks). True when the pricer does not say.
 * With no complete region at all, a region is priced when `unpricedRegion` says nothing is missing.
 */
export function isPricedRegion(
  cloud: Cloud,
  region: string,
  pricers: CloudPricers = cloudPricers,
): boolean {
  const sizes = pricers[cloud]?.sizes;
  const regions = sizes?.knownRegions?.(cloud);
  if (regions && regions.length > 0) return regions.includes(region);
  // No region complete yet (a new cloud's catalog): the region is priced unless it lacks prices.
  return !sizes?.unpricedRegion?.(cloud, region);
}

/** @public The SizeCatalog of this package's pricers, for `validateEnvironment`. */
export const defaultSizeCatalog: SizeCatalog = pricedSizes();
