export { generateEnvironmentRepo, environmentEntity } from './repo';
export type { GenerateRepoOptions, GeneratedFiles } from './repo';
export { generateAwsTerraform, buildAwsTerraform, stateLocation } from './aws';
