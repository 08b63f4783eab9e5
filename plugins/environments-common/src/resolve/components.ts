import type {
  Cloud,
  ResolvedBucket,
  ResolvedCdn,
  ResolvedComponent,
  ResolvedMongodb,
  ResolvedPostgres,
  ResolvedRedis,
  ResolvedRegistry,
  ResolvedSecrets,
  ResolvedService,
  ResolvedVmGroup,
} from '../model/resolved';
import type {
  BucketSpec,
  CdnSpec,
  ComponentSpec,
  MongodbSpec,
  PostgresSpec,
  RedisSpec,
  RegistrySpec,
  SecretsSpec,
  ServiceSpec,
  VmGroupSpec,
} from '../spec/components';
import type { TierPreset } from '../spec/tiers';
import { cloudProfiles } from '../clouds';
import { resourceName } from './naming';

/** What every component resolver may read besides its own spec. */
export interface ResolveContext {
  environment: string;
  cloud: Cloud;
  preset: TierPreset;
  vpcCidr: string;
  components: ComponentSpec[];
}

/** `<environment>-<name>` within the cloud's limit (its profile's `names.resourceName`). */
function nameOf(ctx: ResolveContext, name: string): string {
  return resourceName(
    ctx.environment,
    name,
    cloudProfiles[ctx.cloud].names.resourceName,
  );
}

function base(ctx: ResolveContext, name: string) {
  return { name, resourceName: nameOf(ctx, name) };
}

function postgres(c: PostgresSpec, ctx: ResolveContext): ResolvedPostgres {
  const p = ctx.preset.postgres;
  const storageGb = c.storageGb ?? p.storageGb;
  return {
    type: 'postgres',
    ...base(ctx, c.name),
    version: c.version ?? p.version,
    size: c.size ?? p.size[ctx.cloud],
    storageGb,
    maxStorageGb: c.maxStorageGb ?? Math.max(p.maxStorageGb, storageGb),
    highAvailability: c.highAvailability ?? p.highAvailability,
    readReplicas: c.readReplicas ?? p.readReplicas,
    backupRetentionDays: c.backupRetentionDays ?? p.backupRetentionDays,
    pointInTimeRecovery: c.pointInTimeRecovery ?? p.pointInTimeRecovery,
    deletionProtection: c.deletionProtection ?? p.deletionProtection,
    performanceInsights: p.performanceInsights,
    monitoringIntervalSeconds: p.monitoringIntervalSeconds,
  };
}

function mongodb(c: MongodbSpec, ctx: ResolveContext): ResolvedMongodb {
  const p = ctx.preset.mongodb;
  return {
    type: 'mongodb',
    ...base(ctx, c.name),
    version: c.version ?? p.version,
    size: c.size ?? p.size,
    backup: c.backup ?? p.backup,
    pointInTimeRecovery: c.pointInTimeRecovery ?? p.pointInTimeRecovery,
    allowedCidr: c.allowedCidr ?? ctx.vpcCidr,
    privateLink: p.privateLink,
  };
}

function redis(c: RedisSpec, ctx: ResolveContext): ResolvedRedis {
  const p = ctx.preset.redis;
  const replicas = c.replicas ?? p.replicas;
  return {
    type: 'redis',
    ...base(ctx, c.name),
    version: c.version ?? p.version,
    size: c.size ?? p.size[ctx.cloud],
    replicas,
    evictionPolicy: c.evictionPolicy ?? p.evictionPolicy,
    authToken: c.authToken ?? p.authToken,
    snapshotRetentionDays: p.snapshotRetentionDays,
    multiAz: replicas > 0,
  };
}

function bucket(c: BucketSpec, ctx: ResolveContext): ResolvedBucket {
  const p = ctx.preset.bucket;
  const servedBy = ctx.components.find(
    o => o.type === 'cdn' && (o.origins ?? []).includes(c.name),
  )?.name;
  const resolved: ResolvedBucket = {
    type: 'bucket',
    ...base(ctx, c.name),
    versioning: c.versioning ?? p.versioning,
    public: c.public ?? false,
    corsOrigins: c.corsOrigins ?? [],
    storageGb: c.storageGb ?? p.storageGb,
  };
  if (c.expireDays !== undefined) resolved.expireDays = c.expireDays;
  if (c.archiveDays !== undefined) resolved.archiveDays = c.archiveDays;
  if (resolved.public && servedBy) resolved.servedBy = servedBy;
  return resolved;
}

