import {
  environmentSpecFromForm,
  type Estimate,
  type SpecProblem,
} from '@terrace/plugin-environments-common';
import { estimateSpec } from '@terrace/plugin-environments-node';

/**
 * The spec a request body stands for: an `environment.yaml` document as is, or the Create
 * environment template's form values, arranged into a spec by the same function the generate
 * action uses (`environmentSpecFromForm`), so the live estimate prices exactly what will be
 * generated. Fields of later steps (estimate, executor, repoUrl, ...) are ignored.
 */
export function specFromBody(body: Record<string, unknown>): unknown {
  return environmentSpecFromForm(body);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates and prices a request body; bad input comes back as problems naming their field. */
export function estimateFromBody(
  body: unknown,
): { ok: true; estimate: Estimate } | { ok: false; problems: SpecProblem[] } {
  if (!isObject(body)) {
    return {
      ok: false,
      problems: [
        {
          path: 'body',
          message:
            'must be a JSON object: an environment spec or the Create environment form values',
        },
      ],
    };
  }
  const result = estimateSpec(specFromBody(body));
  return result.ok
    ? { ok: true, estimate: result.estimate }
    : { ok: false, problems: result.problems };
}
