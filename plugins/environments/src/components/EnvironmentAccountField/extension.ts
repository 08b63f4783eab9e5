import { EnvironmentAccountField } from './EnvironmentAccountField';
import { environmentAccountValidation } from './validation';

/** The name templates use: `ui:field: EnvironmentAccount`. */
export const ENVIRONMENT_ACCOUNT_FIELD = 'EnvironmentAccount';

/** JSON schema of the field: its value is the account id (`terrace.dev/account-id`). */
export const environmentAccountFieldSchema = {
  returnValue: {
    type: 'string' as const,
    description:
      'The account the environment is created in, e.g. a 12-digit AWS account id',
  },
};

export { EnvironmentAccountField, environmentAccountValidation };
