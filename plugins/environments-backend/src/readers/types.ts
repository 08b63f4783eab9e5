import type {
  AlarmItem,
  Cloud,
  ResourceItem,
  Section,
  ServiceCost,
} from '@terrace/plugin-environments-common';

/**
 * Where the environments a reader reads live: the cloud's account (an AWS account id, an Azure
 * subscription, a Google Cloud project) and region. One read serves every environment there.
 * @public
 */
export interface ReaderPlace {
  accountId: string;
  region: string;
}

/** @public Resources of every environment in one place, by environment name. */
export type ResourcesByEnvironment = Record<string, ResourceItem[]>;

/** @public Alarms of every environment in one place, by environment name. */
export type AlarmsByEnvironment = Record<string, AlarmItem[]>;

/** @public What the cloud says about one resource's backups, before it is judged against a tier. */
export interface BackupFacts {
  component: string;
  kind: 'postgres' | 'redis' | 'bucket';
  resource: string;
  retentionDays?: number;
  /** Databases: the latest point in time the database can be restored to (ISO-8601). */
  latestRestorableTime?: string;
  latestAutomatedSnapshotAt?: string;
  latestManualSnapshotAt?: string;
  /** Snapshots found, including any the cloud gave no creation time for. */
  snapshotCount?: number;
  /** Buckets: versioning and lifecycle, absent until first read. */
  versioning?: boolean;
  lifecycle?: boolean;
  /**
   * Buckets: when `versioning` and `lifecycle` were read (ISO 8601); they are refreshed a few
   * buckets per refresh, so they can be hours old. Absent when not read yet.
   */
  settingsReadAt?: string;
}

/** @public Backup facts of every environment in one place, by environment name. */
export type BackupsByEnvironment = Record<string, BackupFacts[]>;

/** @public One environment's bill. */
export interface EnvironmentCost {
  monthToDate: number;
  lastMonth: number;
  /** Month to date, by cloud service, largest first. */
  byService: ServiceCost[];
}

/** @public The bill of one account, split by the `terrace:environment` tag (or label). */
export interface AccountCost {
  currency: string;
  /** False when no cost carries the tag: the bill cannot be split per environment yet. */
  tagActive: boolean;
  /** Month to date of the whole account (tagged or not). */
  accountMonthToDate: number;
  /** Forecast of the whole account for the month end, when the cloud gave one. */
  accountForecast?: number;
  /** Why there is no forecast from the cloud, when there is none. */
  forecastError?: string;
  /** First day of the current month and of the next (YYYY-MM-DD). */
  monthStart: string;
  nextMonthStart: string;
  byEnvironment: Record<string, EnvironmentCost>;
}

/** @public The result of reading a cloud's location annotations of an entity. */
export type ReaderLocation =
  | { ok: true; accountId: string }
  | { ok: false; problem: string };

/**
 * Everything the status service reads from one cloud. Each read covers every environment of one
 * place (cost: of one account), so calls do not grow with the number of environments; failures
 * are thrown as `NotConfiguredError` (something to set) or `SectionReadError` (a call failed),
 * with a message in the cloud's words. Add readers with `environmentsStatusReadersExtensionPoint`.
 * @public
 */
export interface StatusReaders {
  readonly cloud: Cloud;
  /** The cloud's name in messages, e.g. `AWS`. */
  readonly displayName: string;
  /** What `terrace.dev/account-id` holds on this cloud, e.g. `the 12-digit AWS account id`. */
  readonly accountHint: string;
  /** Checks the account id of an entity (the annotation's value), with the problem in words. */
  locate(accountId: string, entityRef: string): ReaderLocation;
  /** What to configure for each section, in the cloud's words; the cards show it as given. */
  readonly configure: Readonly<Record<Section, string>>;
  /**
   * Resources by environment. `want.environments`: the names callers want in this place; readers
   * that keep membership between refreshes (`discoversByName`) read the ones never read at once,
   * and with `want.discoverOnly` nothing else. Other readers may ignore `want`.
   */
  readResources(
    place: ReaderPlace,
    signal?: AbortSignal,
    want?: { environments?: string[]; discoverOnly?: boolean },
  ): Promise<ResourcesByEnvironment>;
  /**
   * True when `readResources` answers every environment it has read (with `[]` for none), so an
   * environment absent from its answer was never read and can be asked for by name.
   */
  readonly discoversByName?: boolean;
  readAlarms(
    place: ReaderPlace,
    signal?: AbortSignal,
  ): Promise<AlarmsByEnvironment>;
  /** Backups, attributed to environments by the resources the resources section read. */
  readBackups(
    place: ReaderPlace,
    resources: ResourcesByEnvironment,
    signal?: AbortSignal,
  ): Promise<BackupsByEnvironment>;
  /** The bill of one account (month to date, last month, forecast) as of `now`. */
  readCost(
    accountId: string,
    now: Date,
    signal?: AbortSignal,
  ): Promise<AccountCost>;
  /** Why the cost section has no split per environment when `tagActive` is false, and what to do. */
  costTagInactive(accountId: string): string;
}

/** @public Finds the readers of a cloud. */
export interface StatusReadersLookup {
  get(cloud: string): StatusReaders | undefined;
  /** The clouds with readers, for messages. */
  list(): StatusReaders[];
}
