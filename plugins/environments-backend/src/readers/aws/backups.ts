import {
  DescribeReplicationGroupsCommand,
  DescribeSnapshotsCommand,
  type DescribeReplicationGroupsCommandOutput,
  type DescribeSnapshotsCommandOutput as ElastiCacheSnapshotsOutput,
} from '@aws-sdk/client-elasticache';
import {
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  type DBInstance,
  type DescribeDBSnapshotsCommandOutput,
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
import {
  DEFAULT_KEPT_LISTING_BUDGET,
  memoryListingStore,
  refreshKeptListings,
  withUnlisted,
  type KeptListingBudget,
  type ListingSource,
  type ListingStore,
} from './keptListing';
import { paginate } from './paginate';
import type {
  BackupFacts,
  BackupsByEnvironment,
  ResourcesByEnvironment,
} from '../types';

function iso(value: Date | string | undefined): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

type DbSnap = { db: string; automated: boolean; at: string };
type CacheSnap = { group: string; automated: boolean; at?: string };
type Group = { id: string; arn: string; retentionDays: number };

function newer(a: string | undefined, b: string | undefined) {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/**
 * Reads the backup state of the databases, caches and buckets of every environment in one account
 * and region: RDS (retention, latest restorable time, latest automated and manual snapshot),
 * ElastiCache (snapshot retention, latest snapshot), S3 (versioning, lifecycle). Resources are
 * attributed to environments by the tagging answer the resources section already read. Live on
 * every refresh: DescribeDBInstances (status, retention, latest restorable time — the point-in-time
 * answer to "is this database backed up"). Kept listings (`keptListing.ts`, a page a refresh for
 * all three together, oldest first, whole when never read): DescribeDBSnapshots, ElastiCache
 * DescribeReplicationGroups (snapshot retention) and DescribeSnapshots; their facts carry
 * `settingsReadAt` = when the listing they come from started. A database the snapshot listing has
 * nothing of, or a cache the listing does not know, is read at once by identifier (once a pass). S3
 * answers per bucket, so bucket settings go through the bounded refresh of `bucketSettings.ts`
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
  kept: {
    store?: ListingStore;
    budget?: KeptListingBudget;
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

  const listingNow = (kept.now ?? buckets.now ?? (() => new Date()))();
  const dbSnapshotsOf = (page: DescribeDBSnapshotsCommandOutput): DbSnap[] =>
    (page.DBSnapshots ?? [])
      .filter(s => s.DBInstanceIdentifier && s.SnapshotCreateTime)
      .map(s => ({
        db: s.DBInstanceIdentifier!,
        automated: s.SnapshotType === 'automated',
        at: iso(s.SnapshotCreateTime)!,
      }));
  const cacheSnapshotsOf = (page: ElastiCacheSnapshotsOutput): CacheSnap[] =>
    (page.Snapshots ?? [])
      .filter(s => s.ReplicationGroupId ?? s.CacheClusterId)
      .map(s => ({
        group: (s.ReplicationGroupId ?? s.CacheClusterId)!,
        automated: s.SnapshotSource === 'automated',
        at: (s.NodeSnapshots ?? [])
          .map(n => iso(n.SnapshotCreateTime))
          .reduce<string | undefined>(newer, undefined),
      }));
  const groupsOf = (page: DescribeReplicationGroupsCommandOutput): Group[] =>
    (page.ReplicationGroups ?? [])
      .filter(g => g.ReplicationGroupId && g.ARN)
      .map(g => ({
        id: g.ReplicationGroupId!,
        arn: g.ARN!,
        retentionDays: g.SnapshotRetentionLimit ?? 0,
      }));
  const fetchDbSnapshots = (marker?: string, db?: string) =>
    awsCall('rds:DescribeDBSnapshots', where, () =>
      clients.rds.send(
        new DescribeDBSnapshotsCommand({
          MaxRecords: 100,
          Marker: marker,
          DBInstanceIdentifier: db,
        }),
        opts,
      ),
    );
  const fetchCacheSnapshots = (marker?: string, group?: string) =>
    awsCall('elasticache:DescribeSnapshots', where, () =>
      clients.elasticache.send(
        new DescribeSnapshotsCommand({
          MaxRecords: 50,
          Marker: marker,
          ReplicationGroupId: group,
        }),
        opts,
      ),
    );
  const fetchGroups = (marker?: string, group?: string) =>
    awsCall('elasticache:DescribeReplicationGroups', where, () =>
      clients.elasticache.send(
        new DescribeReplicationGroupsCommand({
          MaxRecords: 100,
          Marker: marker,
          ReplicationGroupId: group,
        }),
        opts,
      ),
    );
  const readAll = async <P, T>(
    fetchPage: (marker?: string) => Promise<P>,
    marker: (page: P) => string | undefined,
    itemsOf: (page: P) => T[],
  ) => {
    const out: T[] = [];
    await paginate(fetchPage, marker, page => out.push(...itemsOf(page)));
    return out;
  };

  // snapshot listings and snapshot retention change rarely: kept listings, a page a refresh
  // for all of them together (oldest first), each fact stamped with its listing's readAt
  const sources: ListingSource<any, any>[] = [];
  if (kinds.has('rds:db')) {
    sources.push({
      name: 'rds-snapshots',
      fetchPage: token => fetchDbSnapshots(token),
      nextToken: (p: DescribeDBSnapshotsCommandOutput) => p.Marker,
      items: dbSnapshotsOf,
    });
  }
  if (kinds.has('elasticache:replicationgroup')) {
    sources.push(
      {
        name: 'elasticache-replication-groups',
        fetchPage: token => fetchGroups(token),
        nextToken: (p: DescribeReplicationGroupsCommandOutput) => p.Marker,
        items: groupsOf,
      },
      {
        name: 'elasticache-snapshots',
        fetchPage: token => fetchCacheSnapshots(token),
        nextToken: (p: ElastiCacheSnapshotsOutput) => p.Marker,
        items: cacheSnapshotsOf,
      },
    );
  }
  const keptStore = kept.store ?? memoryListingStore();
  const listings = sources.length
    ? await refreshKeptListings({
        place: where,
        sources,
        store: keptStore,
        budget: kept.budget ?? DEFAULT_KEPT_LISTING_BUDGET,
        now: listingNow,
      })
    : {};

  const rds = async () => {
    if (!kinds.has('rds:db')) return;
    const listing = listings['rds-snapshots'];
    const instances: DBInstance[] = [];
    // instance status and the latest restorable time are live: one listing, 100 a page
    await paginate(
      marker =>
        awsCall('rds:DescribeDBInstances', where, () =>
          clients.rds.send(
            new DescribeDBInstancesCommand({ MaxRecords: 100, Marker: marker }),
            opts,
          ),
        ),
      page => page.Marker,
      page => instances.push(...(page.DBInstances ?? [])),
    );
    const owned = instances.filter(
      db => db.DBInstanceArn && owners.has(db.DBInstanceArn),
    );
    // a database the kept listing has no snapshot of (a new one): its snapshots are read at once
    const unlisted = new Set<string>();
    const all = await withUnlisted<DbSnap>({
      place: where,
      store: keptStore,
      name: 'rds-snapshots',
      ids: owned.map(db => db.DBInstanceIdentifier!).filter(Boolean),
      has: (items, id) => items.some(x => x.db === id),
      read: id => {
        unlisted.add(id);
        return readAll(
          marker => fetchDbSnapshots(marker, id),
          p => p.Marker,
          dbSnapshotsOf,
        );
      },
    });
    for (const db of owned) {
      const owner = owners.get(db.DBInstanceArn!);
      if (!owner || !db.DBInstanceIdentifier) continue;
      const snaps = all.filter(s => s.db === db.DBInstanceIdentifier);
      const readAt = unlisted.has(db.DBInstanceIdentifier)
        ? listingNow.toISOString()
        : listing.readAt;
      add(owner.environment, {
        component: owner.item.component ?? db.DBInstanceIdentifier,
        kind: 'postgres',
        resource: db.DBInstanceIdentifier,
        retentionDays: db.BackupRetentionPeriod ?? 0,
        latestRestorableTime: iso(db.LatestRestorableTime),
        latestAutomatedSnapshotAt: snaps
          .filter(x => x.automated)
          .map(x => x.at)
          .reduce<string | undefined>(newer, undefined),
        latestManualSnapshotAt: snaps
          .filter(x => !x.automated)
          .map(x => x.at)
          .reduce<string | undefined>(newer, undefined),
        settingsReadAt: readAt,
      });
    }
  };

  const elasticache = async () => {
    if (!kinds.has('elasticache:replicationgroup')) return;
    const groups = listings['elasticache-replication-groups'];
    const snapshots = listings['elasticache-snapshots'];
    const caches = [...owners.values()].filter(
      o => o.item.type === 'elasticache:replicationgroup',
    );
    const idOf = (arn: string, name: string) =>
      parseArn(arn)?.resourceId ?? name;
    // a cache the kept listings do not hold (a new environment's): read at once by identifier
    const unlisted = new Set<string>();
    const allGroups = await withUnlisted<Group>({
      place: where,
      store: keptStore,
      name: 'elasticache-replication-groups',
      ids: caches.map(o => idOf(o.item.id, o.item.name)),
      has: (items, id) => items.some(g => g.id === id),
      read: async id => {
        unlisted.add(id);
        return readAll(
          marker => fetchGroups(marker, id),
          p => p.Marker,
          groupsOf,
        ).catch(e => {
          if ((e as Error)?.name === 'ReplicationGroupNotFoundFault') return [];
          throw e;
        });
      },
    });
    const allSnapshots = await withUnlisted<CacheSnap>({
      place: where,
      store: keptStore,
      name: 'elasticache-snapshots',
      ids: [...unlisted],
      has: () => false,
      read: id =>
        readAll(
          marker => fetchCacheSnapshots(marker, id),
          p => p.Marker,
          cacheSnapshotsOf,
        ),
    });
    const byArn = new Map(allGroups.map(g => [g.arn, g]));
    for (const owner of caches) {
      const group = byArn.get(owner.item.id);
      if (!group) continue;
      const snaps = allSnapshots.filter(s => s.group === group.id);
      // the older of the two listings the facts come from
      const listedAt =
        groups.readAt < snapshots.readAt ? groups.readAt : snapshots.readAt;
      const readAt = unlisted.has(group.id)
        ? listingNow.toISOString()
        : listedAt;
      add(owner.environment, {
        component: owner.item.component ?? group.id,
        kind: 'redis',
        resource: group.id,
        retentionDays: group.retentionDays,
        latestAutomatedSnapshotAt: snaps
          .filter(x => x.automated)
          .map(x => x.at)
          .reduce<string | undefined>(newer, undefined),
        latestManualSnapshotAt: snaps
          .filter(x => !x.automated)
          .map(x => x.at)
          .reduce<string | undefined>(newer, undefined),
        snapshotCount: snaps.length,
        settingsReadAt: readAt,
      });
    }
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
