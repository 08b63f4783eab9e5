import type { Config } from '@backstage/config';

/**
 * The portal's AWS account when it has exactly one (`aws.accounts`, the AWS integration's list):
 * new AWS environments are placed in it (entity annotation `terrace.dev/account-id`, so the
 * status cards can read them). With none or several, environments carry no account.
 */
export function singleAwsAccount(config: Config): string | undefined {
  const accounts = config.getOptionalConfigArray('aws.accounts') ?? [];
  if (accounts.length !== 1) return undefined;
  const id = accounts[0].getOptionalString('accountId');
  return id && /^\d{12}$/.test(id) ? id : undefined;
}
