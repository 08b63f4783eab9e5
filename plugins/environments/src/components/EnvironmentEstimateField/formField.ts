import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  ENVIRONMENT_ESTIMATE_FIELD,
  EnvironmentEstimateFieldExtensionComponent,
} from './extension';
import { environmentEstimateValidation } from './validation';

/** The EnvironmentEstimate field for the new frontend system's scaffolder. */
export const environmentEstimateFormField = createFormField({
  name: ENVIRONMENT_ESTIMATE_FIELD,
  component: EnvironmentEstimateFieldExtensionComponent,
  validation: environmentEstimateValidation,
});
