import type {
  EnvironmentCostDelta,
  Estimate,
  EstimateLine,
} from '@terrace/plugin-environments-common';
import { estimateSpec, type EstimateSpecResult } from './estimateSpec';
import type { EstimateOptions } from './estimate';
import { roundToCent } from './lines';

/** @public One priced item before and after a change, in USD a month. */
export interface CostDeltaLine {
  /** Component name from the spec, or `network` / `monitoring` for environment-wide parts. */
  component: string;
  /** Terraform address of the resource the line prices, e.g. `aws_db_instance.db`. */
  resource: string;
  /** What is priced, in words (the line after the change, or before it for a removed line). */
  item: string;
  /** Monthly cost before the change; 0 for a line the change adds. */
  before: number;
  /** Monthly cost after the change; 0 for a line the change removes. */
  after: number;
  /** `after - before`, rounded to cents. */
  difference: number;
  /** `added`: only after; `removed`: only before; `changed` / `unchanged` otherwise. */
  change: 'added' | 'removed' | 'changed' | 'unchanged';
}

/**
 * @public The cost of a change, line by line. `ok: false` when either side cannot be priced
 * (a region without prices, an invalid spec): `reason` says why, and no numbers are given.
 */
export type EnvironmentCostDeltaReport =
  | {
      ok: true;
      /** Every line of either estimate, in the order of the estimate after (removed ones last). */
      lines: CostDeltaLine[];
      /** The totals: before, after, difference, currency. */
      total: EnvironmentCostDelta;
    }
  | { ok: false; reason: string };

/**
 * Which line of the other estimate a line is "the same" as: the component, the Terraform resource
 * and the unit (hours, GB-months, requests); a resource with several lines of the same unit is
 * matched in order. The description is not part of it, so a resize is one changed line.
 */
function keysOf(lines: EstimateLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map(line => {
    const base = `${line.component}\u0000${line.resource}\u0000${line.unit}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}\u0000${n}`;
  });
}

/**
 * Compares two estimates line by line (see {@link EnvironmentCostDeltaReport}). Amounts are the
 * estimates' monthly USD list prices; differences and totals are rounded to cents.
 * @public
 */
export function compareEstimates(
  before: Estimate,
  after: Estimate,
): Extract<EnvironmentCostDeltaReport, { ok: true }> {
  const beforeKeys = keysOf(before.lines);
  const afterKeys = keysOf(after.lines);
  const beforeByKey = new Map(beforeKeys.map((k, i) => [k, before.lines[i]]));
  const afterSet = new Set(afterKeys);
  const lines: CostDeltaLine[] = after.lines.map((line, i) => {
    const old = beforeByKey.get(afterKeys[i]);
    const was = old?.monthly ?? 0;
    let change: CostDeltaLine['change'] = 'added';
    if (old) {
      change =
        old.monthly === line.monthly && old.description === line.description
          ? 'unchanged'
          : 'changed';
    }
    return {
      component: line.component,
      resource: line.resource,
      item: line.description,
      before: was,
      after: line.monthly,
      difference: roundToCent(line.monthly - was),
      change,
    };
  });
  before.lines.forEach((line, i) => {
    if (afterSet.has(beforeKeys[i])) return;
    lines.push({
      component: line.component,
      resource: line.resource,
      item: line.description,
      before: line.monthly,
      after: 0,
      difference: roundToCent(-line.monthly),
      change: 'removed',
    });
  });
  return {
    ok: true,
    lines,
    total: {
      before: before.monthly,
      after: after.monthly,
      difference: roundToCent(after.monthly - before.monthly),
      currency: 'USD',
    },
  };
}

function whyNot(side: 'before' | 'after', result: EstimateSpecResult): string {
  if (result.ok) return '';
  const problems = result.problems.map(p => `${p.path}: ${p.message}`);
  return result.unpricedRegion
    ? `the spec ${side} the change is in a region without prices yet (${problems.join(
        '; ',
      )})`
    : `the spec ${side} the change cannot be estimated (${problems.join(
        '; ',
      )})`;
}

/**
 * The cost delta of changing an environment's spec from `before` to `after` (both parsed spec
 * documents, as in environment.yaml): each is validated and priced with {@link estimateSpec},
 * then compared line by line. Never throws for a spec's problems: `{ ok: false, reason }` names
 * the side and its problems (e.g. a region not fully priced), and no numbers are given for it.
 * @public
 */
export function estimateCostDelta(
  before: unknown,
  after: unknown,
  options: EstimateOptions = {},
): EnvironmentCostDeltaReport {
  const was = estimateSpec(before, options);
  const will = estimateSpec(after, options);
  if (!was.ok || !will.ok) {
    return {
      ok: false,
      reason: [whyNot('before', was), whyNot('after', will)]
        .filter(Boolean)
        .join('; '),
    };
  }
  if (was.estimate.currency !== 'USD' || will.estimate.currency !== 'USD') {
    return {
      ok: false,
      reason: `the estimates are not both in USD (${was.estimate.currency}, ${will.estimate.currency})`,
    };
  }
  return compareEstimates(was.estimate, will.estimate);
}

function money(amount: number, signed = false): string {
  const text = Math.abs(amount).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  if (!signed) return `${amount < 0 ? '-' : ''}$${text}`;
  if (amount > 0) return `+$${text}`;
  if (amount < 0) return `-$${text}`;
  return `$${text}`;
}

const MARK: Record<CostDeltaLine['change'], string> = {
  added: '+',
  removed: '-',
  changed: '~',
  unchanged: ' ',
};

/**
 * The delta as a Markdown table for a change's description: one row per line
 * (`+ redis | aws_elasticache_replication_group.cache | ... | $0.00 | $24.82 | +$24.82`), unchanged
 * lines included, and a total row; for `ok: false`, the sentence `No cost delta: <reason>.`
 * @public
 */
export function formatCostDelta(report: EnvironmentCostDeltaReport): string {
  if (!report.ok) return `No cost delta: ${report.reason}.`;
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const rows = report.lines.map(
    l =>
      `| ${MARK[l.change]} ${escape(l.component)} | ${escape(
        l.item,
      )} | \`${escape(l.resource)}\` | ${money(l.before)} | ${money(
        l.after,
      )} | ${money(l.difference, true)} |`,
  );
  return [
    '| component | item | resource | before (USD/month) | after (USD/month) | difference |',
    '|---|---|---|---:|---:|---:|',
    ...rows,
    `| **total** | | | **${money(report.total.before)}** | **${money(
      report.total.after,
    )}** | **${money(report.total.difference, true)}** |`,
  ].join('\n');
}
