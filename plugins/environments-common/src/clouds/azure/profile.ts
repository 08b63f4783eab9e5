import type { ResolvedAlarm } from '../../model/resolved';
import type { CloudAlarmMetric, CloudProfile } from '../types';
import { AZURE_RESOURCE_NAME_MAX_LENGTH } from './names';
import { checkAzureSpec } from './rules';

/**
 * Azure: regions, size naming, each tier's sizes, its validation rules (names.ts, rules.ts) and
 * how a neutral alarm becomes an Azure Monitor metric (and back, `neutralAzureAlarm`, for the
 * status readers). Generation, pricing and the readers live in the node and backend packages.
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

/** Azure Monitor metric namespaces of what an alarm watches. */
const NAMESPACES: Partial<Record<ResolvedAlarm['source'], string>> = {
  postgres: 'Microsoft.DBforPostgreSQL/flexibleServers',
  redis: 'Microsoft.Cache/redisEnterprise',
  // A service is a container app, which is its own load balancer (its ingress).
  service: 'Microsoft.App/containerApps',
  'load-balancer': 'Microsoft.App/containerApps',
  // A vm-group's load balancer is a Standard load balancer: its emitter names those metrics.
  'vm-group': 'Microsoft.Compute/virtualMachineScaleSets',
};

/**
 * Azure Monitor metric names per source and signal (the "Supported metrics" pages of
 * Microsoft.DBforPostgreSQL/flexibleServers and Microsoft.Cache/redisEnterprise).
 */
const METRICS: Partial<Record<string, string>> = {
  'postgres:cpu': 'cpu_percent',
  'postgres:free-storage': 'storage_free',
  'postgres:replica-lag': 'physical_replication_delay_in_seconds',
  'redis:cpu': 'percentProcessorTime',
  'redis:memory': 'usedmemorypercentage',
  'redis:evictions': 'evictedkeys',
  'service:cpu': 'CpuPercentage',
  'service:memory': 'MemoryPercentage',
  'vm-group:cpu': 'Percentage CPU',
  // Requests with the dimension statusCodeCategory = 5xx (the emitter adds it).
  'load-balancer:server-errors': 'Requests',
  // Replicas failing their liveness probe are restarted: restarts stand for unhealthy targets.
  'load-balancer:unhealthy-targets': 'RestartCount',
};

const AGGREGATIONS: Record<ResolvedAlarm['aggregation'], string> = {
  average: 'Average',
  maximum: 'Maximum',
  minimum: 'Minimum',
  sum: 'Total',
};

const OPERATORS: Record<ResolvedAlarm['direction'], string> = {
  above: 'GreaterThan',
  'at-or-above': 'GreaterThanOrEqual',
  below: 'LessThan',
  'at-or-below': 'LessThanOrEqual',
};

/** A neutral alarm as an Azure Monitor metric alert criterion; undefined where Azure has none here. */
function azureAlarmMetric(alarm: ResolvedAlarm): CloudAlarmMetric | undefined {
  const namespace = NAMESPACES[alarm.source];
  const metric = METRICS[`${alarm.source}:${alarm.signal}`];
  if (!namespace || !metric) return undefined;
  return {
    namespace,
    metric,
    statistic: AGGREGATIONS[alarm.aggregation],
    comparison: OPERATORS[alarm.direction],
  };
}

/**
 * @public An Azure Monitor metric alert criterion read back in neutral terms: what it watches and
 * on which side of the threshold it fires; undefined for a metric Terrace does not create. The
 * namespace is compared without case (Azure answers it in either).
 */
export function neutralAzureAlarm(alarm: {
  namespace?: string;
  metric?: string;
  operator?: string;
}): Pick<ResolvedAlarm, 'source' | 'signal' | 'direction'> | undefined {
  const namespace = alarm.namespace?.toLowerCase();
  let found: Pick<ResolvedAlarm, 'source' | 'signal'> | undefined;
  for (const [key, metric] of Object.entries(METRICS)) {
    const [source, signal] = key.split(':') as [
      ResolvedAlarm['source'],
      ResolvedAlarm['signal'],
    ];
    if (
      metric === alarm.metric &&
      NAMESPACES[source]?.toLowerCase() === namespace
    ) {
      found = { source, signal };
      break;
    }
  }
  const direction = (
    Object.keys(OPERATORS) as ResolvedAlarm['direction'][]
  ).find(d => OPERATORS[d] === alarm.operator);
  return found && direction ? { ...found, direction } : undefined;
}

/** @public The Azure profile. */
export const azureProfile: CloudProfile = {
  cloud: 'azure',
  displayName: 'Azure',
  accountTerm: 'subscription',
  regions: REGIONS,
  regionExample: 'eastus',
  sizePatterns: {
    postgres: { pattern: /^Standard_[A-Za-z0-9_]+$/, example: 'Standard_B1ms' },
    // Azure Managed Redis SKUs (Azure Cache for Redis takes no new caches since 2026-10-01).
    redis: {
      pattern:
        /^(?:Balanced_B|MemoryOptimized_M|ComputeOptimized_X|FlashOptimized_A)\d+$/,
      example: 'Balanced_B1',
    },
    'vm-group': {
      pattern: /^Standard_[A-Za-z0-9_]+$/,
      example: 'Standard_B2s',
    },
  },
  presetSizes: {
    dev: {
      postgres: 'Standard_B1ms',
      redis: 'Balanced_B0',
      vmGroup: 'Standard_B1s',
    },
    staging: {
      postgres: 'Standard_B2s',
      redis: 'Balanced_B1',
      vmGroup: 'Standard_B2s',
    },
    prod: {
      postgres: 'Standard_D2ds_v4',
      redis: 'Balanced_B1',
      vmGroup: 'Standard_D2s_v3',
    },
  },
  // Terrace plans networks the same on every cloud; a VNet may be larger, a subnet smaller (/29).
  network: { maxNetworkPrefix: 16, minSubnetPrefix: 28 },
  // From the naming table (names.ts): managed Redis names, 60.
  names: { resourceName: AZURE_RESOURCE_NAME_MAX_LENGTH },
  checkSpec: checkAzureSpec,
  checkContainerSize(cpu, memoryMb) {
    // Container Apps (Consumption): 0.25 to 4 vCPU in steps of 0.25, 2 GiB per vCPU.
    if (cpu < 0.25 || cpu > 4 || !Number.isInteger(cpu * 4)) {
      return {
        field: 'cpu',
        message: `${cpu} is not a Container Apps CPU size (0.25 to 4 in steps of 0.25)`,
      };
    }
    if (memoryMb !== cpu * 2048) {
      return {
        field: 'memoryMb',
        message: `${memoryMb} does not fit ${cpu} vCPU on Container Apps: use ${
          cpu * 2048
        } (2 GiB per vCPU)`,
      };
    }
    return undefined;
  },
  alarmMetric: azureAlarmMetric,
};
