/**
 * Terrace scaffolder actions: `terrace:environment:generate`, `terrace:environment:estimate`,
 * `terrace:git:publish`, `terrace:terraform:apply`, `terrace:catalog:register` and
 * `terrace:environment:change`.
 *
 * @packageDocumentation
 */
export { scaffolderModuleEnvironments as default } from './module';
export { createGenerateEnvironmentAction } from './actions/generateEnvironment';
export type {
  EnvironmentRepoGenerator,
  GeneratedFiles,
} from './actions/generateEnvironment';
export { createEstimateEnvironmentAction } from './actions/estimateEnvironment';
export { createPublishGitAction } from './actions/publishGit';
export { createApplyTerraformAction } from './actions/applyTerraform';
export { createRegisterCatalogAction } from './actions/registerCatalog';
export { createChangeEnvironmentAction } from './actions/changeEnvironment';
export { catalogModuleEnvironmentFileLocations } from './catalogModule';
export {
  localRepositoryUrlReader,
  urlReaderEnvironmentLocalRepositories,
} from './localRepositoryReader';
