import {
  LABEL_COMPONENT,
  LABEL_ENVIRONMENT,
  type ResourceCategory,
  type ResourceItem,
} from '@terrace/plugin-environments-common';
import type { ResourcesByEnvironment } from '../types';
import { paginateGoogle, type GcpClient } from './client';

/**
 * One result of Cloud Asset `searchAllResources` (the fields read here), as documented at
 * cloud.google.com/asset-inventory/docs/reference/rest/v1/TopLevel/searchAllResources#resourcesearchresult.
 */
interface ResourceSearchResult {
  /** Full resource name, e.g. `//sqladmin.googleapis.com/projects/p/instances/i`. */
  name?: string;
  /** e.g. `sqladmin.googleapis.com/Instance`. */
  assetType?: string;
  displayName?: string;
  location?: string;
  labels?: Record<string, string>;
}

interface SearchAllResourcesResponse {
  results?: ResourceSearchResult[];
  nextPageToken?: string;
}

/** What each Cloud Asset type Terrace creates is, in neutral terms. */
const CATEGORIES: Record<string, ResourceCategory> = {
  'sqladmin.googleapis.com/Instance': 'database',
  'redis.googleapis.com/Instance': 'cache',
  'storage.googleapis.com/Bucket': 'bucket',
  'compute.googleapis.com/BackendBucket': 'cdn',
  'compute.googleapis.com/BackendService': 'load-balancer',
  'compute.googleapis.com/UrlMap': 'load-balancer',
  'compute.googleapis.com/TargetHttpsProxy': 'load-balancer',
  'compute.googleapis.com/GlobalForwardingRule': 'load-balancer',
  'compute.googleapis.com/ForwardingRule': 'load-balancer',
  'run.googleapis.com/Service': 'service',
  'compute.googleapis.com/Instance': 'compute',
  'compute.googleapis.com/InstanceGroupManager': 'compute',
  'compute.googleapis.com/InstanceTemplate': 'compute',
  'compute.googleapis.com/Autoscaler': 'compute',
  'secretmanager.googleapis.com/Secret': 'secret',
  'monitoring.googleapis.com/AlertPolicy': 'monitoring',
  'artifactregistry.googleapis.com/Repository': 'registry',
};

/** The Cloud Asset type of the Cloud SQL instances the backups reader reads. */
export const CLOUD_SQL_INSTANCE = 'sqladmin.googleapis.com/Instance';
/** The Cloud Asset type of the buckets the backups reader reads. */
export const STORAGE_BUCKET = 'storage.googleapis.com/Bucket';

/** The last segment of a full resource name (the instance, bucket or service id). */
export function resourceId(fullName: string): string {
  const parts = fullName.split('/');
  return parts[parts.length - 1] || fullName;
}

/** A link to the resource in the Google Cloud console, for the types Terrace creates. */
function consoleUrl(
  assetType: string,
  fullName: string,
  location: string | undefined,
  project: string,
): string | undefined {
  const id = encodeURIComponent(resourceId(fullName));
  const p = `project=${encodeURIComponent(project)}`;
  const base = 'https://console.cloud.google.com';
  switch (assetType) {
    case 'sqladmin.googleapis.com/Instance':
      return `${base}/sql/instances/${id}/overview?${p}`;
    case 'storage.googleapis.com/Bucket':
      return `${base}/storage/browser/${id}?${p}`;
    case 'run.googleapis.com/Service':
      return location ? `${base}/run/detail/${location}/${id}?${p}` : undefined;
    case 'redis.googleapis.com/Instance':
      return location
        ? `${base}/memorystore/redis/locations/${location}/instances/${id}/details?${p}`
        : undefined;
    case 'secretmanager.googleapis.com/Secret':
      return `${base}/security/secret-manager/secret/${id}?${p}`;
    case 'artifactregistry.googleapis.com/Repository':
      return location
        ? `${base}/artifacts/docker/${encodeURIComponent(
            project,
          )}/${location}/${id}?${p}`
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Reads every resource labelled `terrace-environment` in one Google Cloud project with Cloud
 * Asset `searchAllResources` (`GET /v1/projects/{project}:searchAllResources`, query
 * `labels.terrace-environment:*`, 500 per page, paged by `pageToken`) and attributes each to its
 * environment by that label, its component by `terrace-component`. One paged search serves every
 * environment and every region of the project (regional and global resources alike); the readers
 * share it across the regions of a refresh (see `ProjectShare`).
 * Errors: `SectionReadError` naming roles/cloudasset.viewer on 403.
 */
export async function readGcpResources(
  client: GcpClient,
  project: string,
  signal?: AbortSignal,
): Promise<ResourcesByEnvironment> {
  const result: ResourcesByEnvironment = {};
  await paginateGoogle<SearchAllResourcesResponse>(
    pageToken =>
      client.request({
        api: 'cloudAsset',
        what: 'searchAllResources',
        project,
        url: client.url(
          'cloudAsset',
          `/v1/projects/${encodeURIComponent(project)}:searchAllResources`,
          { query: `labels.${LABEL_ENVIRONMENT}:*`, pageSize: 500, pageToken },
        ),
        signal,
      }),
    page => page.nextPageToken,
    page => {
      for (const r of page.results ?? []) {
        const environment = r.labels?.[LABEL_ENVIRONMENT];
        if (!r.name || !environment) continue;
        const assetType = r.assetType ?? 'unknown';
        const item: ResourceItem = {
          id: r.name,
          type: assetType,
          name: r.displayName || resourceId(r.name),
        };
        const category = CATEGORIES[assetType];
        if (category) item.category = category;
        const component = r.labels?.[LABEL_COMPONENT];
        if (component) item.component = component;
        const url = consoleUrl(assetType, r.name, r.location, project);
        if (url) item.consoleUrl = url;
        (result[environment] ??= []).push(item);
      }
    },
  );
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
