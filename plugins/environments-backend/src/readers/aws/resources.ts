import {
  GetResourcesCommand,
  type GetResourcesCommandOutput,
} from '@aws-sdk/client-resource-groups-tagging-api';
import {
  TAG_COMPONENT,
  TAG_ENVIRONMENT,
  type ResourceItem,
} from '@terrace/plugin-environments-common';
import { consoleUrl, parseArn, resourceCategory } from './arn';
import type { ResourcesByEnvironment } from '../types';
import type { AwsClients } from './clients';
import { awsCall } from './errors';
import { paginate } from './paginate';

/**
 * Reads every resource tagged `terrace:environment` in one account and region with the Resource
 * Groups Tagging API (GetResources, paginated) and attributes each to its environment by the tag.
 * One paginated call serves every environment, however many there are.
 */
export async function readResources(
  clients: AwsClients,
  signal?: AbortSignal,
): Promise<ResourcesByEnvironment> {
  const where = { accountId: clients.accountId, region: clients.region };
  const result: ResourcesByEnvironment = {};
  const fetchPage = (token: string | undefined) =>
    awsCall('tag:GetResources', where, () =>
      clients.tagging.send(
        new GetResourcesCommand({
          TagFilters: [{ Key: TAG_ENVIRONMENT }],
          ResourcesPerPage: 100,
          PaginationToken: token || undefined,
        }),
        { abortSignal: signal },
      ),
    );
  const onPage = (page: GetResourcesCommandOutput) => {
    for (const mapping of page.ResourceTagMappingList ?? []) {
      const arn = mapping.ResourceARN;
      const tags = new Map(
        (mapping.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']),
      );
      const environment = tags.get(TAG_ENVIRONMENT);
      if (!arn || !environment) {
        continue;
      }
      const parsed = parseArn(arn);
      const item: ResourceItem = {
        id: arn,
        type: parsed ? `${parsed.service}:${parsed.resourceType}` : 'unknown',
        name: tags.get('Name') || parsed?.resourceId || arn,
      };
      const category = parsed && resourceCategory(parsed);
      if (category) {
        item.category = category;
      }
      const component = tags.get(TAG_COMPONENT);
      if (component) {
        item.component = component;
      }
      const url = parsed && consoleUrl(parsed, clients.region);
      if (url) {
        item.consoleUrl = url;
      }
      (result[environment] ??= []).push(item);
    }
  };
  await paginate(fetchPage, page => page.PaginationToken, onPage);
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
