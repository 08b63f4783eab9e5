import {
  TAG_COMPONENT,
  TAG_ENVIRONMENT,
  type ResourceCategory,
  type ResourceItem,
} from '@terrace/plugin-environments-common';
import type { ResourcesByEnvironment } from '../types';
import type { AzureManagementClient } from './client';

/** Resource Graph's REST API version (Resources - Resources, 2022-10-01). */
export const RESOURCE_GRAPH_API_VERSION = '2022-10-01';

/**
 * The Azure resource types Terrace generates, by Resource Graph's lower-case type: the type as
 * Azure spells it and, for what the cards picture, what it is in neutral terms. Other types are
 * shown as Resource Graph gives them.
 */
const TYPES: Record<string, { type: string; category?: ResourceCategory }> = {
  'microsoft.dbforpostgresql/flexibleservers': {
    type: 'Microsoft.DBforPostgreSQL/flexibleServers',
    category: 'database',
  },
  'microsoft.cache/redisenterprise': {
    type: 'Microsoft.Cache/redisEnterprise',
    category: 'cache',
  },
  'microsoft.storage/storageaccounts': {
    type: 'Microsoft.Storage/storageAccounts',
    category: 'bucket',
  },
  'microsoft.cdn/profiles': { type: 'Microsoft.Cdn/profiles', category: 'cdn' },
  'microsoft.cdn/profiles/afdendpoints': {
    type: 'Microsoft.Cdn/profiles/afdEndpoints',
    category: 'cdn',
  },
  'microsoft.app/containerapps': {
    type: 'Microsoft.App/containerApps',
    category: 'service',
  },
  'microsoft.app/managedenvironments': {
    type: 'Microsoft.App/managedEnvironments',
    category: 'compute',
  },
  'microsoft.compute/virtualmachinescalesets': {
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    category: 'compute',
  },
  'microsoft.network/loadbalancers': {
    type: 'Microsoft.Network/loadBalancers',
    category: 'load-balancer',
  },
  'microsoft.keyvault/vaults': {
    type: 'Microsoft.KeyVault/vaults',
    category: 'secret',
  },
  'microsoft.containerregistry/registries': {
    type: 'Microsoft.ContainerRegistry/registries',
    category: 'registry',
  },
  'microsoft.operationalinsights/workspaces': {
    type: 'Microsoft.OperationalInsights/workspaces',
    category: 'monitoring',
  },
  'microsoft.insights/metricalerts': {
    type: 'Microsoft.Insights/metricAlerts',
    category: 'monitoring',
  },
  'microsoft.insights/actiongroups': {
    type: 'Microsoft.Insights/actionGroups',
    category: 'monitoring',
  },
  'microsoft.insights/autoscalesettings': {
    type: 'Microsoft.Insights/autoscaleSettings',
  },
  'microsoft.network/virtualnetworks': {
    type: 'Microsoft.Network/virtualNetworks',
  },
  'microsoft.network/networksecuritygroups': {
    type: 'Microsoft.Network/networkSecurityGroups',
  },
  'microsoft.network/natgateways': { type: 'Microsoft.Network/natGateways' },
  'microsoft.network/publicipaddresses': {
    type: 'Microsoft.Network/publicIPAddresses',
  },
  'microsoft.network/privateendpoints': {
    type: 'Microsoft.Network/privateEndpoints',
  },
  'microsoft.network/privatednszones': {
    type: 'Microsoft.Network/privateDnsZones',
  },
  'microsoft.network/privatednszones/virtualnetworklinks': {
    type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  },
  'microsoft.managedidentity/userassignedidentities': {
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  },
};

/** The Azure type of a resource as Azure spells it (Resource Graph answers in lower case). */
export function azureType(type: string): string {
  return TYPES[type.toLowerCase()]?.type ?? type;
}

/** The resource's page in the Azure portal. */
export function portalUrl(resourceId: string): string {
  return `https://portal.azure.com/#resource${resourceId}/overview`;
}

/**
 * The query: every resource of the subscription that carries the `terrace:environment` tag, with
 * its tags. Resource Graph holds the tags of ARM resources (not of blob containers: a bucket is
 * seen through its storage account).
 */
export const RESOURCES_QUERY = [
  'resources',
  `| where isnotempty(tostring(tags['${TAG_ENVIRONMENT}']))`,
  '| project id, name, type, location, resourceGroup, tags',
  '| order by id asc',
].join('\n');

/** One row of the query's answer (`resultFormat: objectArray`). */
interface ResourceRow {
  id?: string;
  name?: string;
  type?: string;
  location?: string;
  resourceGroup?: string;
  tags?: Record<string, string> | null;
}

/** Resource Graph's answer (QueryResponse). */
interface QueryResponse {
  totalRecords?: number;
  count?: number;
  resultTruncated?: string;
  $skipToken?: string;
  data?: ResourceRow[];
}

/**
 * Runs one Resource Graph query (`POST /providers/Microsoft.ResourceGraph/resources`, paged with
 * `$skipToken`, 1000 rows a page) over one subscription and returns its rows.
 */
export async function queryResourceGraph<R>(
  client: AzureManagementClient,
  subscriptionId: string,
  query: string,
  signal?: AbortSignal,
): Promise<R[]> {
  const rows: R[] = [];
  let skipToken: string | undefined;
  do {
    const page = await client.send<QueryResponse & { data?: R[] }>(
      {
        subscriptionId,
        operation: 'Microsoft.ResourceGraph/resources/read',
        role: 'Reader',
      },
      {
        method: 'POST',
        pathOrUrl: '/providers/Microsoft.ResourceGraph/resources',
        apiVersion: RESOURCE_GRAPH_API_VERSION,
        body: {
          subscriptions: [subscriptionId],
          query,
          options: {
            resultFormat: 'objectArray',
            $top: 1000,
            ...(skipToken ? { $skipToken: skipToken } : {}),
          },
        },
        signal,
      },
    );
    rows.push(...(page?.data ?? []));
    skipToken = page?.$skipToken || undefined;
  } while (skipToken);
  return rows;
}

/**
 * Reads every resource tagged `terrace:environment` in one subscription with one Resource Graph
 * query (paged) and attributes each to its environment by the tag; the component is the
 * `terrace:component` tag. One query serves every environment of the subscription, in every
 * region, however many there are.
 */
export async function readResources(
  client: AzureManagementClient,
  subscriptionId: string,
  signal?: AbortSignal,
): Promise<ResourcesByEnvironment> {
  const rows = await queryResourceGraph<ResourceRow>(
    client,
    subscriptionId,
    RESOURCES_QUERY,
    signal,
  );
  const result: ResourcesByEnvironment = {};
  for (const row of rows) {
    const environment = row.tags?.[TAG_ENVIRONMENT];
    if (!row.id || !environment) continue;
    const known = TYPES[(row.type ?? '').toLowerCase()];
    const item: ResourceItem = {
      id: row.id,
      type: known?.type ?? row.type ?? 'unknown',
      name: row.name || row.id.split('/').pop() || row.id,
      consoleUrl: portalUrl(row.id),
    };
    if (known?.category) item.category = known.category;
    const component = row.tags?.[TAG_COMPONENT];
    if (component) item.component = component;
    (result[environment] ??= []).push(item);
  }
  for (const items of Object.values(result)) {
    items.sort(
      (a, b) =>
        (a.component ?? '').localeCompare(b.component ?? '') ||
        a.type.localeCompare(b.type) ||
        a.name.localeCompare(b.name),
    );
  }
  return result;
}
