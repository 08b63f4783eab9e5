import { cloudProfiles } from '../clouds';
import type { CloudProfile, PresetSizes } from '../clouds/types';
import type {
  Cloud,
  ResolvedBucket,
  ResolvedMongodb,
  ResolvedNetwork,
  ResolvedPostgres,
  ResolvedRedis,
  ResolvedRegistry,
  ResolvedService,
  ResolvedVmGroup,
  Tier,
  TierPolicy,
} from '../model/resolved';

/**
 * Tier presets: what `dev`, `staging` and `prod` mean when a spec leaves a field out, and the
 * policy each tier is judged against (validation refuses a prod spec that breaks it; the status
 * side grades backups against it).
 *
 * The tiers share one base and differ where written; sizes are per cloud, in the cloud's own
 * names, from each cloud's profile (`clouds/<cloud>.ts`). Every AWS size must be known to the
 * price catalog (a test in environments-node checks this). A cdn's default price class is no
 * tier's: it is the cloud's (`CloudProfile.cdnDefaultPriceClass`).
 */

/** @public A per-cloud value. */
export type PerCloud<T> = Readonly<Record<Cloud, T>>;

/** The settings a preset gives a resolved component: all but its type and names. */
type Settings<T> = Omit<T, 'type' | 'name' | 'resourceName'>;

/** @public */
export interface TierPreset {
  tier: Tier;
  policy: TierPolicy;
  network: Omit<
    ResolvedNetwork,
    'natGateways' | 'publicSubnets' | 'privateSubnets' | 'dataSubnets'
  > & {
    /** `per-zone` means one NAT gateway in each zone. */
    natGateways: 0 | 1 | 'per-zone';
  };
  postgres: Omit<Settings<ResolvedPostgres>, 'size'> & {
    size: PerCloud<string>;
  };
  mongodb: Omit<Settings<ResolvedMongodb>, 'allowedCidr'>;
  redis: Omit<Settings<ResolvedRedis>, 'size' | 'multiAz'> & {
    size: PerCloud<string>;
  };
  bucket: Pick<ResolvedBucket, 'versioning' | 'storageGb'>;
  service: Omit<Settings<ResolvedService>, 'image' | 'registry' | 'public'>;
  vmGroup: Omit<
    Settings<ResolvedVmGroup>,
    'instanceType' | 'desiredCount' | 'public'
  > & { instanceType: PerCloud<string> };
  registry: Settings<ResolvedRegistry>;
}

/** What every tier shares; each tier below says only where it differs. */
const BASE = {
  network: { cidr: '10.0.0.0/16' },
  postgres: { version: '16' },
  mongodb: { version: '7.0' },
  redis: { version: '7.1', evictionPolicy: 'volatile-lru', authToken: true },
  service: { port: 8080, healthCheckPath: '/health', cpuTarget: 70 },
  vmGroup: { port: 8080, healthCheckPath: '/health', cpuTarget: 70 },
} as const;

/** Each cloud's size of one kind for a tier, from the clouds' profiles. */
function sizes(tier: Tier, kind: keyof PresetSizes): PerCloud<string> {
  return Object.fromEntries(
    Object.values(cloudProfiles).map(p => [p.cloud, p.presetSizes[tier][kind]]),
  ) as Record<Cloud, string>;
}

type TierDifferences = {
  policy: Omit<TierPolicy, 'tier'>;
  network: Omit<TierPreset['network'], keyof typeof BASE.network>;
  postgres: Omit<TierPreset['postgres'], 'size' | keyof typeof BASE.postgres>;
  mongodb: Omit<TierPreset['mongodb'], keyof typeof BASE.mongodb>;
  redis: Omit<TierPreset['redis'], 'size' | keyof typeof BASE.redis>;
  bucket: TierPreset['bucket'];
  service: Omit<TierPreset['service'], keyof typeof BASE.service>;
  vmGroup: Omit<
    TierPreset['vmGroup'],
    'instanceType' | keyof typeof BASE.vmGroup
  >;
  registry: TierPreset['registry'];
};

function preset(tier: Tier, d: TierDifferences): TierPreset {
  return {
    tier,
    policy: { tier, ...d.policy },
    network: { ...BASE.network, ...d.network },
    postgres: {
      ...BASE.postgres,
      ...d.postgres,
      size: sizes(tier, 'postgres'),
    },
    mongodb: { ...BASE.mongodb, ...d.mongodb },
    redis: { ...BASE.redis, ...d.redis, size: sizes(tier, 'redis') },
    bucket: d.bucket,
    service: { ...BASE.service, ...d.service },
    vmGroup: {
      ...BASE.vmGroup,
      ...d.vmGroup,
      instanceType: sizes(tier, 'vmGroup'),
    },
    registry: d.registry,
  };
}

