/**
 * Response shape of `GET /v1/accounts`: the cloud accounts (AWS accounts, Azure subscriptions,
 * Google Cloud projects) a new environment may be placed in, per cloud, as the portal's app
 * config lists them. Only ids and display names: never credentials or role names.
 */

import type { Cloud } from '../model/resolved';

/** @public One account a new environment may be placed in. */
export interface EnvironmentAccount {
  /**
   * The id the entity annotation `terrace.dev/account-id` takes, e.g. the 12-digit AWS account
   * id `123456789012`.
   */
  id: string;
  /** A display name the platform team gave it, e.g. `Shop production`; absent when none. */
  title?: string;
}

/** @public The accounts of one cloud. */
export interface CloudAccounts {
  cloud: Cloud;
  /** The cloud's word for it: `account` (AWS), `subscription` (Azure), `project` (Google Cloud). */
  term: 'account' | 'subscription' | 'project';
  /** In the app config's order; may be empty. */
  accounts: EnvironmentAccount[];
  /** Why `accounts` is empty and what to configure, in words; absent when there are accounts. */
  reason?: string;
}

/** @public */
export interface AccountsResponse {
  /** One entry per cloud a spec may name, in the order of `cloudProfiles`. */
  items: CloudAccounts[];
}

/** @public The label an account is shown with: `Shop production (123456789012)`, or its id. */
export function accountLabel(account: EnvironmentAccount): string {
  return account.title ? `${account.title} (${account.id})` : account.id;
}
