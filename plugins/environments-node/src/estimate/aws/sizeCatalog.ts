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

/** The catalog group that holds the sizes of each sized component type on AWS. */
const AWS_GROUPS: Record<SizedComponentType, SizedPriceGroup[]> = {
  // A size must be priced for both deployments: highAvailability can be switched on later.
  postgres: ['rds.postgres.singleAz', 'rds.postgres.multiAz'],
  redis: ['elasticache.redis'],
  'vm-group': ['ec2.linux'],
};

/**
 * A SizeCatalog backed by a price catalog, for spec validation: a size is known in a region
 * only when the catalog holds its price there.
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
      return !!groups && groups.every(g => catalog().hasSize(g, region, size));
    },
    knownSizes(cloud, componentType, region) {
      if (cloud !== 'aws' || !AWS_GROUPS[componentType]) return [];
      const [first, ...rest] = AWS_GROUPS[componentType];
      return catalog()
        .sizes(first, region)
        .filter(s => rest.every(g => catalog().hasSize(g, region, s)));
    },
    knownRegions(cloud) {
      return cloud === 'aws' ? catalog().regionNames() : undefined;
    },
  };
}

/** @public The SizeCatalog of the AWS price catalog in this package. */
export const awsSizeCatalog: SizeCatalog = createAwsSizeCatalog();
