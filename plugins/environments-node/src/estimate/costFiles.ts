import type { Estimate } from '@terrace/plugin-environments-common';
import { formatEstimateTable } from './format';

/**
 * `cost.json` of a generated environment repo: the estimate (contract section 4), pretty-printed
 * with a final newline. Deterministic: the same estimate gives the same bytes.
 * @public
 */
export function renderCostJson(estimate: Estimate): string {
  return `${JSON.stringify(estimate, null, 2)}\n`;
}

/**
 * The "Cost" section of a generated environment repo's README: the markdown table with its
 * total, where the prices come from, and the assumptions the usage lines rest on.
 * @public
 */
export function renderCostSection(estimate: Estimate): string {
  const assumptions = (estimate.assumptions ?? []).map(a => `- ${a}`);
  return [
    '## Estimated monthly cost',
    '',
    formatEstimateTable(estimate, 'markdown').trimEnd(),
    '',
    ...(assumptions.length ? ['Assumptions:', '', ...assumptions, ''] : []),
    'Recompute with `yarn terrace estimate environment.yaml` after editing the spec.',
    '',
  ].join('\n');
}
