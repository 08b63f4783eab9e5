import { InputError } from '@backstage/errors';
import type {
  Estimate,
  ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import { HOURS_PER_MONTH, LineCollector, roundToCent } from './lines';
import type { CloudPricers } from './pricer';
import { cloudPricers } from './pricers';

/** @public */
export interface EstimateOptions {
  /** The pricer per cloud; `cloudPricers` (this package's price catalogs) by default. */
  pricers?: CloudPricers;
  /** The day (YYYY-MM-DD, UTC) support calendars are read on (Extended Support); today by default. */
  today?: string;
}

/**
 * Prices a resolved environment with its cloud's pricer: one line per priced part of what the
 * generated Terraform creates, 730 hours a month, usage-priced lines from `spec.usage` or its
 * defaults. Throws InputError naming every field whose size or region has no price (and
 * `spec.cloud` for a cloud without a pricer); never prices a missing price as zero.
 * @public
 */
export function estimateEnvironment(
  resolved: ResolvedEnvironment,
  options: EstimateOptions = {},
): Estimate {
  const pricers = options.pricers ?? cloudPricers;
  const pricer = pricers[resolved.cloud];
  if (!pricer) {
    throw new InputError(
      `spec.cloud: the estimate has no price catalog for ${
        resolved.cloud
      } yet (only ${Object.keys(pricers).join(', ')})`,
    );
  }
  const out = new LineCollector();
  const source = pricer.price(resolved, out, {
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  if (out.problems.length > 0) {
    throw new InputError(
      out.problems.map(p => `${p.path}: ${p.message}`).join('\n'),
    );
  }
  const monthly = roundToCent(
    out.lines.reduce((sum, line) => sum + line.monthly, 0),
  );
  return {
    currency: source.currency,
    monthly,
    hoursPerMonth: HOURS_PER_MONTH,
    prices: {
      source: source.source,
      retrieved: out.retrieved() ?? '',
      catalogVersion: source.catalogVersion,
    },
    lines: out.lines,
    assumptions: [...pricer.assumptions(resolved), ...(source.notes ?? [])],
  };
}
