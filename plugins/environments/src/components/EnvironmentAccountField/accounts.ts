import {
  accountLabel,
  cloudProfiles,
  type AccountsResponse,
  type Cloud,
  type CloudAccounts,
} from '@terrace/plugin-environments-common';

/** The form's chosen cloud (`cloud` of the form data), AWS until one is chosen. */
export function chosenCloud(
  formData: Record<string, unknown> | undefined,
): Cloud {
  const cloud = formData?.cloud;
  return typeof cloud === 'string' && cloud in cloudProfiles
    ? (cloud as Cloud)
    : 'aws';
}

/** The accounts of `cloud` in the status API's answer; none, with a reason, if it lacks the cloud. */
export function accountsOf(
  response: AccountsResponse,
  cloud: Cloud,
): CloudAccounts {
  return (
    response.items.find(c => c.cloud === cloud) ?? {
      cloud,
      term: cloudProfiles[cloud].accountTerm,
      accounts: [],
      reason: `The portal lists no ${cloudProfiles[cloud].displayName} ${cloudProfiles[cloud].accountTerm} for new environments`,
    }
  );
}

/** `AWS account`, `Azure subscription`, `Google Cloud project`. */
export function accountNoun(list: CloudAccounts): string {
  return `${cloudProfiles[list.cloud].displayName} ${list.term}`;
}

/**
 * The value the field should hold for `value` among `list`'s accounts: the only account when
 * there is one, nothing when there are none, `''` (asked, not chosen yet: the step's check then
 * sees the field) when there are several and `value` is not one of them; otherwise `value`.
 */
export function settledValue(
  list: CloudAccounts,
  value: string | undefined,
): string | undefined {
  const { accounts } = list;
  if (accounts.length === 0) return undefined;
  if (accounts.length === 1) return accounts[0].id;
  return accounts.some(a => a.id === value) ? value : '';
}

/** What is wrong with `value` for `list`, in words; undefined when it is fine. */
export function accountProblem(
  list: CloudAccounts,
  value: string | undefined,
): string | undefined {
  const noun = accountNoun(list);
  if (!value) {
    return list.accounts.length > 1
      ? `Choose the ${noun} the environment is created in`
      : undefined;
  }
  if (list.accounts.some(a => a.id === value)) return undefined;
  return list.accounts.length === 0
    ? `${value} is not configured: ${
        list.reason ?? `no ${noun} is configured for new environments`
      }`
    : `${value} is not among the ${noun}s configured for new environments: choose one of ${list.accounts
        .map(accountLabel)
        .join(', ')}`;
}
