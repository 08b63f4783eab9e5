import type {
  Estimate,
  SpecProblem,
} from '@terrace/plugin-environments-common';

/**
 * What `POST /v1/estimate` answers, as the frontend reads it: the estimate of contract section 4,
 * or the field problems of a 400 answer.
 */

/** @public A problem with one field of the input, e.g. `spec.components[2].size`. */
export type EstimateProblem = SpecProblem;

/** @public */
export type EstimateResult =
  | { kind: 'estimate'; estimate: Estimate }
  | { kind: 'problems'; problems: EstimateProblem[] };
