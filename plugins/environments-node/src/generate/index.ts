export { generateEnvironmentRepo, environmentEntity } from './repo';
export {
  WORKFLOW_DRIFT_ANNOTATION,
  WORKFLOW_DRIFT_ERROR_ANNOTATION,
  WORKFLOW_DRIFT_JOB,
} from './workflow';
export type { GenerateRepoOptions, GeneratedFiles } from './repo';
export type {
  TerraformEmitter,
  TerraformEmitters,
  TerraformNaming,
  EmitterReadme,
} from './emitter';
export { terraformEmitters } from './emitters';
export { awsTerraformEmitter } from './aws/emitter';
export { generateAwsTerraform, buildAwsTerraform, stateLocation } from './aws';
export {
  terraformResourceBlocks,
  plannedResourceBlocks,
} from './resourceBlocks';
export type { TerraformResourceBlock } from './resourceBlocks';
export { azureTerraformEmitter } from './azure/emitter';
export {
  generateAzureTerraform,
  buildAzureTerraform,
  azureStateLocation,
} from './azure';
