import { InputError } from '@backstage/errors';
import {
  resolveEnvironment,
  validateEnvironment,
  type Estimate,
  type ResolvedEnvironment,
  type SpecProblem,
} from '@terrace/plugin-environments-common';
import { estimateEnvironment, type EstimateOptions } from './estimate';
import { cloudPricers, isPricedRegion, pricedSizes } from './pricers';

/** @public */
export type EstimateSpecResult =
  | {
      ok: true;
      estimate: Estimate;
      resolved: ResolvedEnvironment;
      /** Validation warnings (e.g. an engine version in paid Extended Support). */
      warnings: SpecProblem[];
    }
  | {
      ok: false;
      problems: SpecProblem[];
      /**
       * True when the spec is valid and only its region has no prices yet: it can be generated
       * but not estimated (the problem at `spec.region` says how to price the region).
       */
      unpricedRegion?: boolean;
    };

/** Turns the estimator's InputError (one `path: message` per line) into problems. */
function toProblems(error: InputError): SpecProblem[] {
  return error.message.split('\n').map(line => {
    const at = line.indexOf(': ');
    return at > 0
      ? { path: line.slice(0, at), message: line.slice(at + 2) }
      : { path: 'spec', message: line };
  });
}

/** The estimate with the spec's validation warnings, so every surface that shows it says them. */
function withWarnings(estimate: Estimate, warnings: SpecProblem[]): Estimate {
  return warnings.length > 0 ? { ...estimate, warnings } : estimate;
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
    today: options.today,
  });
  if (!validation.ok) {
    return { ok: false, problems: validation.problems };
  }
  const resolved = resolveEnvironment(validation.environment);
  try {
    return {
      ok: true,
      estimate: withWarnings(
        estimateEnvironment(resolved, options),
        validation.warnings,
      ),
      resolved,
      warnings: validation.warnings,
    };
  } catch (e) {
    if (e instanceof InputError) {
      const unpricedRegion = !isPricedRegion(
        resolved.cloud,
        resolved.region,
        options.pricers,
      );
      return {
        ok: false,
        problems: toProblems(e),
        ...(unpricedRegion ? { unpricedRegion } : {}),
      };
    }
    throw e;
  }
}
