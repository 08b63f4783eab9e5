/**
 * Terrace Node library: spec loading, Terraform generation per cloud, the cost estimate with
 * the price catalog, and the Terraform runner. The `terrace` CLI is built on it.
 *
 * @packageDocumentation
 */
export * from './estimate';
export * from './terraform';
export * from './dayTwo/types';
export * from './drift';
export * from './change/readChangeDescription';
export * from './settings';
export * from './generate';
export * from './spec';
export * from './accounts';
export { runCli, writeGeneratedRepo, GENERATED_MARKER } from './cli';
export type {
  CliOptions,
  CliIo,
  RepoGenerator,
  WriteRepoOptions,
  WriteRepoResult,
} from './cli';
export * from './dayTwo/HttpApprovalGate';
export * from './dayTwo/HttpEnvironmentHistoryRecorder';
export type {
  EnvironmentsDiscovery,
  EnvironmentsServiceAuth,
} from './dayTwo/client';
