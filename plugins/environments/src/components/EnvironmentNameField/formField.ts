import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  ENVIRONMENT_NAME_FIELD,
  EnvironmentNameField,
  environmentNameValidation,
} from './extension';

/** The EnvironmentName field for the new frontend system's scaffolder. */
export const environmentNameFormField = createFormField({
  name: ENVIRONMENT_NAME_FIELD,
  component: EnvironmentNameField,
  validation: environmentNameValidation,
});
