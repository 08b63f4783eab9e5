/**
 * The resolved environment: plain data with every size, count, name, tag and alarm decided.
 * Emitters (Terraform per cloud) and the estimator only read it, so the estimate prices exactly
 * what the Terraform creates. Produced by `resolveEnvironment(spec)` from a validated spec.
 */

import type { z } from 'zod';
import type {
  BucketSpec,
  CdnSpec,
  componentSchemas,
  MongodbSpec,
  PostgresSpec,
  RedisSpec,
  RegistrySpec,
  SecretsSpec,
  ServiceSpec,
  VmGroupSpec,
} from '../spec/components';
import type {
  cloudSchema,
  networkSchema,
  tierSchema,
  usageSchema,
} from '../spec/schema';

/** @public A cloud a spec may name (`spec.cloud`). */
export type Cloud = z.infer<typeof cloudSchema>;
/** @public A tier a spec may name (`spec.tier`). */
export type Tier = z.infer<typeof tierSchema>;
/** @public A component type a spec may name (`spec.components[].type`). */
export type ComponentType = keyof typeof componentSchemas;

/** @public What the tier demands of backups and protection; the status side judges against it. */
export interface TierPolicy {
  tier: Tier;
  /** Minimum backup retention in days (0 = backups optional). */
  minBackupRetentionDays: number;
  /** Newest backup must be younger than this, in hours, else critical. */
  maxBackupAgeHours: number;
  /** Buckets must be versioned. */
  requireBucketVersioning: boolean;
  deletionProtection: boolean;
  /** Databases must be highly available (Multi-AZ / zone-redundant). */
  requireHighAvailability: boolean;
  /** One-line description of what the tier implies, for forms and READMEs. */
  description: string;
}

/**
 * @public The network: the spec's `network` fields all decided (`natGateways` is 0, 1 shared or
 * `zones`, one per zone), plus the subnets planned from the CIDR.
 */
export interface ResolvedNetwork
  extends Required<z.infer<typeof networkSchema>> {
  /** One CIDR per zone for each tier of subnets. */
  publicSubnets: string[];
  privateSubnets: string[];
  dataSubnets: string[];
  flowLogRetentionDays: number;
}

/**
 * @public What an alarm watches: `cpu` and `memory` in percent, `free-storage` in bytes,
 * `connections`, `evictions`, `unhealthy-targets` and `server-errors` (5xx answers of the
 * targets) as counts, `replica-lag` in seconds.
 */
export type AlarmSignal =
  | 'cpu'
  | 'memory'
  | 'free-storage'
  | 'connections'
  | 'replica-lag'
  | 'evictions'
  | 'unhealthy-targets'
  | 'server-errors';

/** @public The part of a component an alarm watches: the component itself or its load balancer. */
export type AlarmSource =
  | 'postgres'
  | 'redis'
  | 'service'
  | 'vm-group'
  | 'load-balancer';

/** @public How the samples of one period are combined. */
export type AlarmAggregation = 'average' | 'maximum' | 'minimum' | 'sum';

/** @public On which side of the threshold the alarm fires. */
export type AlarmDirection = 'above' | 'at-or-above' | 'below' | 'at-or-below';

/** @public The unit of an alarm's threshold. */
export type AlarmUnit = 'percent' | 'bytes' | 'count' | 'seconds';

/**
 * @public One alarm, in neutral terms; each cloud's profile maps it to its own metric
 * (`CloudProfile.alarmMetric`: on AWS a CloudWatch namespace, metric, statistic and comparison).
 */
export interface ResolvedAlarm {
  /** `<environment>/<component>/<check>` */
  name: string;
  component: string;
  check: string;
  description: string;
  source: AlarmSource;
  signal: AlarmSignal;
  aggregation: AlarmAggregation;
  direction: AlarmDirection;
  threshold: number;
  unit: AlarmUnit;
  periodSeconds: number;
  evaluationPeriods: number;
}

interface ComponentBase {
  name: string;
  /** Cloud resource name prefix: `<environment>-<component>`, cloud-length-safe. */
  resourceName: string;
}

