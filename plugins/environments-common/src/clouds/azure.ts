import type { CloudProfile } from './types';

/**
 * Azure, as far as validation needs it: regions, size naming and each tier's sizes. Terrace does
 * not generate, price or read Azure environments yet (those are the `azure/` folders of the node
 * and backend packages, still to come), so it maps no alarm.
 */
const REGIONS: readonly string[] = [
  'australiacentral',
  'australiaeast',
  'australiasoutheast',
  'brazilsouth',
  'canadacentral',
  'canadaeast',
  'centralindia',
  'centralus',
  'chilecentral',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'germanywestcentral',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'japaneast',
  'japanwest',
  'koreacentral',
  'koreasouth',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'northcentralus',
  'northeurope',
  'norwayeast',
  'polandcentral',
  'qatarcentral',
  'southafricanorth',
  'southcentralus',
  'southeastasia',
  'southindia',
  'spaincentral',
  'swedencentral',
  'switzerlandnorth',
  'uaenorth',
  'uksouth',
  'ukwest',
  'westcentralus',
  'westeurope',
  'westindia',
  'westus',
  'westus2',
  'westus3',
];

/** @public The Azure profile. */
export const azureProfile: CloudProfile = {
  cloud: 'azure',
  displayName: 'Azure',
  accountTerm: 'subscription',
  regions: REGIONS,
  sizePatterns: {
    postgres: { pattern: /^Standard_[A-Za-z0-9_]+$/, example: 'Standard_B1ms' },
    redis: { pattern: /^[CP]\d$/, example: 'C1' },
    'vm-group': {
      pattern: /^Standard_[A-Za-z0-9_]+$/,
      example: 'Standard_B2s',
    },
  },
  presetSizes: {
    dev: { postgres: 'Standard_B1ms', redis: 'C0', vmGroup: 'Standard_B1s' },
    staging: { postgres: 'Standard_B2s', redis: 'C1', vmGroup: 'Standard_B2s' },
    prod: {
      postgres: 'Standard_D2ds_v4',
      redis: 'C1',
      vmGroup: 'Standard_D2s_v3',
    },
  },
  // Terrace plans networks the same on every cloud; a VNet may be larger, a subnet smaller (/29).
  network: { maxNetworkPrefix: 16, minSubnetPrefix: 28 },
  // 32 as before the profiles, until the cloud has a naming table of its own.
  names: { resourceName: 32 },
  alarmMetric: () => undefined,
};
