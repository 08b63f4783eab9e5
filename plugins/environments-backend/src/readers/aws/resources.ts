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
import {
  DEFAULT_MEMBERSHIP_BUDGET,
  memoryMembershipStore,
  refreshMembership,
  RESOURCES_PER_PAGE,
  type Listing,
  type MembershipBudget,
  type MembershipStore,
} from './membership';

/**
 * Lists resources tagged `terrace:environment` in one account and region with the Resource Groups
 * Tagging API (GetResources, every page) and attributes each to its environment by the tag: every
 * tagged resource, or with `names` only those of the environments named (a tag filter on their
 * names, at most 20). Items are sorted by component, type and name.
 */
export async function listTaggedResources(
  clients: AwsClients,
  signal?: AbortSignal,
  names?: string[],
): Promise<Listing> {
  const where = { accountId: clients.accountId, region: clients.region };
  const result: ResourcesByEnvironment = {};
  let pages = 0;
  const fetchPage = (token: string | undefined) => {
    pages++;
    return awsCall('tag:GetResources', where, () =>
      clients.tagging.send(
        new GetResourcesCommand({
          TagFilters: [
            names
              ? { Key: TAG_ENVIRONMENT, Values: names }
              : { Key: TAG_ENVIRONMENT },
          ],
          ResourcesPerPage: RESOURCES_PER_PAGE,
          PaginationToken: token || undefined,
        }),
        { abortSignal: signal },
      ),
    );
  };
  let fullPage: number | undefined;
  const onPage = (page: GetResourcesCommandOutput) => {
    const size = page.ResourceTagMappingList?.length ?? 0;
    if (page.PaginationToken && size > 0) {
      fullPage = Math.max(fullPage ?? 0, size);
    }
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
  return { byEnvironment: result, pages, ...(fullPage ? { fullPage } : {}) };
}

/**
 * The resources of every environment in one account and region, by environment: membership read
 * through the bounded refresh of `membership.ts` (one full listing when nothing is stored, then
 * new environments at once and older membership a page budget per refresh). Each item carries
 * `listedAt`. `options.environments`: the names callers want in this place.
 */
export async function readResources(
  clients: AwsClients,
  signal?: AbortSignal,
  options: {
    environments?: string[];
    discoverOnly?: boolean;
    store?: MembershipStore;
    budget?: MembershipBudget;
    now?: () => Date;
  } = {},
): Promise<ResourcesByEnvironment> {
  return refreshMembership({
    place: { accountId: clients.accountId, region: clients.region },
    environments: options.environments,
    discoverOnly: options.discoverOnly,
    store: options.store ?? memoryMembershipStore(),
    budget: options.budget ?? DEFAULT_MEMBERSHIP_BUDGET,
    now: (options.now ?? (() => new Date()))(),
    listAll: () => listTaggedResources(clients, signal),
    listNamed: names => listTaggedResources(clients, signal, names),
  });
}
