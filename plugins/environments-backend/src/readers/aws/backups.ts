import {
  DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
} from '@aws-sdk/client-elasticache';
import {
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
} from '@aws-sdk/client-rds';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
} from '@aws-sdk/client-s3';
import type { ResourceItem } from '@terrace/plugin-environments-common';
import { parseArn } from './arn';
import {
  DEFAULT_BUCKET_SETTINGS_BUDGET,
  memoryBucketSettingsStore,
  refreshBucketSettings,
  type BucketSettingsBudget,
  type BucketSettingsStore,
} from './bucketSettings';
import type { AwsClients } from './clients';
import { awsCall } from './errors';
import { paginate } from './paginate';
import type {
  BackupFacts,
  BackupsByEnvironment,
  ResourcesByEnvironment,
} from '../types';

function iso(value: Date | string | undefined): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

function newer(a: string | undefined, b: string | undefined) {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/**
 * Reads the backup state of the databases, caches and buckets of every environment in one account
 * and region: RDS (retention, latest restorable time, latest automated and manual snapshot),
 * ElastiCache (snapshot retention, latest snapshot), S3 (versioning, lifecycle). Resources are
 * attributed to environments by the tagging answer the resources section already read, so the
 * RDS and ElastiCache calls are one paginated listing each, whatever the number of environments;
 * S3 answers per bucket, so bucket settings go through the bounded refresh of `bucketSettings.ts`
 * (each bucket's facts carry `settingsReadAt`).
 */
export async function readBackups(
  clients: AwsClients,
  tagged: ResourcesByEnvironment,
  signal?: AbortSignal,
  buckets: {
    store?: BucketSettingsStore;
    budget?: BucketSettingsBudget;
    now?: () => Date;
  } = {},
): Promise<BackupsByEnvironment> {
  const where = { accountId: clients.accountId, region: clients.region };
  const opts = { abortSignal: signal };
  const owners = new Map<string, { environment: string; item: ResourceItem }>();
  for (const [environment, items] of Object.entries(tagged)) {
    for (const item of items) {
      owners.set(item.id, { environment, item });
    }
  }
  const kinds = new Set([...owners.values()].map(o => o.item.type));
  const result: BackupsByEnvironment = {};
  const add = (environment: string, facts: BackupFacts) =>
    (result[environment] ??= []).push(facts);

  const rds = async () => {
    if (!kinds.has('rds:db')) return;
    const snapshots = new Map<
      string,
      { automated?: string; manual?: string }
    >();
    await paginate(
      marker =>
        awsCall('rds:DescribeDBSnapshots', where, () =>
          clients.rds.send(
            new DescribeDBSnapshotsCommand({ MaxRecords: 100, Marker: marker }),
            opts,
          ),
        ),
      page => page.Marker,
      page => {
        for (const s of page.DBSnapshots ?? []) {
          if (!s.DBInstanceIdentifier || !s.SnapshotCreateTime) continue;
          const entry = snapshots.get(s.DBInstanceIdentifier) ?? {};
          const at = iso(s.SnapshotCreateTime);
          if (s.SnapshotType === 'automated')
            entry.automated = newer(entry.automated, at);
          else entry.manual = newer(entry.manual, at);
          snapshots.set(s.DBInstanceIdentifier, entry);
        }
      },
    );
    await paginate(
      marker =>
        awsCall('rds:DescribeDBInstances', where, () =>
          clients.rds.send(
            new DescribeDBInstancesCommand({ MaxRecords: 100, Marker: marker }),
            opts,
          ),
        ),
      page => page.Marker,
      page => {
        for (const db of page.DBInstances ?? []) {
          const owner = db.DBInstanceArn
            ? owners.get(db.DBInstanceArn)
            : undefined;
          if (!owner || !db.DBInstanceIdentifier) continue;
          const snap = snapshots.get(db.DBInstanceIdentifier) ?? {};
          add(owner.environment, {
            component: owner.item.component ?? db.DBInstanceIdentifier,
            kind: 'postgres',
            resource: db.DBInstanceIdentifier,
            retentionDays: db.BackupRetentionPeriod ?? 0,
            latestRestorableTime: iso(db.LatestRestorableTime),
            latestAutomatedSnapshotAt: snap.automated,
            latestManualSnapshotAt: snap.manual,
          });
        }
      },
    );
  };

  const elasticache = async () => {
    if (!kinds.has('elasticache:replicationgroup')) return;
    const snapshots = new Map<
      string,
      { automated?: string; manual?: string; count: number }
    >();
    await paginate(
      marker =>
        awsCall('elasticache:DescribeSnapshots', where, () =>
          clients.elasticache.send(
            new DescribeSnapshotsCommand({ MaxRecords: 50, Marker: marker }),
            opts,
          ),
        ),
      page => page.Marker,
      page => {
        for (const s of page.Snapshots ?? []) {
          const group = s.ReplicationGroupId ?? s.CacheClusterId;
          if (!group) continue;
          const at = (s.NodeSnapshots ?? [])
            .map(n => iso(n.SnapshotCreateTime))
            .reduce<string | undefined>(newer, undefined);
          const entry = snapshots.get(group) ?? { count: 0 };
          entry.count += 1;
          if (s.SnapshotSource === 'automated')
            entry.automated = newer(entry.automated, at);
          else entry.manual = newer(entry.manual, at);
          snapshots.set(group, entry);
        }
      },
    );
    await paginate(
      marker =>
        awsCall('elasticache:DescribeReplicationGroups', where, () =>
          clients.elasticache.send(
            new DescribeReplicationGroupsCommand({
              MaxRecords: 100,
              Marker: marker,
            }),
            opts,
          ),
        ),
      page => page.Marker,
      page => {
        for (const group of page.ReplicationGroups ?? []) {
          const owner = group.ARN ? owners.get(group.ARN) : undefined;
          if (!owner || !group.ReplicationGroupId) continue;
          const snap = snapshots.get(group.ReplicationGroupId) ?? { count: 0 };
          add(owner.environment, {
            component: owner.item.component ?? group.ReplicationGroupId,
            kind: 'redis',
            resource: group.ReplicationGroupId,
            retentionDays: group.SnapshotRetentionLimit ?? 0,
            latestAutomatedSnapshotAt: snap.automated,
            latestManualSnapshotAt: snap.manual,
            snapshotCount: snap.count,
          });
        }
      },
    );
  };

  const s3 = async () => {
    const owned = [...owners.values()]
      .filter(o => o.item.type === 's3:bucket')
      .map(o => ({
        ...o,
        bucket: parseArn(o.item.id)?.resourceId ?? o.item.name,
      }));
    if (owned.length === 0) return;
    const settings = await refreshBucketSettings({
      place: where,
      buckets: owned.map(o => o.bucket),
      store: buckets.store ?? memoryBucketSettingsStore(),
      budget: buckets.budget ?? DEFAULT_BUCKET_SETTINGS_BUDGET,
      now: (buckets.now ?? (() => new Date()))(),
      read: async bucket => {
        const versioning = await awsCall('s3:GetBucketVersioning', where, () =>
          clients.s3.send(
            new GetBucketVersioningCommand({ Bucket: bucket }),
            opts,
          ),
        );
        let lifecycle = false;
        try {
          const rules = await clients.s3.send(
            new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }),
            opts,
          );
          lifecycle = (rules.Rules ?? []).some(r => r.Status === 'Enabled');
        } catch (e) {
          if ((e as Error)?.name !== 'NoSuchLifecycleConfiguration') {
            await awsCall('s3:GetLifecycleConfiguration', where, () =>
              Promise.reject(e),
            );
          }
        }
        return { versioning: versioning.Status === 'Enabled', lifecycle };
      },
    });
    for (const { environment, item, bucket } of owned) {
      const read = settings[bucket];
      add(environment, {
        component: item.component ?? bucket,
        kind: 'bucket',
        resource: bucket,
        ...(read
          ? {
              versioning: read.versioning,
              lifecycle: read.lifecycle,
              settingsReadAt: read.readAt,
            }
          : {}),
      });
    }
  };

  await Promise.all([rds(), elasticache(), s3()]);
  for (const facts of Object.values(result)) {
    facts.sort(
      (a, b) =>
        a.component.localeCompare(b.component) ||
        a.resource.localeCompare(b.resource),
    );
  }
  return result;
}
