import { EnvironmentNameField } from './EnvironmentNameField';
import { environmentNameValidation } from './validation';

/** The name templates use: `ui:field: EnvironmentName`. */
export const ENVIRONMENT_NAME_FIELD = 'EnvironmentName';

/** JSON schema of the field: its value is the environment's `metadata.name`. */
export const environmentNameFieldSchema = {
  returnValue: {
    type: 'string' as const,
    description: "The environment's name, free in the catalog",
  },
  uiOptions: {
    type: 'object' as const,
    properties: {
      debounceMs: {
        type: 'number' as const,
        description:
          'Milliseconds to wait after the last keystroke before checking the catalog (default 300)',
      },
    },
  },
};

export { EnvironmentNameField, environmentNameValidation };
