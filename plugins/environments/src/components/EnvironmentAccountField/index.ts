export { EnvironmentAccountField } from './EnvironmentAccountField';
export {
  ENVIRONMENT_ACCOUNT_FIELD,
  environmentAccountFieldSchema,
  environmentAccountValidation,
} from './extension';
