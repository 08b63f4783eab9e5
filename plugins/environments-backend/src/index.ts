/**
 * Terrace status API: resources, alarms, backups and cost of each environment.
 *
 * @packageDocumentation
 */
export { environmentsPlugin as default } from './plugin';
export { searchModuleEnvironments } from './search/module';
export { environmentCatalogCollatorTransformer } from './search/environmentDocuments';
export {
  environmentStatusServiceRef,
  type EnvironmentStatusService,
} from './service/EnvironmentStatusService';
export type {
  EnvironmentRef,
  LocatedEnvironment,
  UnlocatedEnvironment,
} from './locate/locateEnvironment';
export { locateEnvironment } from './locate/locateEnvironment';
export {
  StatusReadersRegistry,
  statusReadersRegistryServiceRef,
  environmentsStatusReadersExtensionPoint,
  type EnvironmentsStatusReadersExtensionPoint,
} from './readers/registry';
export type {
  StatusReaders,
  StatusReadersLookup,
  ReaderPlace,
  ReaderLocation,
  ResourcesByEnvironment,
  AlarmsByEnvironment,
  BackupFacts,
  BackupsByEnvironment,
  EnvironmentCost,
  AccountCost,
} from './readers/types';
export { NotConfiguredError, SectionReadError } from './readers/errors';
export {
  createAwsStatusReaders,
  awsStatusReadersFromConfig,
} from './readers/aws';
export {
  createAzureStatusReaders,
  azureStatusReadersFromConfig,
  AzureManagementClient,
} from './readers/azure';
export type {
  AzureCallListener,
  AzureClientSettings,
  AzureSubscription,
} from './readers/azure';
export {
  createGcpStatusReaders,
  gcpStatusReadersFromConfig,
  GcpClient,
  type GcpAuthClient,
  type GcpCallListener,
  type GcpClientSettings,
} from './readers/gcp';
export {
  environmentPermissionResourceRef,
  isEnvironmentOwner,
  environmentPermissionRules,
  environmentConditions,
  createEnvironmentConditionalDecision,
  type EnvironmentEntityFilter,
} from './approvals/permissionRules';
// drift: the checker and its store, for an adopter's own schedule and for end-to-end tests
export { DriftChecker, type DriftCheckerOptions } from './drift/DriftChecker';
export { DriftStore } from './drift/DriftStore';
export { environmentsDatabase } from './database/migrate';
