export { environmentsApiRef } from './EnvironmentsApi';
export type { EnvironmentsApi } from './EnvironmentsApi';
export { EnvironmentsClient } from './EnvironmentsClient';
export type { EstimateProblem, EstimateResult } from './estimate';
