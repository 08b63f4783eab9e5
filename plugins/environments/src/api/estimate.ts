/**
 * The estimate as the frontend reads it: contract section 4 (`cost.json`) and the 400 answer of
 * `POST /v1/estimate`.
 */

/** @public One priced line of the estimate. */
export interface EstimateLine {
  component: string;
  resource: string;
  description: string;
  quantity: number;
  unit: string;
  unitPrice: number;
  monthly: number;
}

/** @public The estimate of a whole environment. */
export interface Estimate {
  currency: string;
  monthly: number;
  hoursPerMonth?: number;
  prices?: { source?: string; retrieved?: string };
  lines: EstimateLine[];
}

/** @public A problem with one field of the input, e.g. `spec.components[2].size`. */
export interface EstimateProblem {
  path: string;
  message: string;
}

/** @public */
export type EstimateResult =
  | { kind: 'estimate'; estimate: Estimate }
  | { kind: 'problems'; problems: EstimateProblem[] };