const dev = preset('dev', {
  policy: {
    minBackupRetentionDays: 0,
    maxBackupAgeHours: 26,
    requireBucketVersioning: false,
    deletionProtection: false,
    requireHighAvailability: false,
    description:
      'Smallest sizes, single zone databases, one NAT gateway, 1 day of backups, no deletion protection.',
  },
  network: { zones: 2, natGateways: 1, flowLogRetentionDays: 7 },
  postgres: {
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
    size: 'M10',
    backup: false,
    pointInTimeRecovery: false,
    privateLink: false,
  },
  redis: { replicas: 0, snapshotRetentionDays: 0 },
  bucket: { versioning: false, storageGb: 10 },
  service: {
    cpu: 0.25,
    memoryMb: 512,
    minCount: 1,
    maxCount: 2,
    logRetentionDays: 7,
  },
  vmGroup: { minCount: 1, maxCount: 2, volumeGb: 20 },
  registry: { keepImages: 10, untaggedExpireDays: 1, storageGb: 1 },
});

const staging = preset('staging', {
  policy: {
    minBackupRetentionDays: 1,
    maxBackupAgeHours: 26,
    requireBucketVersioning: false,
    deletionProtection: false,
    requireHighAvailability: false,
    description:
      'Small sizes, single zone databases, one NAT gateway, 7 days of backups, versioned buckets.',
  },
  network: { zones: 2, natGateways: 1, flowLogRetentionDays: 30 },
  postgres: {
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
    size: 'M10',
    backup: true,
    pointInTimeRecovery: false,
    privateLink: false,
  },
  redis: { replicas: 0, snapshotRetentionDays: 1 },
  bucket: { versioning: true, storageGb: 10 },
  service: {
    cpu: 0.5,
    memoryMb: 1024,
    minCount: 1,
    maxCount: 4,
    logRetentionDays: 30,
  },
  vmGroup: { minCount: 1, maxCount: 3, volumeGb: 20 },
  registry: { keepImages: 20, untaggedExpireDays: 7, storageGb: 1 },
});

const prod = preset('prod', {
  policy: {
    minBackupRetentionDays: 7,
    maxBackupAgeHours: 26,
    requireBucketVersioning: true,
    deletionProtection: true,
    requireHighAvailability: true,
    description:
      'Highly available databases, a NAT gateway per zone, backups kept at least 7 days and newer than 26 h, deletion protection on.',
  },
  network: { zones: 3, natGateways: 'per-zone', flowLogRetentionDays: 90 },
  postgres: {
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
    size: 'M30',
    backup: true,
    pointInTimeRecovery: true,
    privateLink: true,
  },
  redis: { replicas: 1, snapshotRetentionDays: 7 },
  bucket: { versioning: true, storageGb: 10 },
  service: {
    cpu: 1,
    memoryMb: 2048,
    minCount: 2,
    maxCount: 10,
    logRetentionDays: 90,
  },
  vmGroup: { minCount: 2, maxCount: 6, volumeGb: 50 },
  registry: { keepImages: 50, untaggedExpireDays: 14, storageGb: 2 },
});

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

/** Defaults that are the cloud's, not the tier's, by component type and field. */
const CLOUD_DEFAULTS: Partial<
  Record<string, Record<string, (p: CloudProfile) => string | undefined>>
> = {
  cdn: { priceClass: p => p.cdnDefaultPriceClass },
};

/** Where a component type's tier defaults live in a preset. */
const PRESET_KEY: Partial<Record<string, keyof TierPreset>> = {
  postgres: 'postgres',
  mongodb: 'mongodb',
  redis: 'redis',
  bucket: 'bucket',
  service: 'service',
  'vm-group': 'vmGroup',
  registry: 'registry',
};

function isCloud(value: unknown): value is Cloud {
  return (
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(cloudProfiles, value)
  );
}

function isTier(value: unknown): value is Tier {
  return (
    typeof value === 'string' &&
    Object.prototype.hasOwnProperty.call(tierPresets, value)
  );
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
  if (!isCloud(cloud) || !isTier(tier) || typeof type !== 'string') {
    return undefined;
  }
  const ofCloud = CLOUD_DEFAULTS[type];
  if (ofCloud && Object.prototype.hasOwnProperty.call(ofCloud, field)) {
    return ofCloud[field](cloudProfiles[cloud]);
  }
  const key = PRESET_KEY[type];
  if (!key) return undefined;
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
