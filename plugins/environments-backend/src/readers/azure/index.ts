import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import type { Config } from '@backstage/config';
import { TAG_ENVIRONMENT } from '@terrace/plugin-environments-common';
import type { StatusReaders } from '../types';
import { readAlarms } from './alarms';
import { readBackups } from './backups';
import {
  AzureManagementClient,
  isSubscriptionId,
  readAzureClientSettings,
  type AzureCallListener,
} from './client';
import { readCost } from './cost';
import { readResources } from './resources';

export {
  AzureManagementClient,
  readAzureClientSettings,
  AZURE_MANAGEMENT_ENDPOINT,
} from './client';
export type {
  AzureCallListener,
  AzureClientSettings,
  AzureSubscription,
} from './client';

const ACCOUNT = 'the Azure subscription id (a GUID)';

/** How long one subscription's answer serves the other regions' refreshes, in milliseconds. */
const SHARE_MS = 30_000;

/**
 * Shares one read per subscription between the status service's batches, which are per (account,
 * region): Azure's listings cover a whole subscription, so an environment in eastus and one in
 * westeurope of the same subscription are served by one call. Failures are not kept.
 */
class PerSubscription {
  private readonly reads = new Map<
    string,
    { at: number; read: Promise<unknown> }
  >();

  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const held = this.reads.get(key);
    if (held && now - held.at < SHARE_MS) return held.read as Promise<T>;
    const fresh = read();
    this.reads.set(key, { at: now, read: fresh });
    fresh.catch(() => {
      if (this.reads.get(key)?.read === fresh) this.reads.delete(key);
    });
    return fresh;
  }
}

/**
 * The Azure status readers: Azure Resource Graph (resources), metric alerts and fired alert
 * instances (alarms), PostgreSQL flexible server backups and storage blob versioning / lifecycle
 * (backups) and Cost Management (cost), read per subscription through one
 * {@link AzureManagementClient}. The entity's `terrace.dev/account-id` holds the subscription id.
 * Recovery Services vaults are not read: Terrace generates none.
 * @public
 */
export function createAzureStatusReaders(
  client: AzureManagementClient,
): StatusReaders {
  const shared = new PerSubscription();
  return {
    cloud: 'azure',
    displayName: 'Azure',
    accountHint: ACCOUNT,
    locate(accountId, entityRef) {
      return isSubscriptionId(accountId)
        ? { ok: true, accountId: accountId.toLowerCase() }
        : {
            ok: false,
            problem: `The annotation terrace.dev/account-id of ${entityRef} is "${accountId}"; set it to ${ACCOUNT}`,
          };
    },
    configure: {
      resources: `Set the terrace.dev/cloud, terrace.dev/region and terrace.dev/account-id (subscription id) annotations on this entity, list the subscription under environments.azure.subscriptions in app-config, and grant the Backstage backend's identity the Reader role on it (Azure Resource Graph).`,
      alarms: `Set the terrace.dev/cloud, terrace.dev/region and terrace.dev/account-id (subscription id) annotations on this entity, list the subscription under environments.azure.subscriptions in app-config, and grant the Backstage backend's identity the Monitoring Reader role on it (metric alerts and alerts).`,
      backups: `Set the terrace.dev/cloud, terrace.dev/region, terrace.dev/account-id (subscription id) and terrace.dev/tier annotations on this entity, list the subscription under environments.azure.subscriptions in app-config, and grant the Backstage backend's identity the Reader role on it (PostgreSQL flexible servers and storage accounts).`,
      cost: "Set the terrace.dev/account-id (subscription id) annotation on this entity, list the subscription under environments.azure.subscriptions in app-config, and grant the Backstage backend's identity the Cost Management Reader role on it.",
    },
    readResources: (place, signal) =>
      shared.get(`resources:${place.accountId}`, () =>
        readResources(client, place.accountId, signal),
      ),
    readAlarms: (place, signal) =>
      shared.get(`alarms:${place.accountId}`, () =>
        readAlarms(client, place.accountId, signal),
      ),
    readBackups: (place, resources, signal) =>
      shared.get(`backups:${place.accountId}`, () =>
        readBackups(client, place.accountId, resources, signal),
      ),
    readCost: (accountId, now, signal) =>
      readCost(client, accountId, now, signal),
    costTagInactive: accountId =>
      `No cost in subscription ${accountId} carries the tag ${TAG_ENVIRONMENT}, so Cost Management has no data per environment: costs are split by the tag once tagged resources are billed (Cost Management data lags by up to a day, and some services bill untagged; tag inheritance in Cost Management settings fills those from the resource group)`,
  };
}

/**
 * The Azure status readers built from app-config (`environments.azure`), with
 * `DefaultAzureCredential` (workload identity on Kubernetes, managed identity, or the
 * environment's service principal) unless a credential is given (tests).
 * @public
 */
export function azureStatusReadersFromConfig(
  config: Config,
  options: { credential?: TokenCredential; listener?: AzureCallListener } = {},
): StatusReaders {
  const settings = readAzureClientSettings(config);
  return createAzureStatusReaders(
    new AzureManagementClient(
      settings,
      options.credential ?? new DefaultAzureCredential(),
      options.listener,
    ),
  );
}
