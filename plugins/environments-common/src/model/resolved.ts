/**
 * The resolved environment: plain data with every size, count, name, tag and alarm decided.
 * Emitters (Terraform per cloud) and the estimator only read it, so the estimate prices exactly
 * what the Terraform creates. Produced by `resolveEnvironment(spec)` from a validated spec.
 */

/** @public */
export type Cloud = 'aws' | 'azure' | 'gcp';
/** @public */
export type Tier = 'dev' | 'staging' | 'prod';
/** @public */
export type ComponentType =
  | 'postgres'
  | 'mongodb'
  | 'redis'
  | 'bucket'
  | 'cdn'
  | 'service'
  | 'vm-group'
  | 'registry'
  | 'secrets';

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

/** @public */
export interface ResolvedNetwork {
  cidr: string;
  zones: number;
  /** 0, 1 (shared) or `zones` (one per zone). */
  natGateways: number;
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

/** @public */
export interface ResolvedPostgres extends ComponentBase {
  type: 'postgres';
  version: string;
  size: string;
  storageGb: number;
  maxStorageGb: number;
  highAvailability: boolean;
  readReplicas: number;
  backupRetentionDays: number;
  pointInTimeRecovery: boolean;
  deletionProtection: boolean;
  performanceInsights: boolean;
  /** Enhanced monitoring interval in seconds (0 = off). */
  monitoringIntervalSeconds: number;
}

/** @public */
export interface ResolvedMongodb extends ComponentBase {
  type: 'mongodb';
  version: string;
  /** Atlas tier: M10, M20, ... */
  size: string;
  backup: boolean;
  pointInTimeRecovery: boolean;
  /** CIDR allowed to connect (defaults to the VPC CIDR). */
  allowedCidr: string;
  /** PrivateLink endpoint (prod). */
  privateLink: boolean;
}

/** @public */
export interface ResolvedRedis extends ComponentBase {
  type: 'redis';
  version: string;
  size: string;
  replicas: number;
  evictionPolicy: string;
  authToken: boolean;
  snapshotRetentionDays: number;
  /** Automatic failover and Multi-AZ, true when replicas > 0. */
  multiAz: boolean;
}

/** @public */
export interface ResolvedBucket extends ComponentBase {
  type: 'bucket';
  versioning: boolean;
  expireDays?: number;
  archiveDays?: number;
  public: boolean;
  corsOrigins: string[];
  /** Usage assumption for the estimate. */
  storageGb: number;
  /** Name of the cdn component that serves it, when public. */
  servedBy?: string;
}

/** @public */
export interface ResolvedCdn extends ComponentBase {
  type: 'cdn';
  origins: string[];
  bucketOrigins: string[];
  /** The public service or vm-group routed at `/api/*`. */
  serviceOrigin?: string;
  priceClass: string;
}

/** @public */
export interface ResolvedService extends ComponentBase {
  type: 'service';
  /**
   * The container image. When `registry` is set, it is `<repository>:<tag>` inside that registry
   * component's repository, and emitters prefix the repository's URL (e.g. ECR `repository_url`).
   */
  image: string;
  /** Name of the registry component the image comes from, when the spec gives no `image`. */
  registry?: string;
  cpu: number;
  memoryMb: number;
  port: number;
  healthCheckPath: string;
  minCount: number;
  maxCount: number;
  cpuTarget: number;
  public: boolean;
  logRetentionDays: number;
}

/** @public */
export interface ResolvedVmGroup extends ComponentBase {
  type: 'vm-group';
  instanceType: string;
  minCount: number;
  maxCount: number;
  desiredCount: number;
  port: number;
  healthCheckPath: string;
  public: boolean;
  volumeGb: number;
  cpuTarget: number;
}

/** @public */
export interface ResolvedRegistry extends ComponentBase {
  type: 'registry';
  keepImages: number;
  untaggedExpireDays: number;
  /** Usage assumption for the estimate. */
  storageGb: number;
}

/** @public */
export interface ResolvedSecrets extends ComponentBase {
  type: 'secrets';
  names: string[];
}

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

/** @public Monthly usage assumptions (from `spec.usage` or documented defaults). */
export interface ResolvedUsage {
  cdnTransferGb: number;
  cdnRequestsMillions: number;
  natProcessedGb: number;
  logIngestGb: number;
  /** Average load balancer capacity units per hour. */
  albLcu: number;
}

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
