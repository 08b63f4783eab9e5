/**
 * AWS engine versions: one table per engine (RDS for PostgreSQL, ElastiCache for Redis OSS and
 * for Valkey) of the versions Terrace accepts, the form of `engine_version` each API takes, the
 * parameter group family, and the support calendar (standard support, paid Extended Support).
 *
 * Sources: RDS for PostgreSQL release calendar
 * (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html),
 * RDS Extended Support charges (https://aws.amazon.com/rds/postgresql/pricing/), ElastiCache
 * supported engine versions and parameter group families
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html,
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html), and the
 * AWS provider's `aws_elasticache_replication_group.engine_version` (7+: `major.minor`,
 * 6: `6.x` or `6.<minor>`, 5 and older: the full `5.0.6`). Checked 2026-11-30.
 */

/** @public A paid RDS Extended Support period of an engine major version. */
export interface ExtendedSupportPeriod {
  /** First day of the period (YYYY-MM-DD). */
  from: string;
  /** Last day of the period (YYYY-MM-DD). */
  to: string;
  /** The price list's period name: `Yr1-Yr2` or `Yr3`. */
  period: 'Yr1-Yr2' | 'Yr3';
}

/** @public One supported major version of an engine. */
export interface EngineVersion {
  /** The major version as people write it: `16`, `7`, `5`. */
  major: string;
  /** The versions the spec may name for this major. */
  accepts: RegExp;
  /** The same, in words, for messages. */
  acceptedText: string;
  /** The version Terraform is given when the spec names only the major. */
  defaultVersion: string;
  /** Parameter group family, e.g. `postgres16`, `redis5.0`, `redis6.x`, `redis7`, `valkey8`. */
  family: string;
  /** Last day of standard support (YYYY-MM-DD). */
  standardSupportEnds: string;
  /** Paid Extended Support after standard support, when the engine has it. */
  extendedSupport?: readonly ExtendedSupportPeriod[];
}

/** @public RDS for PostgreSQL major versions RDS still runs (11 and later). */
export const AWS_POSTGRES_VERSIONS: readonly EngineVersion[] = [
  {
    major: '11',
    accepts: /^11(\.\d{1,2})?$/,
    acceptedText: '11, 11.<minor>',
    defaultVersion: '11',
    family: 'postgres11',
    standardSupportEnds: '2024-02-29',
    extendedSupport: [
      { from: '2024-03-01', to: '2026-02-28', period: 'Yr1-Yr2' },
      { from: '2026-03-01', to: '2027-03-31', period: 'Yr3' },
    ],
  },
  {
    major: '12',
    accepts: /^12(\.\d{1,2})?$/,
    acceptedText: '12, 12.<minor>',
    defaultVersion: '12',
    family: 'postgres12',
    standardSupportEnds: '2025-02-28',
    extendedSupport: [
      { from: '2025-03-01', to: '2027-02-28', period: 'Yr1-Yr2' },
      { from: '2027-03-01', to: '2028-02-29', period: 'Yr3' },
    ],
  },
  {
    major: '13',
    accepts: /^13(\.\d{1,2})?$/,
    acceptedText: '13, 13.<minor>',
    defaultVersion: '13',
    family: 'postgres13',
    standardSupportEnds: '2026-02-28',
    extendedSupport: [
      { from: '2026-03-01', to: '2028-02-29', period: 'Yr1-Yr2' },
      { from: '2028-03-01', to: '2029-02-28', period: 'Yr3' },
    ],
  },
  {
    major: '14',
    accepts: /^14(\.\d{1,2})?$/,
    acceptedText: '14, 14.<minor>',
    defaultVersion: '14',
    family: 'postgres14',
    standardSupportEnds: '2027-02-28',
  },
  {
    major: '15',
    accepts: /^15(\.\d{1,2})?$/,
    acceptedText: '15, 15.<minor>',
    defaultVersion: '15',
    family: 'postgres15',
    standardSupportEnds: '2028-02-29',
  },
  {
    major: '16',
    accepts: /^16(\.\d{1,2})?$/,
    acceptedText: '16, 16.<minor>',
    defaultVersion: '16',
    family: 'postgres16',
    standardSupportEnds: '2029-02-28',
  },
  {
    major: '17',
    accepts: /^17(\.\d{1,2})?$/,
    acceptedText: '17, 17.<minor>',
    defaultVersion: '17',
    family: 'postgres17',
    standardSupportEnds: '2030-02-28',
  },
];

