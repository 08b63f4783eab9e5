import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { environmentsApiRef } from '../../api';
import { accountProblem, accountsOf, chosenCloud } from './accounts';

/**
 * Runs when the step is left forward: with several accounts for the chosen cloud one must be
 * chosen, and a value must be one the portal lists. If the accounts cannot be loaded the step
 * goes on (the generate step checks `accountId` again, before it writes anything).
 */
export const environmentAccountValidation: CustomFieldValidator<
  string
> = async (value, validation, context) => {
  const api = context.apiHolder.get(environmentsApiRef);
  if (!api) return;
  let response;
  try {
    response = await api.getAccounts();
  } catch {
    return;
  }
  const problem = accountProblem(
    accountsOf(response, chosenCloud(context.formData)),
    value || undefined,
  );
  if (problem) validation.addError(problem);
};
