import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  accountLabel,
  cloudProfiles,
  type Cloud,
  type CloudAccounts,
} from '@terrace/plugin-environments-common';
import { accountSources } from './accountSources';
import type { AccountList, AccountSource } from './types';

/**
 * The accounts new environments may be placed in, per cloud, read once from the app config
 * (AWS: `aws.accounts`, titles from `terrace.accounts.aws`; see `accountSources`). Behind the
 * status API's `GET /v1/accounts` (the form's account picker) and the `accountId` input of the
 * generate and apply actions, so the form offers exactly what the actions accept.
 * @public
 */
export class ConfiguredAccounts {
  private readonly lists: Record<Cloud, AccountList>;

  /**
   * Reads every cloud's accounts; throws an `Error` naming the config key when the config is
   * wrong. `sources` replaces the per-cloud readers (default `accountSources`).
   */
  static fromConfig(
    config: Config,
    sources: Readonly<
      Record<Cloud, AccountSource | undefined>
    > = accountSources,
  ): ConfiguredAccounts {
    const lists = Object.fromEntries(
      (Object.keys(cloudProfiles) as Cloud[]).map(cloud => {
        const source = sources[cloud];
        const profile = cloudProfiles[cloud];
        return [
          cloud,
          source
            ? source(config)
            : {
                accounts: [],
                reason: `Terrace does not place ${profile.displayName} environments in a configured ${profile.accountTerm} yet: they are created without the terrace.dev/account-id annotation`,
              },
        ];
      }),
    ) as Record<Cloud, AccountList>;
    return new ConfiguredAccounts(lists);
  }

  private constructor(lists: Record<Cloud, AccountList>) {
    this.lists = lists;
  }

  /** One cloud's accounts, with its term and, when there are none, why. */
  list(cloud: Cloud): CloudAccounts {
    const { accounts, reason } = this.lists[cloud];
    return {
      cloud,
      term: cloudProfiles[cloud].accountTerm,
      accounts: accounts.map(a => ({ ...a })),
      ...(accounts.length === 0 && reason ? { reason } : {}),
    };
  }

  /** Every cloud's accounts, in the order of `cloudProfiles`. */
  all(): CloudAccounts[] {
    return (Object.keys(cloudProfiles) as Cloud[]).map(c => this.list(c));
  }

  /**
   * The account a new environment of `cloud` is placed in, checked before anything is written:
   * - `accountId` given: it, when the cloud's list has it; otherwise an `InputError` naming the
   *   input `accountId` and what is configured;
   * - none given: the only account when the cloud has exactly one; undefined when it has none
   *   (the environment carries no `terrace.dev/account-id`); an `InputError` asking to choose
   *   when it has several.
   * An empty string counts as none (the template's expression for a field left out).
   */
  choose(cloud: Cloud, accountId: string | undefined): string | undefined {
    const { accounts, reason } = this.lists[cloud];
    const { displayName, accountTerm } = cloudProfiles[cloud];
    if (accountId) {
      if (accounts.some(a => a.id === accountId)) return accountId;
      throw new InputError(
        accounts.length === 0
          ? `accountId: "${accountId}" is not configured for new environments. ${reason}`
          : `accountId: "${accountId}" is not among the ${displayName} ${accountTerm}s configured for new environments; choose one of ${accounts
              .map(accountLabel)
              .join(', ')}`,
      );
    }
    if (accounts.length <= 1) return accounts[0]?.id;
    throw new InputError(
      `accountId: the portal has ${
        accounts.length
      } ${displayName} ${accountTerm}s for new environments (${accounts
        .map(accountLabel)
        .join(', ')}); choose one`,
    );
  }
}