function cdn(c: CdnSpec, ctx: ResolveContext): ResolvedCdn {
  const origins = c.origins ?? [];
  const typeOf = (name: string) =>
    ctx.components.find(o => o.name === name)?.type;
  const resolved: ResolvedCdn = {
    type: 'cdn',
    ...base(ctx, c.name),
    origins,
    bucketOrigins: origins.filter(o => typeOf(o) === 'bucket'),
  };
  // The spec's, else the cloud's default; none on a cloud without price classes.
  const priceClass =
    c.priceClass ?? cloudProfiles[ctx.cloud].cdnDefaultPriceClass;
  if (priceClass !== undefined) resolved.priceClass = priceClass;
  const serviceOrigin = origins.find(
    o => typeOf(o) === 'service' || typeOf(o) === 'vm-group',
  );
  if (serviceOrigin) resolved.serviceOrigin = serviceOrigin;
  return resolved;
}

/** Tag used when a service's image comes from the environment's registry. */
export const DEFAULT_IMAGE_TAG = 'latest';

/**
 * Image a service runs when the spec names none and the environment has no registry: a stand-in
 * until the repo's workflow deploys the real image.
 */
export const PLACEHOLDER_IMAGE = 'nginx:stable';

function service(c: ServiceSpec, ctx: ResolveContext): ResolvedService {
  const p = ctx.preset.service;
  const imageRegistry = ctx.components.find(o => o.type === 'registry');
  const resolved: ResolvedService = {
    type: 'service',
    ...base(ctx, c.name),
    image: c.image ?? PLACEHOLDER_IMAGE,
    cpu: c.cpu ?? p.cpu,
    memoryMb: c.memoryMb ?? p.memoryMb,
    port: c.port ?? p.port,
    healthCheckPath: c.healthCheckPath ?? p.healthCheckPath,
    minCount: c.minCount ?? p.minCount,
    maxCount: c.maxCount ?? Math.max(p.maxCount, c.minCount ?? p.minCount),
    cpuTarget: c.cpuTarget ?? p.cpuTarget,
    public: c.public ?? false,
    logRetentionDays: p.logRetentionDays,
  };
  if (!c.image && imageRegistry) {
    resolved.registry = imageRegistry.name;
    resolved.image = `${nameOf(ctx, imageRegistry.name)}:${DEFAULT_IMAGE_TAG}`;
  }
  return resolved;
}

function vmGroup(c: VmGroupSpec, ctx: ResolveContext): ResolvedVmGroup {
  const p = ctx.preset.vmGroup;
  const minCount = c.minCount ?? p.minCount;
  const maxCount = c.maxCount ?? Math.max(p.maxCount, minCount);
  return {
    type: 'vm-group',
    ...base(ctx, c.name),
    instanceType: c.instanceType ?? p.instanceType[ctx.cloud],
    minCount,
    maxCount,
    desiredCount: c.desiredCount ?? minCount,
    port: c.port ?? p.port,
    healthCheckPath: c.healthCheckPath ?? p.healthCheckPath,
    public: c.public ?? false,
    volumeGb: p.volumeGb,
    cpuTarget: p.cpuTarget,
  };
}

function registry(c: RegistrySpec, ctx: ResolveContext): ResolvedRegistry {
  const p = ctx.preset.registry;
  return {
    type: 'registry',
    ...base(ctx, c.name),
    keepImages: c.keepImages ?? p.keepImages,
    untaggedExpireDays: c.untaggedExpireDays ?? p.untaggedExpireDays,
    storageGb: p.storageGb,
  };
}

function secrets(c: SecretsSpec, ctx: ResolveContext): ResolvedSecrets {
  return { type: 'secrets', ...base(ctx, c.name), names: [...c.names] };
}

/** Resolves one component: the spec's values, the tier's defaults for the rest. */
export function resolveComponent(
  c: ComponentSpec,
  ctx: ResolveContext,
): ResolvedComponent {
  switch (c.type) {
    case 'postgres':
      return postgres(c, ctx);
    case 'mongodb':
      return mongodb(c, ctx);
    case 'redis':
      return redis(c, ctx);
    case 'bucket':
      return bucket(c, ctx);
    case 'cdn':
      return cdn(c, ctx);
    case 'service':
      return service(c, ctx);
    case 'vm-group':
      return vmGroup(c, ctx);
    case 'registry':
      return registry(c, ctx);
    case 'secrets':
      return secrets(c, ctx);
    default: {
      const unknownType: never = c;
      throw new TypeError(
        `Unknown component type in ${JSON.stringify(unknownType)}`,
      );
    }
  }
}
