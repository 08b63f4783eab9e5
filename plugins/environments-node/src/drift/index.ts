/** Drift: a plan per environment with the executor that owns it. */
export {
  checkDrift,
  CI_DRIFT_REASON,
  type DriftCheckRequest,
} from './checkDrift';
