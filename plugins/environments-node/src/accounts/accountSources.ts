import type { Cloud } from '@terrace/plugin-environments-common';
import { awsAccounts } from './aws/accounts';
import { azureSubscriptions } from './azure/subscriptions';
import { gcpProjects } from './gcp/projects';
import type { AccountSource } from './types';

/**
 * Where each cloud's accounts for new environments come from: a new cloud is a folder
 * `accounts/<cloud>/` with its `AccountSource`, and its line here. A cloud without one offers no
 * account (its environments carry no `terrace.dev/account-id`).
 * @public
 */
export const accountSources: Readonly<
  Record<Cloud, AccountSource | undefined>
> = {
  aws: awsAccounts,
  azure: azureSubscriptions,
  gcp: gcpProjects,
};
