import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { formProblemPath } from '@terrace/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { estimateInput } from './estimateInput';

/**
 * Runs when the step holding the estimate is left forward (Next, Review): the form is estimated
 * once more and every problem the backend lists stops the step, named as the form names it
 * (`components › db (postgres) › storageGb: must be at most 65536`). When the estimate service
 * cannot be reached the step is not held up: the generate action validates again.
 */
export const environmentEstimateValidation: CustomFieldValidator<
  number
> = async (_value, validation, context) => {
  const api = context.apiHolder.get(environmentsApiRef);
  if (!api) return;
  const form = (context.formData ?? {}) as Record<string, unknown>;
  let result;
  try {
    result = await api.estimate(estimateInput(form));
  } catch {
    return;
  }
  if (result.kind === 'problems') {
    for (const problem of result.problems) {
      validation.addError(
        `${formProblemPath(problem.path, form)}: ${problem.message}`,
      );
    }
  }
};
