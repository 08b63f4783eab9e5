import type { CacheService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { TAG_ENVIRONMENT } from '@terrace/plugin-environments-common';
import type { StatusReaders } from '../types';
import { readAlarms } from './alarms';
import { readBackups } from './backups';
import {
  cacheBucketSettingsStore,
  DEFAULT_BUCKET_SETTINGS_BUDGET,
  memoryBucketSettingsStore,
  type BucketSettingsBudget,
  type BucketSettingsStore,
} from './bucketSettings';
import { AwsClientFactory, type AwsCallListener } from './clients';
import { readCost } from './cost';
import {
  cacheListingStore,
  DEFAULT_KEPT_LISTING_BUDGET,
  memoryListingStore,
  type KeptListingBudget,
  type ListingStore,
} from './keptListing';
import { readResources } from './resources';
import {
  cacheMembershipStore,
  DEFAULT_MEMBERSHIP_BUDGET,
  memoryMembershipStore,
  type MembershipBudget,
  type MembershipStore,
} from './membership';

export { AwsClientFactory } from './clients';
export {
  cacheBucketSettingsStore,
  memoryBucketSettingsStore,
  DEFAULT_BUCKET_SETTINGS_BUDGET,
} from './bucketSettings';
export type {
  BucketSettings,
  BucketSettingsBudget,
  BucketSettingsStore,
} from './bucketSettings';
export type { AwsCallListener, AwsClientSettings } from './clients';
export {
  cacheListingStore,
  memoryListingStore,
  DEFAULT_KEPT_LISTING_BUDGET,
} from './keptListing';
export type {
  KeptListing,
  KeptListingBudget,
  ListingStore,
} from './keptListing';
export {
  cacheMembershipStore,
  memoryMembershipStore,
  DEFAULT_MEMBERSHIP_BUDGET,
} from './membership';
export type {
  EnvironmentMembership,
  PlaceMembership,
  MembershipBudget,
  MembershipStore,
} from './membership';

const ACCOUNT = 'the 12-digit AWS account id';

/**
 * The AWS status readers: the Resource Groups Tagging API, CloudWatch alarms, RDS / ElastiCache /
 * S3 backups and Cost Explorer, with clients per account from the `aws` integration config
 * (`aws.mainAccount`, `aws.accounts`, `aws.accountDefaults`) and `environments.aws`.
 * @public
 */
export function createAwsStatusReaders(
  clients: AwsClientFactory,
  options: {
    /** Where bucket settings are kept between refreshes; default this process's memory. */
    bucketSettings?: BucketSettingsStore;
    /** How many bucket settings calls a refresh may make; default {@link DEFAULT_BUCKET_SETTINGS_BUDGET}. */
    bucketSettingsBudget?: BucketSettingsBudget;
    /** Where resource membership is kept between refreshes; default this process's memory. */
    membership?: MembershipStore;
    /** How many Tagging API pages a refresh may spend; default {@link DEFAULT_MEMBERSHIP_BUDGET}. */
    membershipBudget?: MembershipBudget;
    /**
     * Where kept listings (alarm definitions, snapshot listings, snapshot retention) are kept
     * between refreshes; default this process's memory.
     */
    listings?: ListingStore;
    /** Pages a refresh may spend on kept listings; default {@link DEFAULT_KEPT_LISTING_BUDGET}. */
    listingBudget?: KeptListingBudget;
    /** The clock bucket settings and membership are stamped with (tests). */
    now?: () => Date;
  } = {},
): StatusReaders {
  const membership = {
    store: options.membership ?? memoryMembershipStore(),
    budget: options.membershipBudget ?? DEFAULT_MEMBERSHIP_BUDGET,
    now: options.now,
  };
  const buckets = {
    store: options.bucketSettings ?? memoryBucketSettingsStore(),
    budget: options.bucketSettingsBudget ?? DEFAULT_BUCKET_SETTINGS_BUDGET,
    now: options.now,
  };
  const listings = {
    store: options.listings ?? memoryListingStore(),
    budget: options.listingBudget ?? DEFAULT_KEPT_LISTING_BUDGET,
    now: options.now,
  };
  const forPlace = (place: { accountId: string; region: string }) =>
    clients.forAccount(place.accountId, place.region);
  return {
    cloud: 'aws',
    displayName: 'AWS',
    accountHint: ACCOUNT,
    locate(accountId, entityRef) {
      return /^\d{12}$/.test(accountId)
        ? { ok: true, accountId }
        : {
            ok: false,
            problem: `The annotation terrace.dev/account-id of ${entityRef} is "${accountId}"; set it to ${ACCOUNT}`,
          };
    },
    configure: {
      resources:
        'Set the terrace.dev/cloud, terrace.dev/region and terrace.dev/account-id annotations on this entity, and give the Backstage backend read access to that account (aws.accounts in app-config).',
      alarms:
        'Set the terrace.dev/cloud, terrace.dev/region and terrace.dev/account-id annotations on this entity, and give the Backstage backend permission to describe alarms in that account (aws.accounts in app-config).',
      backups:
        'Set the terrace.dev/cloud, terrace.dev/region, terrace.dev/account-id and terrace.dev/tier annotations on this entity, and give the Backstage backend read access to RDS, ElastiCache and S3 in that account (aws.accounts in app-config).',
      cost: 'Set the terrace.dev/account-id annotation on this entity, give the Backstage backend Cost Explorer read access (ce:GetCostAndUsage, ce:GetCostForecast) in that account, and activate the terrace:environment cost allocation tag in the billing console.',
    },
    discoversByName: true,
    readResources: async (place, signal, want) =>
      readResources(await forPlace(place), signal, { ...membership, ...want }),
    readAlarms: async (place, signal) =>
      readAlarms(await forPlace(place), signal, {
        ...listings,
        membership: membership.store,
      }),
    readBackups: async (place, resources, signal) =>
      readBackups(await forPlace(place), resources, signal, buckets, listings),
    readCost: async (accountId, now, signal) =>
      readCost(
        await clients.forAccount(
          accountId,
          clients.settings.costExplorerRegion,
        ),
        now,
        signal,
      ),
    costTagInactive: accountId =>
      `No cost in account ${accountId} carries the cost-allocation tag ${TAG_ENVIRONMENT}, so Cost Explorer has no data per environment: activate the tag in the AWS Billing console (Cost allocation tags); costs are split by it from the day after activation`,
  };
}

/**
 * The bucket settings budget from `environments.aws.bucketSettings` (callsPerRefresh,
 * newBucketCallsPerRefresh, freshForMinutes), defaults from {@link DEFAULT_BUCKET_SETTINGS_BUDGET}.
 * Errors: a negative or non-integer number, naming its key.
 */
export function readBucketSettingsBudget(config: Config): BucketSettingsBudget {
  const c = config.getOptionalConfig('environments.aws.bucketSettings');
  const read = (key: keyof BucketSettingsBudget) => {
    const value = c?.getOptionalNumber(key);
    if (value === undefined) return DEFAULT_BUCKET_SETTINGS_BUDGET[key];
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(
        `environments.aws.bucketSettings.${key} must be a whole number of at least 0, not ${value}`,
      );
    }
    return value;
  };
  return {
    callsPerRefresh: read('callsPerRefresh'),
    newBucketCallsPerRefresh: read('newBucketCallsPerRefresh'),
    freshForMinutes: read('freshForMinutes'),
  };
}

