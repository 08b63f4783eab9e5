import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { JSX } from 'react';
import {
  EnvironmentEstimateField,
  type EnvironmentEstimateUiOptions,
} from './EnvironmentEstimateField';

/** The name templates use: `ui:field: EnvironmentEstimate`. */
export const ENVIRONMENT_ESTIMATE_FIELD = 'EnvironmentEstimate';

/** The estimate field with the scaffolder's field props. */
export function EnvironmentEstimateFieldExtensionComponent(
  props: FieldExtensionComponentProps<number, EnvironmentEstimateUiOptions>,
): JSX.Element {
  return (
    <EnvironmentEstimateField
      name={props.name}
      formData={props.formData}
      onChange={props.onChange}
      formContext={props.formContext}
      schema={props.schema}
      uiSchema={props.uiSchema}
      rawErrors={props.rawErrors}
    />
  );
}

/** JSON schema of the field: its value is the estimated monthly total. */
export const environmentEstimateFieldSchema = {
  returnValue: {
    type: 'number' as const,
    description: 'Estimated monthly cost of the environment',
  },
  uiOptions: {
    type: 'object' as const,
    properties: {
      debounceMs: {
        type: 'number' as const,
        description:
          'Milliseconds to wait after the last change before estimating again (default 500)',
      },
    },
  },
};
