import type { Cloud } from '../model/resolved';
import { awsProfile } from './aws';
import { azureProfile } from './azure';
import { gcpProfile } from './gcp';
import type { CloudProfile } from './types';

export * from './types';
export * from './aws';
export * from './azure';
export * from './gcp';

/** @public The profile of each cloud a spec may name. */
export const cloudProfiles: Readonly<Record<Cloud, CloudProfile>> = {
  aws: awsProfile,
  azure: azureProfile,
  gcp: gcpProfile,
};

/** @public The CDN price classes of every cloud that has them, for the spec's `priceClass`. */
export const cdnPriceClasses = Object.values(cloudProfiles).flatMap(
  p => p.cdnPriceClasses ?? [],
) as unknown as readonly [string, ...string[]];
