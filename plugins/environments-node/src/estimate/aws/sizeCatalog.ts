import type {
  Cloud,
  SizeCatalog,
  SizedComponentType,
} from '@terrace/plugin-environments-common';
import {
  getAwsPriceCatalog,
  type PriceCatalog,
  type SizedPriceGroup,
} from './catalog';
import { awsUnpricedRegion } from './unpriced';

/** The catalog group that holds the sizes of each sized component type on AWS. */
const AWS_GROUPS: Record<SizedComponentType, SizedPriceGroup[]> = {
  // A size must be priced for both deployments: highAvailability can be switched on later.
  postgres: ['rds.postgres.singleAz', 'rds.postgres.multiAz'],
  redis: ['elasticache.redis'],
  'vm-group': ['ec2.linux'],
};

/**
 * Whether `size` is a priced size of `group` in `region`. A region file without the group at all
 * (a file generated from a Price List snapshot that has no rows for the service, e.g. ElastiCache
 * in us-east-2) checks the size's name against the sizes any region prices: validation then
 * accepts the name, and the estimate names the missing price instead of borrowing one.
 */
function isPricedSize(
  c: PriceCatalog,
  group: SizedPriceGroup,
  region: string,
  size: string,
): boolean {
  if (!c.hasRegion(region) || c.hasGroup(region, group)) {
    return c.hasSize(group, region, size);
  }
  return c.regionNames().some(r => c.hasSize(group, r, size));
}

/** The sizes of `group` in `region`, or of every region when its file has no such group. */
function pricedSizes(
  c: PriceCatalog,
  group: SizedPriceGroup,
  region: string,
): string[] {
  if (!c.hasRegion(region) || c.hasGroup(region, group)) {
    return c.sizes(group, region);
  }
  return [...new Set(c.regionNames().flatMap(r => c.sizes(group, r)))];
}

/**
 * A SizeCatalog backed by a price catalog, for spec validation: a size is known in a region
 * only when the catalog holds its price there (see isPricedSize for a region file that lacks a
 * whole group).
 * @public
 */
export function createAwsSizeCatalog(
  catalog: () => PriceCatalog = getAwsPriceCatalog,
): SizeCatalog {
  return {
    covers(cloud: Cloud, componentType: SizedComponentType) {
      return cloud === 'aws' && componentType in AWS_GROUPS;
    },
    isKnownSize(cloud, componentType, size, region) {
      if (cloud !== 'aws') return false;
      const groups = AWS_GROUPS[componentType];
      return (
        !!groups && groups.every(g => isPricedSize(catalog(), g, region, size))
      );
    },
    knownSizes(cloud, componentType, region) {
      if (cloud !== 'aws' || !AWS_GROUPS[componentType]) return [];
      const [first, ...rest] = AWS_GROUPS[componentType];
      return pricedSizes(catalog(), first, region).filter(s =>
        rest.every(g => isPricedSize(catalog(), g, region, s)),
      );
    },
    knownRegions(cloud) {
      // Only fully priced regions: one whose file lacks a part is said to be unestimable.
      return cloud === 'aws' ? catalog().completeRegionNames() : undefined;
    },
    unpricedRegion(cloud, region) {
      return cloud === 'aws' ? awsUnpricedRegion(catalog(), region) : undefined;
    },
  };
}

/** @public The SizeCatalog of the AWS price catalog in this package. */
export const awsSizeCatalog: SizeCatalog = createAwsSizeCatalog();
