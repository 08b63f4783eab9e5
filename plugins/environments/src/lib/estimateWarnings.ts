import type {
  Estimate,
  EstimateLine,
} from '@terrace/plugin-environments-common';

/**
 * The config key the platform team sets to have the form warn about an expensive environment:
 * a monthly total (in the estimate's currency) above which the estimate is flagged.
 */
export const WARN_ABOVE_MONTHLY_KEY = 'terrace.estimate.warnAboveMonthly';

/** Used when `terrace.estimate.warnAboveMonthly` is not set: 1,000 a month. */
export const DEFAULT_WARN_ABOVE_MONTHLY = 1000;

/** Share of the total above which one line "dominates" the estimate (half of it). */
export const DOMINANT_SHARE = 0.5;

/** What the form warns about, if anything. */
export interface EstimateWarning {
  /** `above` when the total passes the threshold; `dominant` when, also, one line is most of it. */
  kind: 'above' | 'dominant';
  threshold: number;
  /** The line that is more than half the total, for `dominant`. */
  line?: EstimateLine;
  /** That line's share of the total, 0..1. */
  share?: number;
}

/**
 * Judges an estimate against the configured threshold: nothing below it; `above` when the
 * monthly total is higher; `dominant` (the stronger warning) when, in addition, a single line
 * is more than half of the total, which is how a mistyped quantity (60,000 GB) shows itself.
 */
export function estimateWarning(
  estimate: Pick<Estimate, 'monthly' | 'lines'>,
  threshold: number,
): EstimateWarning | undefined {
  if (!(estimate.monthly > threshold)) return undefined;
  const largest = [...estimate.lines].sort((a, b) => b.monthly - a.monthly)[0];
  const share = largest ? largest.monthly / estimate.monthly : 0;
  if (largest && share > DOMINANT_SHARE) {
    return { kind: 'dominant', threshold, line: largest, share };
  }
  return { kind: 'above', threshold };
}
