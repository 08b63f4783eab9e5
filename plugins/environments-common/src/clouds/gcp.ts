import type { CloudProfile } from './types';

/**
 * Google Cloud, as far as validation needs it: regions, size naming and each tier's sizes.
 * Terrace does not generate, price or read Google Cloud environments yet, so it maps no alarm.
 */
const REGIONS: readonly string[] = [
  'africa-south1',
  'asia-east1',
  'asia-east2',
  'asia-northeast1',
  'asia-northeast2',
  'asia-northeast3',
  'asia-south1',
  'asia-south2',
  'asia-southeast1',
  'asia-southeast2',
  'australia-southeast1',
  'australia-southeast2',
  'europe-central2',
  'europe-north1',
  'europe-north2',
  'europe-southwest1',
  'europe-west1',
  'europe-west10',
  'europe-west12',
  'europe-west2',
  'europe-west3',
  'europe-west4',
  'europe-west6',
  'europe-west8',
  'europe-west9',
  'me-central1',
  'me-central2',
  'me-west1',
  'northamerica-northeast1',
  'northamerica-northeast2',
  'northamerica-south1',
  'southamerica-east1',
  'southamerica-west1',
  'us-central1',
  'us-east1',
  'us-east4',
  'us-east5',
  'us-south1',
  'us-west1',
  'us-west2',
  'us-west3',
  'us-west4',
];

/** @public The Google Cloud profile. */
export const gcpProfile: CloudProfile = {
  cloud: 'gcp',
  displayName: 'Google Cloud',
  accountTerm: 'project',
  regions: REGIONS,
  sizePatterns: {
    postgres: { pattern: /^db-[a-z0-9-]+$/, example: 'db-custom-2-7680' },
    redis: { pattern: /^(basic|standard)-\d+gb$/, example: 'basic-1gb' },
    'vm-group': { pattern: /^[a-z][a-z0-9]*-[a-z0-9-]+$/, example: 'e2-small' },
  },
  presetSizes: {
    dev: { postgres: 'db-f1-micro', redis: 'basic-1gb', vmGroup: 'e2-micro' },
    staging: {
      postgres: 'db-g1-small',
      redis: 'basic-1gb',
      vmGroup: 'e2-small',
    },
    prod: {
      postgres: 'db-custom-2-7680',
      redis: 'standard-1gb',
      vmGroup: 'e2-medium',
    },
  },
  // Terrace plans networks the same on every cloud; a VPC subnet may be smaller (/29).
  network: { maxNetworkPrefix: 16, minSubnetPrefix: 28 },
  // 32 as before the profiles, until the cloud has a naming table of its own.
  names: { resourceName: 32 },
  alarmMetric: () => undefined,
};
