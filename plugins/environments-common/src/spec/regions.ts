import { cloudProfiles } from '../clouds';
import type { Cloud } from '../model/resolved';

/**
 * @public The regions Terrace knows per cloud, in each cloud's own names (from its profile).
 * A price catalog may narrow a cloud further to the regions it holds prices for
 * (`SizeCatalog.knownRegions`).
 */
export const cloudRegions: Readonly<Record<Cloud, readonly string[]>> = {
  aws: cloudProfiles.aws.regions,
  azure: cloudProfiles.azure.regions,
  gcp: cloudProfiles.gcp.regions,
};
