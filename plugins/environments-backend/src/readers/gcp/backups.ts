import type { ResourceItem } from '@terrace/plugin-environments-common';
import type {
  BackupFacts,
  BackupsByEnvironment,
  ResourcesByEnvironment,
} from '../types';
import { paginateGoogle, type GcpClient } from './client';
import { CLOUD_SQL_INSTANCE, resourceId, STORAGE_BUCKET } from './resources';

/**
 * A Cloud SQL instance (the fields read here), as documented at
 * cloud.google.com/sql/docs/postgres/admin-api/rest/v1/instances#DatabaseInstance.
 */
interface DatabaseInstance {
  name?: string;
  settings?: {
    backupConfiguration?: {
      enabled?: boolean;
      pointInTimeRecoveryEnabled?: boolean;
      transactionLogRetentionDays?: number;
      backupRetentionSettings?: {
        retentionUnit?: string;
        retainedBackups?: number;
      };
    };
  };
}

/**
 * A Cloud SQL backup run (the fields read here), as documented at
 * cloud.google.com/sql/docs/postgres/admin-api/rest/v1/backupRuns#BackupRun.
 */
interface BackupRun {
  instance?: string;
  status?: string;
  type?: 'AUTOMATED' | 'ON_DEMAND' | string;
  startTime?: string;
  endTime?: string;
  windowStartTime?: string;
}

/**
 * A bucket (the fields read here), as documented at
 * cloud.google.com/storage/docs/json_api/v1/buckets#resource.
 */
interface Bucket {
  name?: string;
  versioning?: { enabled?: boolean };
  lifecycle?: { rule?: unknown[] };
}

function newer(a: string | undefined, b: string | undefined) {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/**
 * Cloud SQL keeps `retainedBackups` automated backups, one a day (retention unit COUNT, the only
 * unit the API offers; default 7), so that count is the retention in days. Backups off: 0.
 */
function retentionDays(instance: DatabaseInstance): number {
  const config = instance.settings?.backupConfiguration;
  if (!config?.enabled) return 0;
  return config.backupRetentionSettings?.retainedBackups ?? 7;
}

/**
 * Reads the backup state of the Cloud SQL instances and buckets of every environment in one
 * Google Cloud project, attributed by the resources the resources section read (Cloud Asset):
 * - Cloud SQL: `GET /v1/projects/{p}/instances` (paged; `settings.backupConfiguration`: enabled,
 *   retained backups, point-in-time recovery and its `transactionLogRetentionDays`) and
 *   `GET /v1/projects/{p}/instances/-/backupRuns` (`-` = every instance of the project, paged):
 *   the newest successful AUTOMATED and ON_DEMAND run per instance, by end time.
 * - Cloud Storage: `GET /storage/v1/b?project={p}` (paged): versioning and lifecycle rules.
 * So it is three paged listings per project whatever the number of environments; a listing is
 * skipped when no resource of its kind is labelled. Memorystore for Redis has no backup runs
 * to read (its RDB snapshots are not listed by the API), so caches are not shown here.
 * Errors: `SectionReadError` naming roles/cloudsql.viewer or roles/storage.bucketViewer on 403.
 */
export async function readGcpBackups(
  client: GcpClient,
  project: string,
  tagged: ResourcesByEnvironment,
  signal?: AbortSignal,
): Promise<BackupsByEnvironment> {
  const p = encodeURIComponent(project);
  const instances = new Map<
    string,
    { environment: string; item: ResourceItem }
  >();
  const buckets = new Map<
    string,
    { environment: string; item: ResourceItem }
  >();
  for (const [environment, items] of Object.entries(tagged)) {
    for (const item of items) {
      if (item.type === CLOUD_SQL_INSTANCE)
        instances.set(resourceId(item.id), { environment, item });
      if (item.type === STORAGE_BUCKET)
        buckets.set(resourceId(item.id), { environment, item });
    }
  }
  const result: BackupsByEnvironment = {};
  const add = (environment: string, facts: BackupFacts) =>
    (result[environment] ??= []).push(facts);

  const cloudSql = async () => {
    if (instances.size === 0) return;
    const runs = new Map<
      string,
      { automated?: string; manual?: string; count: number }
    >();
    const found: DatabaseInstance[] = [];
    await Promise.all([
      paginateGoogle<{ items?: DatabaseInstance[]; nextPageToken?: string }>(
        pageToken =>
          client.request({
            api: 'sqlAdmin',
            what: 'instances.list',
            project,
            url: client.url('sqlAdmin', `/v1/projects/${p}/instances`, {
              maxResults: 500,
              pageToken,
            }),
            signal,
          }),
        page => page.nextPageToken,
        page => found.push(...(page.items ?? [])),
      ),
      paginateGoogle<{ items?: BackupRun[]; nextPageToken?: string }>(
        pageToken =>
          client.request({
            api: 'sqlAdmin',
            what: 'backupRuns.list',
            project,
            url: client.url(
              'sqlAdmin',
              `/v1/projects/${p}/instances/-/backupRuns`,
              { maxResults: 500, pageToken },
            ),
            signal,
          }),
        page => page.nextPageToken,
        page => {
          for (const run of page.items ?? []) {
            if (!run.instance) continue;
            const entry = runs.get(run.instance) ?? { count: 0 };
            if (run.status === 'SUCCESSFUL') {
              entry.count += 1;
              const at = run.endTime ?? run.startTime;
              if (run.type === 'AUTOMATED')
                entry.automated = newer(entry.automated, at);
              else entry.manual = newer(entry.manual, at);
            }
            runs.set(run.instance, entry);
          }
        },
      ),
    ]);
    for (const instance of found) {
      const owner = instance.name ? instances.get(instance.name) : undefined;
      if (!owner || !instance.name) continue;
      const run = runs.get(instance.name) ?? { count: 0 };
      const facts: BackupFacts = {
        component: owner.item.component ?? instance.name,
        kind: 'postgres',
        resource: instance.name,
        retentionDays: retentionDays(instance),
        snapshotCount: run.count,
      };
      if (run.automated) facts.latestAutomatedSnapshotAt = run.automated;
      if (run.manual) facts.latestManualSnapshotAt = run.manual;
      add(owner.environment, facts);
    }
  };

  const storage = async () => {
    if (buckets.size === 0) return;
    await paginateGoogle<{ items?: Bucket[]; nextPageToken?: string }>(
      pageToken =>
        client.request({
          api: 'storage',
          what: 'buckets.list',
          project,
          url: client.url('storage', '/storage/v1/b', {
            project,
            maxResults: 1000,
            fields: 'items(name,versioning,lifecycle),nextPageToken',
            pageToken,
          }),
          signal,
        }),
      page => page.nextPageToken,
      page => {
        for (const bucket of page.items ?? []) {
          const owner = bucket.name ? buckets.get(bucket.name) : undefined;
          if (!owner || !bucket.name) continue;
          add(owner.environment, {
            component: owner.item.component ?? bucket.name,
            kind: 'bucket',
            resource: bucket.name,
            versioning: bucket.versioning?.enabled === true,
            lifecycle: (bucket.lifecycle?.rule ?? []).length > 0,
          });
        }
      },
    );
  };

  await Promise.all([cloudSql(), storage()]);
  for (const facts of Object.values(result)) {
    facts.sort(
      (a, b) =>
        a.component.localeCompare(b.component) ||
        a.resource.localeCompare(b.resource),
    );
  }
  return result;
}
