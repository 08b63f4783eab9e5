import type { ResolvedAlarm } from '../../model/resolved';
import type { CloudAlarmMetric, CloudProfile } from '../types';
import { GCP_RESOURCE_NAME_MAX_LENGTH } from './names';
import { checkGcpSpec } from './rules';

/**
 * Google Cloud: regions, size naming, each tier's sizes, the naming rules checked by validation
 * and the Cloud Monitoring metric of each neutral alarm (the GCP status readers read alert
 * policies back through it).
 */
const REGIONS: readonly string[] = [
  'africa-south1',
  'asia-east1',
  'asia-east2',
  'asia-northeast1',
  'asia-northeast2',
  'asia-northeast3',
  'asia-south1',
  'asia-south2',
  'asia-southeast1',
  'asia-southeast2',
  'australia-southeast1',
  'australia-southeast2',
  'europe-central2',
  'europe-north1',
  'europe-north2',
  'europe-southwest1',
  'europe-west1',
  'europe-west10',
  'europe-west12',
  'europe-west2',
  'europe-west3',
  'europe-west4',
  'europe-west6',
  'europe-west8',
  'europe-west9',
  'me-central1',
  'me-central2',
  'me-west1',
  'northamerica-northeast1',
  'northamerica-northeast2',
  'northamerica-south1',
  'southamerica-east1',
  'southamerica-west1',
  'us-central1',
  'us-east1',
  'us-east4',
  'us-east5',
  'us-south1',
  'us-west1',
  'us-west2',
  'us-west3',
  'us-west4',
];

/**
 * The Cloud Monitoring metric of a neutral alarm: `namespace` is the monitored resource type,
 * `metric` the metric type, `statistic` the per-series aligner and `comparison` the condition's
 * comparison. Utilizations are fractions (0-1) in Cloud Monitoring, so the emitter divides percent
 * thresholds by 100. Undefined where Google has no such metric: Cloud Run has no targets, so
 * `unhealthy-targets` of a service has none.
 */
function gcpAlarmMetric(alarm: ResolvedAlarm): CloudAlarmMetric | undefined {
  const comparison =
    alarm.direction === 'below' || alarm.direction === 'at-or-below'
      ? 'COMPARISON_LT'
      : 'COMPARISON_GT';
  const m = (namespace: string, metric: string, statistic: string) => ({
    namespace,
    metric,
    statistic,
    comparison,
  });
  const sql = 'cloudsql_database';
  const redis = 'redis_instance';
  const run = 'cloud_run_revision';
  switch (`${alarm.source}/${alarm.signal}`) {
    case 'postgres/cpu':
      return m(
        sql,
        'cloudsql.googleapis.com/database/cpu/utilization',
        'ALIGN_MEAN',
      );
    case 'postgres/free-storage':
      // Free bytes below X = used fraction above 1 - X / allocated: the emitter converts.
      return {
        ...m(
          sql,
          'cloudsql.googleapis.com/database/disk/utilization',
          'ALIGN_MAX',
        ),
        comparison: 'COMPARISON_GT',
      };
    case 'postgres/connections':
      return m(
        sql,
        'cloudsql.googleapis.com/database/postgresql/num_backends',
        'ALIGN_MAX',
      );
    case 'postgres/replica-lag':
      return m(
        sql,
        'cloudsql.googleapis.com/database/replication/replica_lag',
        'ALIGN_MAX',
      );
    case 'redis/cpu':
      return m(
        redis,
        'redis.googleapis.com/stats/cpu_utilization',
        'ALIGN_MEAN',
      );
    case 'redis/memory':
      return m(
        redis,
        'redis.googleapis.com/stats/memory/usage_ratio',
        'ALIGN_MEAN',
      );
    case 'redis/evictions':
      return m(redis, 'redis.googleapis.com/stats/evicted_keys', 'ALIGN_DELTA');
    case 'load-balancer/server-errors':
      return m(run, 'run.googleapis.com/request_count', 'ALIGN_DELTA');
    case 'vm-group/cpu':
      // Instances of a managed instance group; memory needs the Ops Agent, so it has no metric.
      return m(
        'gce_instance',
        'compute.googleapis.com/instance/cpu/utilization',
        'ALIGN_MEAN',
      );
    case 'service/cpu':
      return m(
        run,
        'run.googleapis.com/container/cpu/utilizations',
        'ALIGN_PERCENTILE_50',
      );
    case 'service/memory':
      return m(
        run,
        'run.googleapis.com/container/memory/utilizations',
        'ALIGN_PERCENTILE_50',
      );
    default:
      return undefined;
  }
}

/**
 * Cloud SQL for PostgreSQL's default `max_connections` by the tier's memory, as the flag table
 * of cloud.google.com/sql/docs/postgres/flags#postgres-m states it (db-f1-micro 25, db-g1-small
 * 50, then by GiB of memory); undefined for a name it cannot read.
 */
function cloudSqlMaxConnections(size: string): number | undefined {
  if (size === 'db-f1-micro') return 25;
  if (size === 'db-g1-small') return 50;
  const custom = /^db-custom-(\d+)-(\d+)$/.exec(size);
  if (!custom) return undefined;
  const gib = Number(custom[2]) / 1024;
  if (gib < 3.75) return 25;
  if (gib < 6) return 100;
  if (gib < 7.5) return 200;
  if (gib < 15) return 400;
  if (gib < 30) return 500;
  if (gib < 60) return 600;
  if (gib < 120) return 800;
  return 1000;
}

/** @public The Google Cloud profile. */
export const gcpProfile: CloudProfile = {
  cloud: 'gcp',
  displayName: 'Google Cloud',
  accountTerm: 'project',
  regions: REGIONS,
  regionExample: 'us-central1',
  sizePatterns: {
    postgres: { pattern: /^db-[a-z0-9-]+$/, example: 'db-custom-2-7680' },
    redis: { pattern: /^(basic|standard)-\d+gb$/, example: 'basic-1gb' },
    'vm-group': { pattern: /^[a-z][a-z0-9]*-[a-z0-9-]+$/, example: 'e2-small' },
  },
  presetSizes: {
    dev: { postgres: 'db-f1-micro', redis: 'basic-1gb', vmGroup: 'e2-micro' },
    staging: {
      postgres: 'db-g1-small',
      redis: 'basic-1gb',
      vmGroup: 'e2-small',
    },
    prod: {
      postgres: 'db-custom-2-7680',
      redis: 'standard-1gb',
      vmGroup: 'e2-medium',
    },
  },
  // Terrace plans networks the same on every cloud; a VPC subnet may be smaller (/29).
  network: { maxNetworkPrefix: 16, minSubnetPrefix: 28 },
  names: { resourceName: GCP_RESOURCE_NAME_MAX_LENGTH },
  checkSpec: (input, report) => checkGcpSpec(input, report),
  alarmMetric: gcpAlarmMetric,
  postgresMaxConnections: cloudSqlMaxConnections,
};