/**
 * The membership budget from `environments.aws.resourceMembership` (pagesPerRefresh,
 * newEnvironmentPagesPerRefresh, freshForMinutes), defaults from {@link DEFAULT_MEMBERSHIP_BUDGET}.
 * Errors: a negative or non-integer number, naming its key.
 */
export function readMembershipBudget(config: Config): MembershipBudget {
  const c = config.getOptionalConfig('environments.aws.resourceMembership');
  const read = (key: keyof MembershipBudget) => {
    const value = c?.getOptionalNumber(key);
    if (value === undefined) return DEFAULT_MEMBERSHIP_BUDGET[key];
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(
        `environments.aws.resourceMembership.${key} must be a whole number of at least 0, not ${value}`,
      );
    }
    return value;
  };
  return {
    pagesPerRefresh: read('pagesPerRefresh'),
    newEnvironmentPagesPerRefresh: read('newEnvironmentPagesPerRefresh'),
    freshForMinutes: read('freshForMinutes'),
  };
}

/**
 * @public The AWS status readers built from app-config; with `cache`, bucket settings, resource
 * membership and kept listings (alarm definitions, snapshot listings) are kept in it (shared by replicas), otherwise in this process's memory.
 */
export function awsStatusReadersFromConfig(
  config: Config,
  options: {
    listener?: AwsCallListener;
    cache?: CacheService;
    now?: () => Date;
  } = {},
): StatusReaders {
  return createAwsStatusReaders(
    AwsClientFactory.fromConfig(config, { listener: options.listener }),
    {
      bucketSettings: options.cache
        ? cacheBucketSettingsStore(options.cache)
        : undefined,
      bucketSettingsBudget: readBucketSettingsBudget(config),
      membership: options.cache
        ? cacheMembershipStore(options.cache)
        : undefined,
      membershipBudget: readMembershipBudget(config),
      listings: options.cache ? cacheListingStore(options.cache) : undefined,
      now: options.now,
    },
  );
}
