import type { Cloud, Tier, TierPolicy } from '../model/resolved';

/**
 * Tier presets: what `dev`, `staging` and `prod` mean when a spec leaves a field out, and the
 * policy each tier is judged against (validation refuses a prod spec that breaks it; the status
 * side grades backups against it).
 *
 * Sizes are per cloud, in the cloud's own names. Every AWS size here must be known to the
 * price catalog (a test in environments-node checks this).
 */

/** @public A per-cloud value. */
export type PerCloud<T> = Readonly<Record<Cloud, T>>;

/** @public */
export interface TierPreset {
  tier: Tier;
  policy: TierPolicy;
  network: {
    cidr: string;
    zones: number;
    /** `per-zone` means one NAT gateway in each zone. */
    natGateways: 0 | 1 | 'per-zone';
    flowLogRetentionDays: number;
  };
  postgres: {
    version: string;
    size: PerCloud<string>;
    storageGb: number;
    maxStorageGb: number;
    highAvailability: boolean;
    readReplicas: number;
    backupRetentionDays: number;
    pointInTimeRecovery: boolean;
    deletionProtection: boolean;
    performanceInsights: boolean;
    monitoringIntervalSeconds: number;
  };
  mongodb: {
    version: string;
    size: string;
    backup: boolean;
    pointInTimeRecovery: boolean;
    privateLink: boolean;
  };
  redis: {
    version: string;
    size: PerCloud<string>;
    replicas: number;
    evictionPolicy: string;
    authToken: boolean;
    snapshotRetentionDays: number;
  };
  bucket: { versioning: boolean; storageGb: number };
  cdn: { priceClass: string };
  service: {
    cpu: number;
    memoryMb: number;
    port: number;
    healthCheckPath: string;
    minCount: number;
    maxCount: number;
    cpuTarget: number;
    logRetentionDays: number;
  };
  vmGroup: {
    instanceType: PerCloud<string>;
    minCount: number;
    maxCount: number;
    port: number;
    healthCheckPath: string;
    volumeGb: number;
    cpuTarget: number;
  };
  registry: {
    keepImages: number;
    untaggedExpireDays: number;
    storageGb: number;
  };
}

const dev: TierPreset = {
  tier: 'dev',
  policy: {
    tier: 'dev',
    minBackupRetentionDays: 0,
    maxBackupAgeHours: 26,
    requireBucketVersioning: false,
    deletionProtection: false,
    requireHighAvailability: false,
    description:
      'Smallest sizes, single zone databases, one NAT gateway, 1 day of backups, no deletion protection.',
  },
  network: {
    cidr: '10.0.0.0/16',
    zones: 2,
    natGateways: 1,
    flowLogRetentionDays: 7,
  },
  postgres: {
    version: '16',
    size: { aws: 'db.t3.micro', azure: 'Standard_B1ms', gcp: 'db-f1-micro' },
    storageGb: 20,
    maxStorageGb: 50,
    highAvailability: false,
    readReplicas: 0,
    backupRetentionDays: 1,
    pointInTimeRecovery: false,
    deletionProtection: false,
    performanceInsights: false,
    monitoringIntervalSeconds: 0,
  },
  mongodb: {
    version: '7.0',
    size: 'M10',
    backup: false,
    pointInTimeRecovery: false,
    privateLink: false,
  },
  redis: {
    version: '7.1',
    size: { aws: 'cache.t3.micro', azure: 'C0', gcp: 'basic-1gb' },
    replicas: 0,
    evictionPolicy: 'volatile-lru',
    authToken: true,
    snapshotRetentionDays: 0,
  },
  bucket: { versioning: false, storageGb: 10 },
  cdn: { priceClass: 'PriceClass_100' },
  service: {
    cpu: 0.25,
    memoryMb: 512,
    port: 8080,
    healthCheckPath: '/health',
    minCount: 1,
    maxCount: 2,
    cpuTarget: 70,
    logRetentionDays: 7,
  },
  vmGroup: {
    instanceType: { aws: 't3.micro', azure: 'Standard_B1s', gcp: 'e2-micro' },
    minCount: 1,
    maxCount: 2,
    port: 8080,
    healthCheckPath: '/health',
    volumeGb: 20,
    cpuTarget: 70,
  },
  registry: { keepImages: 10, untaggedExpireDays: 1, storageGb: 1 },
};

