export { EnvironmentNameField } from './EnvironmentNameField';
export type { EnvironmentNameUiOptions } from './EnvironmentNameField';
export {
  ENVIRONMENT_NAME_FIELD,
  environmentNameFieldSchema,
  environmentNameValidation,
} from './extension';
