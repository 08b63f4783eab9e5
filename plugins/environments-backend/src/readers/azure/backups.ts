import type { ResourceItem } from '@terrace/plugin-environments-common';
import type {
  BackupFacts,
  BackupsByEnvironment,
  ResourcesByEnvironment,
} from '../types';
import { both, type AzureCall, type AzureManagementClient } from './client';

/** PostgreSQL flexible server's REST API version (Servers - Get, Backups - List By Server). */
export const POSTGRES_API_VERSION = '2024-08-01';
/** Storage's REST API version (Blob Services - Get Service Properties, Management Policies - Get). */
export const STORAGE_API_VERSION = '2023-05-01';

const POSTGRES_TYPE = 'Microsoft.DBforPostgreSQL/flexibleServers';
const STORAGE_TYPE = 'Microsoft.Storage/storageAccounts';

/** A flexible server (Server), as far as backups go. */
interface FlexibleServer {
  name?: string;
  properties?: {
    backup?: {
      backupRetentionDays?: number;
      geoRedundantBackup?: string;
      earliestRestoreDate?: string;
    };
  };
}

/** One backup of a flexible server (ServerBackup). */
interface ServerBackup {
  name?: string;
  properties?: {
    /** `Full` (automatic) or `Customer On-Demand`. */
    backupType?: string;
    completedTime?: string;
    /** `Automatic` or `Customer Initiated`. */
    source?: string;
  };
}

function newer(a: string | undefined, b: string | undefined) {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const item = items[next++];
        await work(item);
      }
    },
  );
  await Promise.all(workers);
}

/**
 * Reads the backup state of the databases and buckets of every environment in one subscription:
 * each PostgreSQL flexible server's retention (Servers - Get: `backup.backupRetentionDays`; its
 * `geoRedundantBackup` has no place in BackupFacts yet and is not shown) and its backups (Backups - List By Server: newest
 * automatic and on-demand `completedTime`), and each storage account's blob versioning (Blob
 * Services - Get Service Properties: `isVersioningEnabled`) and lifecycle (Management Policies -
 * Get: an enabled rule; 404 when there is none). Buckets are blob containers, which share their
 * account's versioning and policy, so a bucket's facts are its account's. Resources are
 * attributed by the tags the resources section read; calls grow with servers and accounts, as
 * Azure answers these per resource.
 */
export async function readBackups(
  client: AzureManagementClient,
  subscriptionId: string,
  tagged: ResourcesByEnvironment,
  signal?: AbortSignal,
): Promise<BackupsByEnvironment> {
  const owned: { environment: string; item: ResourceItem }[] = [];
  for (const [environment, items] of Object.entries(tagged)) {
    for (const item of items) owned.push({ environment, item });
  }
  const reader: AzureCall = {
    subscriptionId,
    operation: '',
    role: 'Reader',
  };
  const result: BackupsByEnvironment = {};
  const add = (environment: string, facts: BackupFacts) =>
    (result[environment] ??= []).push(facts);
  const targets = owned.filter(
    o => o.item.type === POSTGRES_TYPE || o.item.type === STORAGE_TYPE,
  );

  await eachLimited(targets, 8, async ({ environment, item }) => {
    if (item.type === POSTGRES_TYPE) {
      const [server, backups] = await both(
        client.send<FlexibleServer>(
          {
            ...reader,
            operation: 'Microsoft.DBforPostgreSQL/flexibleServers/read',
          },
          {
            method: 'GET',
            pathOrUrl: item.id,
            apiVersion: POSTGRES_API_VERSION,
            signal,
          },
        ),
        client.list<ServerBackup>(
          {
            ...reader,
            operation: 'Microsoft.DBforPostgreSQL/flexibleServers/backups/read',
          },
          `${item.id}/backups`,
          POSTGRES_API_VERSION,
          signal,
        ),
      );
      let automated: string | undefined;
      let manual: string | undefined;
      for (const backup of backups) {
        const at = backup.properties?.completedTime;
        if (!at) continue;
        const iso = new Date(at).toISOString();
        if (backup.properties?.source === 'Automatic') {
          automated = newer(automated, iso);
        } else {
          manual = newer(manual, iso);
        }
      }
      add(environment, {
        component: item.component ?? item.name,
        kind: 'postgres',
        resource: item.name,
        retentionDays: server?.properties?.backup?.backupRetentionDays ?? 0,
        latestAutomatedSnapshotAt: automated,
        latestManualSnapshotAt: manual,
        snapshotCount: backups.length,
      });
      return;
    }
    const [service, policy] = await both(
      client.send<{ properties?: { isVersioningEnabled?: boolean } }>(
        {
          ...reader,
          operation: 'Microsoft.Storage/storageAccounts/blobServices/read',
        },
        {
          method: 'GET',
          pathOrUrl: `${item.id}/blobServices/default`,
          apiVersion: STORAGE_API_VERSION,
          signal,
        },
      ),
      client.send<{
        properties?: { policy?: { rules?: { enabled?: boolean }[] } };
      }>(
        {
          ...reader,
          operation:
            'Microsoft.Storage/storageAccounts/managementPolicies/read',
        },
        {
          method: 'GET',
          pathOrUrl: `${item.id}/managementPolicies/default`,
          apiVersion: STORAGE_API_VERSION,
          allowNotFound: true,
          signal,
        },
      ),
    );
    add(environment, {
      component: item.component ?? item.name,
      kind: 'bucket',
      resource: item.name,
      versioning: service?.properties?.isVersioningEnabled === true,
      lifecycle: (policy?.properties?.policy?.rules ?? []).some(
        r => r.enabled !== false,
      ),
    });
  });

  for (const facts of Object.values(result)) {
    facts.sort(
      (a, b) =>
        a.component.localeCompare(b.component) ||
        a.resource.localeCompare(b.resource),
    );
  }
  return result;
}