const staging: TierPreset = {
  tier: 'staging',
  policy: {
    tier: 'staging',
    minBackupRetentionDays: 1,
    maxBackupAgeHours: 26,
    requireBucketVersioning: false,
    deletionProtection: false,
    requireHighAvailability: false,
    description:
      'Small sizes, single zone databases, one NAT gateway, 7 days of backups, versioned buckets.',
  },
  network: {
    cidr: '10.0.0.0/16',
    zones: 2,
    natGateways: 1,
    flowLogRetentionDays: 30,
  },
  postgres: {
    version: '16',
    size: { aws: 'db.t3.small', azure: 'Standard_B2s', gcp: 'db-g1-small' },
    storageGb: 20,
    maxStorageGb: 100,
    highAvailability: false,
    readReplicas: 0,
    backupRetentionDays: 7,
    pointInTimeRecovery: true,
    deletionProtection: false,
    performanceInsights: true,
    monitoringIntervalSeconds: 60,
  },
  mongodb: {
    version: '7.0',
    size: 'M10',
    backup: true,
    pointInTimeRecovery: false,
    privateLink: false,
  },
  redis: {
    version: '7.1',
    size: { aws: 'cache.t3.small', azure: 'C1', gcp: 'basic-1gb' },
    replicas: 0,
    evictionPolicy: 'volatile-lru',
    authToken: true,
    snapshotRetentionDays: 1,
  },
  bucket: { versioning: true, storageGb: 10 },
  cdn: { priceClass: 'PriceClass_100' },
  service: {
    cpu: 0.5,
    memoryMb: 1024,
    port: 8080,
    healthCheckPath: '/health',
    minCount: 1,
    maxCount: 4,
    cpuTarget: 70,
    logRetentionDays: 30,
  },
  vmGroup: {
    instanceType: { aws: 't3.small', azure: 'Standard_B2s', gcp: 'e2-small' },
    minCount: 1,
    maxCount: 3,
    port: 8080,
    healthCheckPath: '/health',
    volumeGb: 20,
    cpuTarget: 70,
  },
  registry: { keepImages: 20, untaggedExpireDays: 7, storageGb: 1 },
};

const prod: TierPreset = {
  tier: 'prod',
  policy: {
    tier: 'prod',
    minBackupRetentionDays: 7,
    maxBackupAgeHours: 26,
    requireBucketVersioning: true,
    deletionProtection: true,
    requireHighAvailability: true,
    description:
      'Highly available databases, a NAT gateway per zone, backups kept at least 7 days and newer than 26 h, deletion protection on.',
  },
  network: {
    cidr: '10.0.0.0/16',
    zones: 3,
    natGateways: 'per-zone',
    flowLogRetentionDays: 90,
  },
  postgres: {
    version: '16',
    size: {
      aws: 'db.t3.medium',
      azure: 'Standard_D2ds_v4',
      gcp: 'db-custom-2-7680',
    },
    storageGb: 50,
    maxStorageGb: 200,
    highAvailability: true,
    readReplicas: 0,
    backupRetentionDays: 14,
    pointInTimeRecovery: true,
    deletionProtection: true,
    performanceInsights: true,
    monitoringIntervalSeconds: 60,
  },
  mongodb: {
    version: '7.0',
    size: 'M30',
    backup: true,
    pointInTimeRecovery: true,
    privateLink: true,
  },
  redis: {
    version: '7.1',
    size: { aws: 'cache.t3.medium', azure: 'C1', gcp: 'standard-1gb' },
    replicas: 1,
    evictionPolicy: 'volatile-lru',
    authToken: true,
    snapshotRetentionDays: 7,
  },
  bucket: { versioning: true, storageGb: 10 },
  cdn: { priceClass: 'PriceClass_100' },
  service: {
    cpu: 1,
    memoryMb: 2048,
    port: 8080,
    healthCheckPath: '/health',
    minCount: 2,
    maxCount: 10,
    cpuTarget: 70,
    logRetentionDays: 90,
  },
  vmGroup: {
    instanceType: {
      aws: 't3.medium',
      azure: 'Standard_D2s_v3',
      gcp: 'e2-medium',
    },
    minCount: 2,
    maxCount: 6,
    port: 8080,
    healthCheckPath: '/health',
    volumeGb: 50,
    cpuTarget: 70,
  },
  registry: { keepImages: 50, untaggedExpireDays: 14, storageGb: 2 },
};

/** @public The presets of each tier. */
export const tierPresets: Readonly<Record<Tier, TierPreset>> = {
  dev,
  staging,
  prod,
};

/** @public The policy a tier is judged against. */
export function tierPolicy(tier: Tier): TierPolicy {
  return tierPresets[tier].policy;
}

/** Where a component type's tier defaults live in a preset. */
const PRESET_KEY: Partial<Record<string, keyof TierPreset>> = {
  postgres: 'postgres',
  mongodb: 'mongodb',
  redis: 'redis',
  bucket: 'bucket',
  cdn: 'cdn',
  service: 'service',
  'vm-group': 'vmGroup',
  registry: 'registry',
};

function isCloud(value: unknown): value is Cloud {
  return value === 'aws' || value === 'azure' || value === 'gcp';
}

function isTier(value: unknown): value is Tier {
  return value === 'dev' || value === 'staging' || value === 'prod';
}

/**
 * The value a component field takes when the spec leaves it out: `componentTierDefault('postgres',
 * 'size', 'aws', 'staging')` is `db.t3.small`. Per-cloud values (sizes, instance types) are
 * resolved for `cloud`. Undefined when the type, field, cloud or tier is unknown or has no tier
 * default (e.g. a service's `image`).
 * @public
 */
export function componentTierDefault(
  type: unknown,
  field: string,
  cloud: unknown,
  tier: unknown,
): string | number | boolean | undefined {
  const key = typeof type === 'string' ? PRESET_KEY[type] : undefined;
  if (!key || !isCloud(cloud) || !isTier(tier)) return undefined;
  const section = tierPresets[tier][key] as unknown as Record<string, unknown>;
  const value = Object.prototype.hasOwnProperty.call(section, field)
    ? section[field]
    : undefined;
  if (value && typeof value === 'object') {
    return (value as Record<string, string>)[cloud];
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  return undefined;
}
