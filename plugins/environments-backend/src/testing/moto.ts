/**
 * Seeding the moto AWS emulator through the AWS SDK, for the tests and the demo. Nothing here
 * is exported from the package; everything talks to the moto endpoint on 127.0.0.1 only.
 */
import {
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
  CloudWatchClient,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateReplicationGroupCommand,
  CreateSnapshotCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import {
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  S3Client,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import {
  TAG_COMPONENT,
  TAG_ENVIRONMENT,
  alarmName,
} from '@terrace/plugin-environments-common';

/** The role Terrace assumes in every account in the tests (any name works with moto). */
export const TEST_ROLE_NAME = 'terrace-status-reader';

/** The moto endpoint: TERRACE_MOTO_ENDPOINT, else http://127.0.0.1:5000. */
export function motoEndpoint(): string {
  return process.env.TERRACE_MOTO_ENDPOINT ?? 'http://127.0.0.1:5000';
}

/** Fails with what to do when moto is not running; tests call it first, so they fail rather than skip. */
export async function assertMotoReachable(
  endpoint = motoEndpoint(),
): Promise<void> {
  try {
    const response = await fetch(`${endpoint}/moto-api/`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (e) {
    throw new Error(
      `moto is not reachable at ${endpoint} (${
        (e as Error).message
      }): start it with ` +
        '`moto_server -H 127.0.0.1 -p 5000` and export TERRACE_MOTO_ENDPOINT=http://127.0.0.1:5000',
    );
  }
}

/** A random 12-digit account id, so parallel test files never share moto state. */
export function randomAccountId(): string {
  return String(100_000_000_000 + Math.floor(Math.random() * 800_000_000_000));
}

/** A short random lower-case prefix for names. */
export function randomPrefix(): string {
  return `t${Math.random().toString(36).slice(2, 8)}`;
}

/** Credentials of `account` in moto, by assuming the test role there (as Terrace does). */
export async function motoAccountCredentials(
  endpoint: string,
  accountId: string,
): Promise<AwsCredentialIdentity> {
  const sts = new STSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${TEST_ROLE_NAME}`,
      RoleSessionName: 'terrace-seed',
    }),
  );
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken,
  };
}

function tags(environment: string, component: string) {
  return [
    { Key: TAG_ENVIRONMENT, Value: environment },
    { Key: TAG_COMPONENT, Value: component },
  ];
}

/** Creates AWS resources of Terrace environments in one moto account. */
export class MotoSeeder {
  constructor(
    readonly endpoint: string,
    readonly accountId: string,
    private readonly credentials: AwsCredentialIdentity,
  ) {}

  /** A seeder for `accountId`, with credentials from moto's STS. */
  static async forAccount(endpoint: string, accountId: string) {
    return new MotoSeeder(
      endpoint,
      accountId,
      await motoAccountCredentials(endpoint, accountId),
    );
  }

  private config(region: string) {
    return { endpoint: this.endpoint, region, credentials: this.credentials };
  }

  /** An RDS PostgreSQL instance tagged for the environment, with a manual snapshot when asked. */
  async database(options: {
    region: string;
    environment: string;
    component: string;
    identifier: string;
    retentionDays: number;
    manualSnapshot?: boolean;
  }) {
    const rds = new RDSClient(this.config(options.region));
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: options.identifier,
        DBInstanceClass: 'db.t3.micro',
        Engine: 'postgres',
        AllocatedStorage: 20,
        MasterUsername: 'terrace',
        MasterUserPassword: 'not-a-secret-moto-only',
        BackupRetentionPeriod: options.retentionDays,
        Tags: tags(options.environment, options.component),
      }),
    );
    if (options.manualSnapshot) {
      await rds.send(
        new CreateDBSnapshotCommand({
          DBInstanceIdentifier: options.identifier,
          DBSnapshotIdentifier: `${options.identifier}-manual`,
        }),
      );
    }
  }

  /** An ElastiCache Redis replication group tagged for the environment, with one snapshot. */
  async redis(options: {
    region: string;
    environment: string;
    component: string;
    id: string;
    retentionDays: number;
  }) {
    const elasticache = new ElastiCacheClient(this.config(options.region));
    await elasticache.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: options.id,
        ReplicationGroupDescription: `${options.environment} ${options.component}`,
        Engine: 'redis',
        CacheNodeType: 'cache.t4g.micro',
        NumCacheClusters: 1,
        SnapshotRetentionLimit: options.retentionDays,
        Tags: tags(options.environment, options.component),
      }),
    );
    if (options.retentionDays > 0) {
      await elasticache.send(
        new CreateSnapshotCommand({
          ReplicationGroupId: options.id,
          SnapshotName: `${options.id}-snap`,
        }),
      );
    }
  }

  /** An S3 bucket tagged for the environment, versioned and with lifecycle rules when asked. */
  async bucket(options: {
    region: string;
    environment: string;
    component: string;
    name: string;
    versioning: boolean;
    lifecycle?: boolean;
  }) {
    const s3 = new S3Client({
      ...this.config(options.region),
      forcePathStyle: true,
    });
    await s3.send(
      new CreateBucketCommand({
        Bucket: options.name,
        CreateBucketConfiguration:
          options.region === 'us-east-1'
            ? undefined
            : {
                LocationConstraint: options.region as BucketLocationConstraint,
              },
      }),
    );
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: options.name,
        Tagging: { TagSet: tags(options.environment, options.component) },
      }),
    );
    if (options.versioning) {
      await s3.send(
        new PutBucketVersioningCommand({
          Bucket: options.name,
          VersioningConfiguration: { Status: 'Enabled' },
        }),
      );
    }
    if (options.lifecycle) {
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: options.name,
          LifecycleConfiguration: {
            Rules: [
              {
                ID: 'expire-old-versions',
                Status: 'Enabled',
                Filter: { Prefix: '' },
                NoncurrentVersionExpiration: { NoncurrentDays: 30 },
              },
            ],
          },
        }),
      );
    }
  }

  /** A metric alarm named `<environment>/<component>/<check>`, set to `state`. */
  async alarm(options: {
    region: string;
    environment: string;
    component: string;
    check: string;
    state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
    metric?: string;
    namespace?: string;
    threshold?: number;
    reason?: string;
  }) {
    const cloudwatch = new CloudWatchClient({
      ...this.config(options.region),
      protocol: AwsQueryProtocol,
    });
    const name = alarmName(
      options.environment,
      options.component,
      options.check,
    );
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        MetricName: options.metric ?? 'CPUUtilization',
        Namespace: options.namespace ?? 'AWS/RDS',
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 3,
        Threshold: options.threshold ?? 80,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Tags: tags(options.environment, options.component),
      }),
    );
    await cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: name,
        StateValue: options.state,
        StateReason:
          options.reason ??
          `Seeded in state ${options.state} for ${options.environment}`,
      }),
    );
  }

  /**
   * What a real environment owns, the fleet bench's and fleet test's shape (issue [7/9]): one
   * postgres (`<environment>-db`, 7 days of backups), one redis (`<environment>-cache`, 1 day of
   * snapshots), three versioned buckets (`assets`, `uploads`, `exports`, the last with a
   * lifecycle) and six alarms in state OK (three on the database, three on the cache), all tagged.
   */
  async environmentOfRealShape(options: {
    region: string;
    environment: string;
  }) {
    const { region, environment } = options;
    await this.database({
      region,
      environment,
      component: 'db',
      identifier: `${environment}-db`,
      retentionDays: 7,
    });
    await this.redis({
      region,
      environment,
      component: 'cache',
      id: `${environment}-cache`.slice(0, 40),
      retentionDays: 1,
    });
    for (const b of ['assets', 'uploads', 'exports']) {
      await this.bucket({
        region,
        environment,
        component: b,
        name: `${environment}-${b}`,
        versioning: true,
        lifecycle: b === 'exports',
      });
    }
    for (const [component, check] of [
      ['db', 'cpu-high'],
      ['db', 'storage-low'],
      ['db', 'connections-high'],
      ['cache', 'cpu-high'],
      ['cache', 'memory-high'],
      ['cache', 'evictions'],
    ]) {
      await this.alarm({ region, environment, component, check, state: 'OK' });
    }
  }

  /**
   * Queues Cost Explorer answers (moto's /moto-api/static/ce/cost-and-usage-results): the next
   * GetCostAndUsage call with new parameters in this account gets the first of `results`.
   */
  async costAndUsage(results: unknown[]) {
    const response = await fetch(
      `${this.endpoint}/moto-api/static/ce/cost-and-usage-results`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ account_id: this.accountId, results }),
      },
    );
    if (response.status !== 201) {
      throw new Error(`moto refused the cost results: HTTP ${response.status}`);
    }
  }
}

/**
 * A GetCostAndUsage answer for last month and this month, grouped by the environment tag and by
 * service. `costs` maps environment name (`''` for untagged) to { service: [lastMonth, monthToDate] }.
 */
export function costAndUsageResult(
  periods: { lastMonthStart: string; monthStart: string; tomorrow: string },
  costs: Record<string, Record<string, [number, number]>>,
) {
  const groups = (index: 0 | 1) =>
    Object.entries(costs).flatMap(([environment, services]) =>
      Object.entries(services).map(([service, amounts]) => ({
        Keys: [`${TAG_ENVIRONMENT}$${environment}`, service],
        Metrics: {
          UnblendedCost: { Amount: String(amounts[index]), Unit: 'USD' },
        },
      })),
    );
  return {
    ResultsByTime: [
      {
        TimePeriod: { Start: periods.lastMonthStart, End: periods.monthStart },
        Total: {},
        Groups: groups(0),
        Estimated: false,
      },
      {
        TimePeriod: { Start: periods.monthStart, End: periods.tomorrow },
        Total: {},
        Groups: groups(1),
        Estimated: true,
      },
    ],
    DimensionValueAttributes: [],
  };
}