/**
 * A component as resolved from its spec `S`: every field the spec may leave out is decided (from
 * the spec, else the tier's preset), except the `Optional` ones, which stay optional.
 */
type Decided<S, Optional extends keyof S = never> = ComponentBase &
  Required<Omit<S, 'name' | Optional>> &
  Pick<S, Optional>;

/** @public */
export interface ResolvedPostgres extends Decided<PostgresSpec> {
  performanceInsights: boolean;
  /** Enhanced monitoring interval in seconds (0 = off). */
  monitoringIntervalSeconds: number;
}

/** @public */
export interface ResolvedMongodb extends Decided<MongodbSpec> {
  /** PrivateLink endpoint (prod). `allowedCidr` defaults to the network's CIDR. */
  privateLink: boolean;
}

/** @public */
export interface ResolvedRedis extends Decided<RedisSpec> {
  snapshotRetentionDays: number;
  /** Automatic failover and Multi-AZ, true when replicas > 0. */
  multiAz: boolean;
}

/** @public */
export interface ResolvedBucket
  extends Decided<BucketSpec, 'expireDays' | 'archiveDays'> {
  /** Name of the cdn component that serves it, when public. */
  servedBy?: string;
}

/**
 * @public `priceClass` is the spec's, else the cloud's default (`CloudProfile.cdnDefaultPriceClass`);
 * absent on a cloud without CDN price classes.
 */
export interface ResolvedCdn extends Decided<CdnSpec, 'priceClass'> {
  bucketOrigins: string[];
  /** The public service or vm-group routed at `/api/*`. */
  serviceOrigin?: string;
}

/** @public */
export interface ResolvedService extends Decided<ServiceSpec> {
  /**
   * The container image. When `registry` is set, it is `<repository>:<tag>` inside that registry
   * component's repository, and emitters prefix the repository's URL (e.g. ECR `repository_url`).
   */
  image: string;
  /** Name of the registry component the image comes from, when the spec gives no `image`. */
  registry?: string;
  logRetentionDays: number;
}

/** @public */
export interface ResolvedVmGroup extends Decided<VmGroupSpec> {
  volumeGb: number;
  cpuTarget: number;
}

/** @public */
export interface ResolvedRegistry extends Decided<RegistrySpec> {
  /** Usage assumption for the estimate. */
  storageGb: number;
}

/** @public */
export interface ResolvedSecrets extends Decided<SecretsSpec> {}

/** @public */
export type ResolvedComponent =
  | ResolvedPostgres
  | ResolvedMongodb
  | ResolvedRedis
  | ResolvedBucket
  | ResolvedCdn
  | ResolvedService
  | ResolvedVmGroup
  | ResolvedRegistry
  | ResolvedSecrets;

/**
 * @public Monthly usage assumptions: every `spec.usage` field, from the spec or its documented
 * default (`albLcu`: average load balancer capacity units per hour).
 */
export type ResolvedUsage = Required<z.infer<typeof usageSchema>>;

/** @public */
export interface ResolvedEnvironment {
  apiVersion: 'terrace.dev/v1alpha1';
  name: string;
  title?: string;
  description?: string;
  owner: string;
  system?: string;
  labels: string[];
  cloud: Cloud;
  region: string;
  tier: Tier;
  accountId?: string;
  /** `spec.expiresAt` as an ISO 8601 UTC date-time (`2026-12-24T00:00:00.000Z`); preview tiers only. */
  expiresAt?: string;
  /** `spec.destroyOnExpiry`: true when the environment is destroyed on expiry. */
  destroyOnExpiry?: boolean;
  policy: TierPolicy;
  network: ResolvedNetwork;
  components: ResolvedComponent[];
  usage: ResolvedUsage;
  /** Tags on every taggable resource (`terrace:environment`, `terrace:component` is per component). */
  tags: Record<string, string>;
  alarms: ResolvedAlarm[];
}

/** @public One problem found in a spec, with its field path. */
export interface SpecProblem {
  /** e.g. `spec.components[2].size` */
  path: string;
  message: string;
}
