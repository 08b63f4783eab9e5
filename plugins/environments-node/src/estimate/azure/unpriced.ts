import type { UnpricedRegion } from '@terrace/plugin-environments-common';
import type { AzurePriceCatalog } from './catalog';

/**
 * Why the Azure price catalog cannot estimate `region`, and how its prices are added; undefined
 * for a fully priced region. Every Azure price but MongoDB Atlas's comes from the public Retail
 * Prices API, so `terrace prices refresh --cloud azure --region <region>` (no key needed) writes
 * or completes the region's file; Atlas on Azure rows go into `prices/azure/atlas.json` by hand.
 * @public
 */
export function azureUnpricedRegion(
  catalog: AzurePriceCatalog,
  region: string,
): UnpricedRegion | undefined {
  const missing = catalog.missingGroups(region);
  const remedy = `\`terrace prices refresh --cloud azure --region ${region}\` reads them from the Azure Retail Prices API (no key) into ${region}.json`;
  if (missing) {
    return missing.length === 0 ? undefined : { missing, remedy };
  }
  return { remedy };
}
