import type { Cloud, ResolvedAlarm, Tier } from '../model/resolved';
import type { ComponentSpec } from '../spec/components';
import type { Report } from '../spec/rules/types';
import type { TierPreset } from '../spec/tiers';

/** @public Component types whose `size`/`instanceType` is a cloud size checked against a catalog. */
export type SizedComponentType = 'postgres' | 'redis' | 'vm-group';

/** @public The size names of a tier's preset on one cloud. */
export interface PresetSizes {
  postgres: string;
  redis: string;
  /** The `instanceType` of a vm-group. */
  vmGroup: string;
}

/** @public A container size refused by a cloud, with the field to fix. */
export interface ContainerSizeProblem {
  field: 'cpu' | 'memoryMb';
  message: string;
}

/** @public The metric a neutral alarm becomes on one cloud, in the cloud's own names. */
export interface CloudAlarmMetric {
  /** e.g. `AWS/RDS` */
  namespace: string;
  /** e.g. `CPUUtilization` */
  metric: string;
  /** e.g. `Average` */
  statistic: string;
  /** e.g. `GreaterThanThreshold` */
  comparison: string;
}

/** @public The name limits of a cloud that neutral code builds names with. */
export interface CloudNameLimits {
  /**
   * The longest `<environment>-<component>` resource name (`resourceName` of a resolved
   * component), in characters; a longer one is cut and given a short hash. It is the tightest
   * limit among the cloud's names built from it (AWS: 32, load balancer and target group names).
   */
  readonly resourceName: number;
}

/** @public The parts of a spec a cloud's own validation rules read, once they parsed. */
export interface CloudSpecInput {
  /** `metadata.name`, when it is valid. */
  environment?: string;
  /** The components that parsed, with their index in `spec.components`. */
  components: ReadonlyArray<{ index: number; component: ComponentSpec }>;
  /** The preset of `spec.tier`, when it is valid: the defaults of fields a component leaves out. */
  preset?: TierPreset;
  /** `spec.tier`, when it is valid (what a cloud generates environment-wide can depend on it). */
  tier?: Tier;
  /** The day (YYYY-MM-DD, UTC) support calendars are read on. */
  today: string;
  /** `spec.region`, when it is a region of the cloud. */
  region?: string;
}

/**
 * What Terrace knows of one cloud, for validation, resolution and the cloud's emitter and readers:
 * the regions it accepts, how sizes are named, network limits, what each tier's preset is on it,
 * its container size rules and how a neutral alarm becomes one of its metrics. Adding a cloud
 * means adding a `clouds/<cloud>.ts` (or a `clouds/<cloud>/` folder) with its profile.
 * @public
 */
export interface CloudProfile {
  readonly cloud: Cloud;
  /** The cloud's name in messages, e.g. `AWS`. */
  readonly displayName: string;
  /**
   * What the cloud calls the unit an environment is placed in, and what the entity annotation
   * `terrace.dev/account-id` holds on it: `account` (AWS, 12 digits), `subscription` (Azure, a
   * GUID), `project` (Google Cloud, a project id).
   */
  readonly accountTerm: 'account' | 'subscription' | 'project';
  /** The region names `spec.region` accepts, in the cloud's own names. */
  readonly regions: readonly string[];
  /** A region to name in hints, one of `regions`, e.g. `us-east-1`. */
  readonly regionExample: string;
  /** Naming patterns of sizes, checked even without a price catalog (`cache.t3.micro` is no database). */
  readonly sizePatterns: Readonly<
    Record<SizedComponentType, { pattern: RegExp; example: string }>
  >;
  /** Each tier's default sizes on this cloud. */
  readonly presetSizes: Readonly<Record<Tier, PresetSizes>>;
  readonly network: {
    /** The largest network the cloud allows, as a prefix length (16 = a /16). */
    readonly maxNetworkPrefix: number;
    /** The smallest subnet the cloud allows, as a prefix length (28 = a /28). */
    readonly minSubnetPrefix: number;
  };
  /** The name limits neutral code builds names with. */
  readonly names: CloudNameLimits;
  /** The CDN price classes `priceClass` of a cdn component may name, when the cloud has them. */
  readonly cdnPriceClasses?: readonly string[];
  /**
   * The price class a cdn component takes when its spec names none, one of `cdnPriceClasses`;
   * undefined when the cloud has no price classes (its resolved cdns then have none).
   */
  readonly cdnDefaultPriceClass?: string;
  /**
   * The container sizes a service may have on the cloud's container runtime; undefined when the
   * cloud takes any. `cpu` in vCPU, `memoryMb` in MiB.
   */
  checkContainerSize?(
    cpu: number,
    memoryMb: number,
  ): ContainerSizeProblem | undefined;
  /**
   * The cloud's own rules of validation (its naming rules, engine versions), run after the
   * neutral ones on the parts that parsed: `report` refuses the spec, `warn` does not; both
   * take the field path of the fault.
   */
  checkSpec?(input: CloudSpecInput, report: Report, warn: Report): void;
  /** The cloud's metric for a neutral alarm; undefined when the cloud cannot watch that signal. */
  alarmMetric(alarm: ResolvedAlarm): CloudAlarmMetric | undefined;
  /**
   * The default `max_connections` of the cloud's managed PostgreSQL at a size (a count), which
   * the connections-high alarm is 80% of; undefined (or no method) when the cloud's default is not
   * known here, and then that alarm is left out.
   */
  postgresMaxConnections?(size: string): number | undefined;
}