/** @public ElastiCache for Redis OSS versions (`engine = "redis"`). */
export const AWS_REDIS_VERSIONS: readonly EngineVersion[] = [
  {
    major: '5',
    accepts: /^5(\.0(\.6)?)?$/,
    acceptedText: '5.0.6',
    defaultVersion: '5.0.6',
    family: 'redis5.0',
    standardSupportEnds: '2026-01-31',
  },
  {
    major: '6',
    accepts: /^6(\.[02x])?$/,
    acceptedText: '6.0, 6.2',
    defaultVersion: '6.2',
    family: 'redis6.x',
    standardSupportEnds: '2027-01-31',
  },
  {
    major: '7',
    accepts: /^7(\.[01])?$/,
    acceptedText: '7.0, 7.1',
    defaultVersion: '7.1',
    family: 'redis7',
    standardSupportEnds: '2031-01-31',
  },
];

/** @public ElastiCache for Valkey versions (`engine = "valkey"`), each major its own family. */
export const AWS_VALKEY_VERSIONS: readonly EngineVersion[] = [
  {
    major: '7',
    accepts: /^7(\.2)?$/,
    acceptedText: '7.2',
    defaultVersion: '7.2',
    family: 'valkey7',
    standardSupportEnds: '2031-01-31',
  },
  {
    major: '8',
    accepts: /^8(\.[01])?$/,
    acceptedText: '8.0, 8.1',
    defaultVersion: '8.1',
    family: 'valkey8',
    standardSupportEnds: '2031-01-31',
  },
];

/** @public The engines with a version table. */
export const AWS_ENGINE_VERSIONS = {
  postgres: AWS_POSTGRES_VERSIONS,
  redis: AWS_REDIS_VERSIONS,
  valkey: AWS_VALKEY_VERSIONS,
} as const;

/** @public */
export type AwsEngine = keyof typeof AWS_ENGINE_VERSIONS;

/** @public A spec version resolved against its engine's table. */
export interface ResolvedEngineVersion extends EngineVersion {
  /** The `engine_version` Terraform is given, in the form the API accepts. */
  engineVersion: string;
}

/**
 * @public
 * The table row of `version` (exact, or its major alone), with the `engine_version` to write;
 * undefined when the engine has no such version.
 */
export function awsEngineVersion(
  engine: AwsEngine,
  version: string,
): ResolvedEngineVersion | undefined {
  const row = AWS_ENGINE_VERSIONS[engine].find(v => v.accepts.test(version));
  if (!row) return undefined;
  // PostgreSQL: the major alone lets RDS pick its newest minor. ElastiCache: 7+ takes
  // `major.minor`, 6 takes `6.x` or `6.<minor>`, 5 only the full `5.0.6`.
  let engineVersion = version;
  if (engine !== 'postgres') {
    if (row.major === '5') engineVersion = row.defaultVersion;
    else if (version === row.major || version === '6.x') {
      engineVersion = row.defaultVersion;
    }
  }
  return { ...row, engineVersion };
}

/** @public The versions an engine accepts, for messages: `11, 11.<minor>; 12, ...`. */
export function awsEngineVersionList(engine: AwsEngine): string {
  return AWS_ENGINE_VERSIONS[engine].map(v => v.acceptedText).join('; ');
}

/**
 * @public
 * The Extended Support period a version is in on `date` (YYYY-MM-DD), if any.
 */
export function extendedSupportOn(
  row: EngineVersion,
  date: string,
): ExtendedSupportPeriod | undefined {
  return row.extendedSupport?.find(p => p.from <= date && date <= p.to);
}

/**
 * @public
 * The warning for a version past standard support, naming the dates; undefined when it is in
 * standard support on `date`.
 */
export function engineSupportWarning(
  engine: AwsEngine,
  row: EngineVersion,
  date: string,
): string | undefined {
  if (date <= row.standardSupportEnds) return undefined;
  const name = { postgres: 'PostgreSQL', redis: 'Redis OSS', valkey: 'Valkey' }[
    engine
  ];
  const period = extendedSupportOn(row, date);
  if (period) {
    const last = row.extendedSupport![row.extendedSupport!.length - 1];
    return `${name} ${row.major} left standard support on ${row.standardSupportEnds}; it is in paid RDS Extended Support (${period.period}, ${period.from} to ${period.to}, charged per vCPU-hour and in the estimate) until ${last.to}, when RDS upgrades it`;
  }
  return `${name} ${row.major} left standard support on ${row.standardSupportEnds}; AWS bills it under Extended Support pricing, which the estimate does not include`;
}
