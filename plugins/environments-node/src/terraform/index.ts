/**
 * The Terraform runner: executors (local, ci, hcp), the guard that keeps the local executor to
 * Terrace-generated configuration, the per-environment lock and the log masker.
 */
export * from './types';
export {
  LocalTerraformExecutor,
  type LocalTerraformExecutorOptions,
} from './local';
export {
  checkLocalRunFiles,
  overrideFileName,
  type LocalRunFiles,
} from './overrides';
export {
  awsEmulatorProviderOverride,
  s3BackendEmulatorConfig,
  EMULATED_AWS_SERVICES,
  type EmulatorFileOptions,
} from './aws/emulator';
export { CiTerraformExecutor } from './ci';
export { HcpTerraformExecutor, type HcpTerraformExecutorOptions } from './hcp';
export {
  assertSafeConfiguration,
  findUnsafeConfiguration,
  UnsafeConfigurationError,
  type ConfigurationProblem,
} from './guard';
export {
  EnvironmentLocks,
  type EnvironmentLock,
  type EnvironmentLockHolder,
} from './lock';
export { SecretMasker, MASK } from './mask';
export { TerraformCommandError, TerraformTimeoutError } from './process';
