import type { Estimate } from '@terrace/plugin-environments-common';
import { estimateSpec } from '@terrace/plugin-environments-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './estimateEnvironment.examples';
import { problemsError, rawSpecFromInputs, specInputSchema } from './specInput';
import { withUserFacingErrors } from './userErrors';

/** An amount to the cent with thousands separators: `8,280.00`. */
const money = (n: number) =>
  n.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });

/**
 * A unit price with the precision the price list gives it (`0.005` stays `0.005`, never
 * rounded to `0.01`), at least to the cent, so quantity x unit price = the line.
 */
const unitPrice = (n: number) =>
  n.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 10,
  });

/**
 * A markdown table of the estimate, for the task's output page: quantity, unit price and
 * monthly amount per line, the currency in the headings and the total.
 */
export function estimateMarkdown(estimate: Estimate): string {
  const { currency } = estimate;
  const rows = estimate.lines.map(
    l =>
      `| ${l.component} | ${l.description.replace(
        /\|/g,
        '\\|',
      )} | ${l.quantity.toLocaleString('en-US')} ${l.unit} | ${unitPrice(
        l.unitPrice,
      )} | ${money(l.monthly)} |`,
  );
  return [
    `**Estimated monthly cost: ${money(estimate.monthly)} ${currency}**`,
    '',
    `| Component | What | Quantity | Unit price (${currency}) | Monthly (${currency}) |`,
    '|---|---|---|---|---|',
    ...rows,
    `| **Total** | | | | **${money(estimate.monthly)}** |`,
    '',
    `Prices: ${estimate.prices.source}, retrieved ${estimate.prices.retrieved}.`,
  ].join('\n');
}

/**
 * `terrace:environment:estimate`: the monthly estimate (total and itemised lines) of the
 * environment, for the task's output page. A valid spec in a region whose prices the catalog does
 * not hold yet gets only `markdown`, saying so and how to price the region; other problems fail.
 */
export function createEstimateEnvironmentAction() {
  return withUserFacingErrors(
    createTemplateAction({
      id: 'terrace:environment:estimate',
      description:
        'Estimates the monthly cost of an environment (from the form fields, a spec or environment.yaml): total and itemised lines.',
      examples,
      supportsDryRun: true,
      schema: {
        input: specInputSchema,
        output: {
          currency: z => z.string({ description: 'Currency of the amounts' }),
          monthly: z => z.number({ description: 'Estimated monthly total' }),
          lines: z =>
            z.array(z.record(z.string(), z.unknown()), {
              description: 'Itemised lines (contract section 4)',
            }),
          estimate: z =>
            z.record(z.string(), z.unknown(), {
              description: 'The whole estimate, as cost.json',
            }),
          markdown: z =>
            z.string({ description: 'The estimate as a markdown table' }),
        },
      },
      async handler(ctx) {
        const raw = await rawSpecFromInputs(ctx.input, ctx.workspacePath);
        const result = estimateSpec(raw);
        if (!result.ok && result.unpricedRegion) {
          // A valid spec in a region without prices yet: generated without an estimate, so the
          // task goes on and its page says why and how to price the region.
          const reason = result.problems
            .map(p => `${p.path}: ${p.message}`)
            .join('\n');
          ctx.logger.warn(`No estimate: ${reason}`);
          ctx.output('markdown', `**No estimate yet.** ${reason}`);
          return;
        }
        if (!result.ok) {
          throw problemsError(
            'The environment cannot be estimated',
            result.problems,
          );
        }
        const { estimate } = result;
        ctx.logger.info(
          `Estimated ${estimate.monthly.toFixed(2)} ${
            estimate.currency
          } a month over ${estimate.lines.length} lines`,
        );
        ctx.output('currency', estimate.currency);
        ctx.output('monthly', estimate.monthly);
        ctx.output(
          'lines',
          estimate.lines as unknown as Array<Record<string, unknown>>,
        );
        ctx.output('estimate', estimate as unknown as Record<string, unknown>);
        ctx.output('markdown', estimateMarkdown(estimate));
      },
    }),
  );
}
