import type { Config } from '@backstage/config';
import type { EnvironmentAccount } from '@terrace/plugin-environments-common';
import type { AccountList } from '../types';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The AWS accounts new environments may be placed in: every `aws.accounts[].accountId` (the
 * list of `@backstage/integration-aws-node`, which also gives the portal its credentials for each
 * account, so the status cards can read what is created there), with the display name from
 * `terrace.accounts.aws[]` (`accountId`, `title`) when the platform team gave one. Accounts
 * reached only through `aws.accountDefaults.roleName` cannot be listed and are not offered.
 * Throws an `Error` naming the key for an id that is not 12 digits, or a title for an account
 * `aws.accounts` does not list. Nothing of the credentials is read.
 * @public
 */
export function awsAccounts(config: Config): AccountList {
  const configured = config.getOptionalConfigArray('aws.accounts') ?? [];
  const accounts: EnvironmentAccount[] = configured.map((entry, i) => {
    const id = entry.getString('accountId');
    if (!ACCOUNT_ID.test(id)) {
      throw new Error(
        `aws.accounts[${i}].accountId: "${id}" is not a 12-digit AWS account id`,
      );
    }
    return { id };
  });
  const titles = config.getOptionalConfigArray('terrace.accounts.aws') ?? [];
  titles.forEach((entry, i) => {
    const id = entry.getString('accountId');
    const account = accounts.find(a => a.id === id);
    if (!account) {
      throw new Error(
        `terrace.accounts.aws[${i}].accountId: "${id}" is not listed under aws.accounts; add it there (with its credentials or role) or remove its title`,
      );
    }
    const title = entry.getOptionalString('title');
    if (title) account.title = title;
  });
  if (accounts.length > 0) return { accounts };
  return {
    accounts,
    reason:
      'No AWS account is configured for new environments: list them under aws.accounts in app-config.yaml (accountId, with credentials or a role for each; see @backstage/integration-aws-node), optionally with a display name under terrace.accounts.aws',
  };
}
