import type { ResolvedAlarm, ResolvedCdn } from '../../model/resolved';
import type { CloudAlarmMetric, CloudProfile } from '../types';
import { AWS_RESOURCE_NAME_MAX_LENGTH } from './names';
import { checkAwsSpec } from './rules';

/**
 * AWS: the regions of the commercial partition (`aws`), which is the partition the generated
 * Terraform targets; the China and GovCloud partitions need other ARNs and endpoints and are not
 * supported. A price catalog may narrow them further (`SizeCatalog.knownRegions`).
 */
const REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

/** @public The CloudFront price class a cdn takes when its spec names none. */
export const AWS_CDN_DEFAULT_PRICE_CLASS = 'PriceClass_100';

/** Fargate's valid CPU (vCPU) and memory (MiB) pairs. */
const FARGATE: ReadonlyArray<{
  cpu: number;
  min: number;
  max: number;
  step: number;
}> = [
  { cpu: 0.25, min: 512, max: 2048, step: 512 },
  { cpu: 0.5, min: 1024, max: 4096, step: 1024 },
  { cpu: 1, min: 2048, max: 8192, step: 1024 },
  { cpu: 2, min: 4096, max: 16384, step: 1024 },
  { cpu: 4, min: 8192, max: 30720, step: 1024 },
  { cpu: 8, min: 16384, max: 61440, step: 4096 },
  { cpu: 16, min: 32768, max: 122880, step: 8192 },
];

/** CloudWatch namespaces of what an alarm watches. */
const NAMESPACES: Record<ResolvedAlarm['source'], string> = {
  postgres: 'AWS/RDS',
  redis: 'AWS/ElastiCache',
  'load-balancer': 'AWS/ApplicationELB',
  service: 'AWS/ECS',
  'vm-group': 'AWS/EC2',
};

/** CloudWatch metric names per source and signal. */
const METRICS: Partial<Record<string, string>> = {
  'postgres:cpu': 'CPUUtilization',
  'postgres:free-storage': 'FreeStorageSpace',
  'postgres:connections': 'DatabaseConnections',
  'postgres:replica-lag': 'ReplicaLag',
  'redis:cpu': 'EngineCPUUtilization',
  'redis:memory': 'DatabaseMemoryUsagePercentage',
  'redis:evictions': 'Evictions',
  'load-balancer:unhealthy-targets': 'UnHealthyHostCount',
  'load-balancer:server-errors': 'HTTPCode_Target_5XX_Count',
  'service:cpu': 'CPUUtilization',
  'service:memory': 'MemoryUtilization',
  'vm-group:cpu': 'CPUUtilization',
};

const STATISTICS: Record<ResolvedAlarm['aggregation'], string> = {
  average: 'Average',
  maximum: 'Maximum',
  minimum: 'Minimum',
  sum: 'Sum',
};

const COMPARISONS: Record<ResolvedAlarm['direction'], string> = {
  above: 'GreaterThanThreshold',
  'at-or-above': 'GreaterThanOrEqualToThreshold',
  below: 'LessThanThreshold',
  'at-or-below': 'LessThanOrEqualToThreshold',
};

/**
 * A neutral alarm as a CloudWatch metric alarm: namespace, metric name, statistic and comparison
 * operator. The memory of a vm-group comes from the CloudWatch agent (`CWAgent`
 * `mem_used_percent`), which the generated launch template installs.
 */
function awsAlarmMetric(alarm: ResolvedAlarm): CloudAlarmMetric | undefined {
  const agent = alarm.source === 'vm-group' && alarm.signal === 'memory';
  const metric = agent
    ? 'mem_used_percent'
    : METRICS[`${alarm.source}:${alarm.signal}`];
  if (!metric) return undefined;
  return {
    namespace: agent ? 'CWAgent' : NAMESPACES[alarm.source],
    metric,
    statistic: STATISTICS[alarm.aggregation],
    comparison: COMPARISONS[alarm.direction],
  };
}

/**
 * @public A CloudWatch alarm read back in neutral terms: what it watches and on which side of the
 * threshold it fires; undefined for a metric Terrace does not create.
 */
export function neutralAwsAlarm(alarm: {
  namespace?: string;
  metric?: string;
  comparison?: string;
}): Pick<ResolvedAlarm, 'source' | 'signal' | 'direction'> | undefined {
  let found: Pick<ResolvedAlarm, 'source' | 'signal'> | undefined;
  if (alarm.namespace === 'CWAgent' && alarm.metric === 'mem_used_percent') {
    found = { source: 'vm-group', signal: 'memory' };
  } else {
    for (const [key, metric] of Object.entries(METRICS)) {
      const [source, signal] = key.split(':') as [
        ResolvedAlarm['source'],
        ResolvedAlarm['signal'],
      ];
      if (metric === alarm.metric && NAMESPACES[source] === alarm.namespace) {
        found = { source, signal };
        break;
      }
    }
  }
  const direction = (
    Object.keys(COMPARISONS) as ResolvedAlarm['direction'][]
  ).find(d => COMPARISONS[d] === alarm.comparison);
  return found && direction ? { ...found, direction } : undefined;
}

