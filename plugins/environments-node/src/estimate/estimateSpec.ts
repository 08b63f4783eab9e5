import { InputError } from '@backstage/errors';
import {
  resolveEnvironment,
  validateEnvironment,
  type Estimate,
  type ResolvedEnvironment,
  type SpecProblem,
} from '@terrace/plugin-environments-common';
import { estimateEnvironment, type EstimateOptions } from './estimate';
import { cloudPricers, pricedSizes } from './pricers';

/** @public */
export type EstimateSpecResult =
  | { ok: true; estimate: Estimate; resolved: ResolvedEnvironment }
  | { ok: false; problems: SpecProblem[] };

/** Turns the estimator's InputError (one `path: message` per line) into problems. */
function toProblems(error: InputError): SpecProblem[] {
  return error.message.split('\n').map(line => {
    const at = line.indexOf(': ');
    return at > 0
      ? { path: line.slice(0, at), message: line.slice(at + 2) }
      : { path: 'spec', message: line };
  });
}

/**
 * Validates a parsed spec document (sizes checked against the price catalog), resolves it and
 * prices it: the one call behind `terrace estimate`, the estimate endpoint and the scaffolder
 * action. Bad input comes back as problems, each naming its field; nothing throws for it.
 * @public
 */
export function estimateSpec(
  raw: unknown,
  options: EstimateOptions = {},
): EstimateSpecResult {
  const validation = validateEnvironment(raw, {
    sizes: pricedSizes(options.pricers ?? cloudPricers),
  });
  if (!validation.ok) {
    return { ok: false, problems: validation.problems };
  }
  const resolved = resolveEnvironment(validation.environment);
  try {
    return {
      ok: true,
      estimate: estimateEnvironment(resolved, options),
      resolved,
    };
  } catch (e) {
    if (e instanceof InputError) {
      return { ok: false, problems: toProblems(e) };
    }
    throw e;
  }
}
