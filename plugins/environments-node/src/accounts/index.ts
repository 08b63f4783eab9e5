export { ConfiguredAccounts } from './configuredAccounts';
export { accountSources } from './accountSources';
export { awsAccounts } from './aws/accounts';
export type { AccountList, AccountSource } from './types';
