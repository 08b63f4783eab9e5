import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  ENVIRONMENT_ACCOUNT_FIELD,
  EnvironmentAccountField,
  environmentAccountValidation,
} from './extension';

/** The EnvironmentAccount field for the new frontend system's scaffolder. */
export const environmentAccountFormField = createFormField({
  name: ENVIRONMENT_ACCOUNT_FIELD,
  component: EnvironmentAccountField,
  validation: environmentAccountValidation,
});
