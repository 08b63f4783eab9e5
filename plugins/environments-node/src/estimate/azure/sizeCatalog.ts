import type {
  Cloud,
  SizeCatalog,
  SizedComponentType,
} from '@terrace/plugin-environments-common';
import {
  getAzurePriceCatalog,
  type AzurePriceCatalog,
  type AzureSizedGroup,
} from './catalog';
import { azureUnpricedRegion } from './unpriced';

/** The catalog group that holds the sizes of each sized component type on Azure. */
const AZURE_GROUPS: Record<SizedComponentType, AzureSizedGroup> = {
  // One compute price per size: zone-redundant HA bills the standby as a second node of it.
  postgres: 'postgres.compute',
  redis: 'redis.managed',
  'vm-group': 'vm.linux',
};

/**
 * A SizeCatalog backed by the Azure price catalog, for spec validation and the form: a size is
 * known in a region when the catalog prices it there (`knownSizes` lists them). Sizes are checked
 * against prices only in the regions the catalog prices completely (`knownRegions`); any other
 * region is validated by the size's naming pattern, and its estimate names each missing price
 * and how to add it (`unpricedRegion`).
 * @public
 */
export function createAzureSizeCatalog(
  catalog: () => AzurePriceCatalog = getAzurePriceCatalog,
): SizeCatalog {
  return {
    covers(cloud: Cloud, componentType: SizedComponentType) {
      return cloud === 'azure' && componentType in AZURE_GROUPS;
    },
    isKnownSize(cloud, componentType, size, region) {
      const group = AZURE_GROUPS[componentType];
      if (cloud !== 'azure' || !group) return false;
      const c = catalog();
      // A region the catalog cannot estimate yet checks the size by its name only (the profile's
      // pattern): the estimate then names each missing price instead of refusing the spec.
      if (!c.completeRegionNames().includes(region)) return true;
      return c.hasKey(group, region, size);
    },
    knownSizes(cloud, componentType, region) {
      const group = AZURE_GROUPS[componentType];
      return cloud === 'azure' && group ? catalog().keys(group, region) : [];
    },
    knownRegions(cloud) {
      return cloud === 'azure' ? catalog().completeRegionNames() : undefined;
    },
    unpricedRegion(cloud, region) {
      return cloud === 'azure'
        ? azureUnpricedRegion(catalog(), region)
        : undefined;
    },
  };
}

/** @public The SizeCatalog of the Azure price catalog in this package. */
export const azureSizeCatalog: SizeCatalog = createAzureSizeCatalog();
