import type { Config } from '@backstage/config';
import type { EnvironmentAccount } from '@terrace/plugin-environments-common';

/** @public A cloud's configured accounts, or why there are none. */
export interface AccountList {
  /** In the app config's order; may be empty. */
  accounts: EnvironmentAccount[];
  /** Why `accounts` is empty and which config key to set, in words. */
  reason?: string;
}

/**
 * Reads one cloud's accounts for new environments from the app config. Register one per cloud in
 * `accountSources`; its code lives in `accounts/<cloud>/`. Throws an `Error` naming the config
 * key when the config is wrong (the backend then does not start).
 * @public
 */
export type AccountSource = (config: Config) => AccountList;
