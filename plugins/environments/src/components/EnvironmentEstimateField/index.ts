export { EnvironmentEstimateField } from './EnvironmentEstimateField';
export type {
  EnvironmentEstimateFieldProps,
  EnvironmentEstimateUiOptions,
} from './EnvironmentEstimateField';
export {
  ENVIRONMENT_ESTIMATE_FIELD,
  EnvironmentEstimateFieldExtensionComponent,
  environmentEstimateFieldSchema,
} from './extension';
export { environmentEstimateValidation } from './validation';
