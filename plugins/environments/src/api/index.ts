export { environmentsApiRef } from './EnvironmentsApi';
export type { EnvironmentsApi } from './EnvironmentsApi';
export { EnvironmentsClient } from './EnvironmentsClient';
export type {
  Estimate,
  EstimateLine,
  EstimateProblem,
  EstimateResult,
} from './estimate';