/** @public The AWS profile. */
const GIB = 1024 ** 3;

/**
 * Approximate memory (GiB) of an RDS instance class from its size suffix (`large` = 8 GiB on the
 * m and t families; r, x and z families have twice the memory from `large` up).
 */
export function approximateMemoryGib(size: string): number {
  const parts = size.split('.');
  const suffix = parts[parts.length - 1] ?? '';
  const family = parts.length >= 3 ? parts[1] : parts[0];
  const base: Record<string, number> = {
    micro: 1,
    small: 2,
    medium: 4,
    large: 8,
    xlarge: 16,
  };
  let gib = base[suffix];
  if (gib === undefined) {
    const m = /^(\d+)xlarge$/.exec(suffix);
    gib = m ? 16 * Number(m[1]) : 4;
  }
  return /^(r|x|z)/.test(family ?? '') && gib >= 8 ? gib * 2 : gib;
}

/**
 * RDS for PostgreSQL's default `max_connections`: LEAST({DBInstanceClassMemory/9531392}, 5000)
 * (the default parameter group's formula, RDS User Guide, "Maximum number of database
 * connections"), from the class's approximate memory.
 */
export function rdsPostgresMaxConnections(size: string): number {
  return Math.min(
    Math.floor((approximateMemoryGib(size) * GIB) / 9531392),
    5000,
  );
}

export const awsProfile: CloudProfile = {
  cloud: 'aws',
  displayName: 'AWS',
  accountTerm: 'account',
  regions: REGIONS,
  regionExample: 'us-east-1',
  sizePatterns: {
    postgres: { pattern: /^db\.[a-z0-9]+\.[a-z0-9]+$/, example: 'db.t3.micro' },
    redis: {
      pattern: /^cache\.[a-z0-9]+\.[a-z0-9]+$/,
      example: 'cache.t3.micro',
    },
    'vm-group': {
      pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
      example: 't3.small',
    },
  },
  presetSizes: {
    dev: {
      postgres: 'db.t3.micro',
      redis: 'cache.t3.micro',
      vmGroup: 't3.micro',
    },
    staging: {
      postgres: 'db.t3.small',
      redis: 'cache.t3.small',
      vmGroup: 't3.small',
    },
    prod: {
      postgres: 'db.t3.medium',
      redis: 'cache.t3.medium',
      vmGroup: 't3.medium',
    },
  },
  // A VPC is at most a /16; a subnet at least a /28.
  network: { maxNetworkPrefix: 16, minSubnetPrefix: 28 },
  // From the naming table (names.ts): load balancer and target group names, 32.
  names: { resourceName: AWS_RESOURCE_NAME_MAX_LENGTH },
  cdnPriceClasses: ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'],
  // The cheapest class: edges in North America, Europe and Israel.
  cdnDefaultPriceClass: AWS_CDN_DEFAULT_PRICE_CLASS,
  checkSpec: checkAwsSpec,
  checkContainerSize(cpu, memoryMb) {
    const row = FARGATE.find(r => r.cpu === cpu);
    if (!row) {
      return {
        field: 'cpu',
        message: `${cpu} is not a Fargate CPU size (${FARGATE.map(
          r => r.cpu,
        ).join(', ')})`,
      };
    }
    if (
      memoryMb < row.min ||
      memoryMb > row.max ||
      (memoryMb - row.min) % row.step !== 0
    ) {
      return {
        field: 'memoryMb',
        message: `${memoryMb} does not fit ${cpu} vCPU on Fargate: use ${row.min} to ${row.max} in steps of ${row.step}`,
      };
    }
    return undefined;
  },
  alarmMetric: awsAlarmMetric,
  postgresMaxConnections: rdsPostgresMaxConnections,
};

/**
 * @public The CloudFront price class of a resolved cdn on AWS: its own, which resolution always
 * sets on AWS (the spec's, else {@link AWS_CDN_DEFAULT_PRICE_CLASS}).
 */
export function awsCdnPriceClass(cdn: Pick<ResolvedCdn, 'priceClass'>): string {
  return cdn.priceClass ?? AWS_CDN_DEFAULT_PRICE_CLASS;
}

/** @public The regions of {@link awsProfile}. */
export const awsRegions: readonly string[] = REGIONS;
