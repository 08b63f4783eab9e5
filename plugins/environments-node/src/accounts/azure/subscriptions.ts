import type { Config } from '@backstage/config';
import {
  AZURE_SUBSCRIPTION_ID_PATTERN,
  type EnvironmentAccount,
} from '@terrace/plugin-environments-common';
import type { AccountList } from '../types';

/**
 * The Azure subscriptions new environments may be placed in: every
 * `environments.azure.subscriptions[].subscriptionId`, with its `title` as the display name: the
 * same list the status readers read, so an environment is only created where the portal can see
 * it. Throws an `Error` naming the key for an id that is not a GUID.
 * @public
 */
export function azureSubscriptions(config: Config): AccountList {
  const configured =
    config.getOptionalConfigArray('environments.azure.subscriptions') ?? [];
  const accounts: EnvironmentAccount[] = configured.map((entry, i) => {
    const id = entry.getString('subscriptionId');
    if (!AZURE_SUBSCRIPTION_ID_PATTERN.test(id)) {
      throw new Error(
        `environments.azure.subscriptions[${i}].subscriptionId: "${id}" is not an Azure subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)`,
      );
    }
    const title = entry.getOptionalString('title');
    return title ? { id, title } : { id };
  });
  if (accounts.length > 0) return { accounts };
  return {
    accounts,
    reason:
      'No Azure subscription is configured for new environments: list them under environments.azure.subscriptions in app-config.yaml (subscriptionId, optionally title); the status cards read the same list',
  };
}
