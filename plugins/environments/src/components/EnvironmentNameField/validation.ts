import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { checkEnvironmentName, takenMessage } from './catalogName';

/**
 * Runs when the step is left forward: a name that breaks the rules or is taken in the catalog
 * stops the step with a sentence. If the catalog cannot be reached the step goes on (the
 * register step refuses a duplicate later).
 */
export const environmentNameValidation: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi) return;
  try {
    const check = await checkEnvironmentName(catalogApi, value ?? '');
    if (check.kind === 'invalid') {
      validation.addError(`${value ?? 'The name'} ${check.message}`);
    } else if (check.kind === 'taken') {
      validation.addError(`${value} ${takenMessage(check)}`);
    }
  } catch {
    // the catalog is unreachable: leave the duplicate check to the register step
  }
};
