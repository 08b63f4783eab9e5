/**
 * Response shapes of the status API (contract section 5), shared by the backend that answers
 * and the frontend client that reads them.
 */
import type { EnvironmentExpiryState } from '../expiry/expiry';

import type { EnvironmentDrift } from './dayTwo';
import type { AlarmDirection, AlarmSignal } from '../model/resolved';

/** @public The sections of an environment's status, in the order the entity page shows them. */
export const SECTIONS = ['resources', 'alarms', 'backups', 'cost'] as const;

/** @public One of {@link SECTIONS}: the last segment of `GET /v1/environments/:namespace/:name/:section`. */
export type Section = (typeof SECTIONS)[number];

/** @public */
export type SectionStatus = 'ok' | 'error' | 'not-configured';

/** @public */
export interface SectionBase {
  status: SectionStatus;
  /** Present when status is `error` or `not-configured`: what went wrong or what to set, in words. */
  error?: string;
  /**
   * Present when status is `not-configured`: what an administrator sets up for this section, in
   * the cloud's own words (annotations, permissions, config keys). The cards show it as given.
   */
  configure?: string;
  /** ISO-8601 time the data was read from the cloud. */
  updatedAt: string;
}

/**
 * @public What a resource is, in neutral terms: the cloud's reader maps its own services to these,
 * so the cards choose an icon and words without knowing any cloud.
 */
export type ResourceCategory =
  | 'database'
  | 'cache'
  | 'bucket'
  | 'cdn'
  | 'service'
  | 'compute'
  | 'load-balancer'
  | 'secret'
  | 'monitoring'
  | 'registry';

/** @public */
export interface ResourceItem {
  /** Cloud resource identifier (ARN on AWS). */
  id: string;
  /** Short resource type in the cloud's own names, e.g. `rds:db`, `s3:bucket`, `ecs:service`. */
  type: string;
  /** What the resource is, in neutral terms; absent when the reader does not know the type. */
  category?: ResourceCategory;
  name: string;
  /** The `terrace:component` tag, when present. */
  component?: string;
  /** Link to the resource in the cloud console. */
  consoleUrl?: string;
  /**
   * When the cloud last listed this resource as its environment's (ISO 8601), where the reader
   * refreshes membership a few environments per refresh (AWS): it can be an hour or more old.
   */
  listedAt?: string;
}

/** @public */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** @public */
export interface AlarmItem {
  name: string;
  component: string;
  check: string;
  state: AlarmState;
  reason?: string;
  /** ISO-8601 time of the last state change. */
  updatedAt?: string;
  /** What the alarm watches, in neutral terms, when it is one Terrace creates. */
  signal?: AlarmSignal;
  /** On which side of `threshold` it fires, in neutral terms. */
  direction?: AlarmDirection;
  /** The cloud's own metric, namespace and comparison, as the cloud names them. */
  metric?: string;
  namespace?: string;
  threshold?: number;
  comparison?: string;
  consoleUrl?: string;
}

/** @public */
export type BackupHealth = 'ok' | 'warning' | 'critical';

/** @public */
export interface BackupItem {
  /** Component name (from the tag), or the resource name when untagged. */
  component: string;
  /** `postgres` | `redis` | `bucket` ... */
  kind: string;
  resource: string;
  /** The tier's policy, in words: "retention ≥ 7 days, last backup < 26 h". */
  policy: string;
  retentionDays?: number;
  /** ISO-8601 time of the newest backup or restorable point. */
  lastBackupAt?: string;
  /** Databases: the latest point in time it can be restored to (ISO-8601). */
  latestRestorableTime?: string;
  /** ISO-8601 time of the newest automated snapshot. */
  latestAutomatedSnapshotAt?: string;
  /** ISO-8601 time of the newest manual snapshot. */
  latestManualSnapshotAt?: string;
  versioning?: boolean;
  lifecycle?: boolean;
  /**
   * When the facts that are not read on every refresh were read (ISO 8601), which can be hours
   * before the section's `updatedAt`: buckets' versioning and lifecycle (read again a few buckets
   * per refresh), databases' and caches' snapshot listings and cache snapshot retention (kept
   * listings, a page per refresh). Absent when the cloud reads them on every refresh, or when
   * they were not read yet.
   */
  settingsReadAt?: string;
  health: BackupHealth;
  /** Why the health is what it is, in words. */
  reason: string;
}

/** @public */
export interface ServiceCost {
  service: string;
  amount: number;
}

/** @public */
export interface CostEstimateSummary {
  monthly: number;
  currency: string;
  retrieved?: string;
}

/** @public */
export interface CostSection extends SectionBase {
  currency: string;
  monthToDate?: number;
  lastMonth?: number;
  forecast?: number;
  estimate?: CostEstimateSummary;
  byService: ServiceCost[];
  /** False when the cost-allocation tag is not activated (the bill has no data for it). */
  tagActive?: boolean;
  /**
   * How `forecast` was made: `cloud` (the account's forecast from the cloud's billing, e.g. AWS
   * Cost Explorer, shared by the environments in proportion to their month to date) or `linear`
   * (month to date extrapolated).
   */
  forecastBasis?: 'cloud' | 'linear';
}

/** @public */
export interface ItemsSection<T> extends SectionBase {
  items: T[];
}

/** @public */
export type ResourcesSection = ItemsSection<ResourceItem>;
/** @public */
export type AlarmsSection = ItemsSection<AlarmItem>;
/** @public */
export type BackupsSection = ItemsSection<BackupItem>;

/** @public The `reason` of an environment's drift before its first check. */
export const DRIFT_NOT_CHECKED = 'not checked yet';

/** @public One row of `GET /v1/overview`. */
export interface OverviewItem {
  entityRef: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  cloud?: string;
  region?: string;
  tier?: string;
  alarms: {
    status: SectionStatus;
    ok: number;
    alarm: number;
    insufficientData: number;
  };
  backups: { status: SectionStatus; worst?: BackupHealth };
  cost: {
    status: SectionStatus;
    monthToDate?: number;
    estimate?: number;
    currency: string;
  };
  /**
   * The latest drift check's status (`GET /v1/environments/:namespace/:name/drift` has the
   * resources and the reason); `unknown` when it was never checked.
   */
  drift?: EnvironmentDrift['status'];
  /**
   * When the preview environment expires (its `terrace.dev/expires-at` annotation, ISO 8601 UTC);
   * absent for environments that do not expire.
   */
  expiresAt?: string;
  /** `expired` from `expiresAt` on, `expiring` within 3 days before it; absent otherwise. */
  expiry?: EnvironmentExpiryState;
}

/** @public */
export interface OverviewResponse {
  updatedAt: string;
  items: OverviewItem[];
}
