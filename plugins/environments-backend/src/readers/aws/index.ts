import type { Config } from '@backstage/config';
import { TAG_ENVIRONMENT } from '@terrace/plugin-environments-common';
import type { StatusReaders } from '../types';
import { readAlarms } from './alarms';
import { readBackups } from './backups';
import { AwsClientFactory, type AwsCallListener } from './clients';
import { readCost } from './cost';
import { readResources } from './resources';

export { AwsClientFactory } from './clients';
export type { AwsCallListener, AwsClientSettings } from './clients';

const ACCOUNT = 'the 12-digit AWS account id';

/**
 * The AWS status readers: the Resource Groups Tagging API, CloudWatch alarms, RDS / ElastiCache /
 * S3 backups and Cost Explorer, with clients per account from the `aws` integration config
 * (`aws.mainAccount`, `aws.accounts`, `aws.accountDefaults`) and `environments.aws`.
 * @public
 */
export function createAwsStatusReaders(
  clients: AwsClientFactory,
): StatusReaders {
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
    readResources: async (place, signal) =>
      readResources(await forPlace(place), signal),
    readAlarms: async (place, signal) =>
      readAlarms(await forPlace(place), signal),
    readBackups: async (place, resources, signal) =>
      readBackups(await forPlace(place), resources, signal),
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

/** @public The AWS status readers built from app-config. */
export function awsStatusReadersFromConfig(
  config: Config,
  options: { listener?: AwsCallListener } = {},
): StatusReaders {
  return createAwsStatusReaders(AwsClientFactory.fromConfig(config, options));
}
