import type { Estimate } from '@terrace/plugin-environments-common';

const HEADERS = [
  'Component',
  'Resource',
  'Description',
  'Quantity',
  'Unit price',
  'Monthly',
] as const;

function money(amount: number): string {
  return `$${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
}

function unitPrice(amount: number): string {
  // List prices carry up to 6 decimals (Fargate GB-hour 0.004445); show what the catalog holds.
  const digits = Math.min(
    6,
    Math.max(2, (amount.toString().split('.')[1] ?? '').length),
  );
  return `$${amount.toFixed(digits)}`;
}

function quantity(q: number, unit: string): string {
  return `${q.toLocaleString('en-US', { maximumFractionDigits: 4 })} ${unit}`;
}

/** @public Output forms of the table. */
export type EstimateTableFormat = 'text' | 'markdown';

/**
 * The estimate as a table, like Infracost's breakdown: component, resource, description,
 * quantity, unit price and monthly cost per line, then the total. `text` pads columns for a
 * terminal; `markdown` is the README's cost table.
 * @public
 */
export function formatEstimateTable(
  estimate: Estimate,
  format: EstimateTableFormat = 'text',
): string {
  const rows = estimate.lines.map(l => [
    l.component,
    l.resource,
    l.description,
    quantity(l.quantity, l.unit),
    unitPrice(l.unitPrice),
    money(l.monthly),
  ]);
  const total = ['Total', '', '', '', '', money(estimate.monthly)];
  const note = `${estimate.currency} per month, ${estimate.hoursPerMonth} hours; prices: ${estimate.prices.source}, retrieved ${estimate.prices.retrieved}.`;
  const right = new Set([3, 4, 5]);

  if (format === 'markdown') {
    const esc = (cell: string) => cell.replace(/\|/g, '\\|');
    const line = (cells: readonly string[]) =>
      `| ${cells.map(esc).join(' | ')} |`;
    return [
      line(HEADERS),
      `|${HEADERS.map((_, i) => (right.has(i) ? ' ---: ' : ' --- ')).join(
        '|',
      )}|`,
      ...rows.map(line),
      line(total.map((c, i) => (i === 0 || i === 5 ? `**${c}**` : c))),
      '',
      note,
      '',
    ].join('\n');
  }

  const all = [[...HEADERS], ...rows, total];
  const widths = HEADERS.map((_, i) => Math.max(...all.map(r => r[i].length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((c, i) =>
        right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map(w => '─'.repeat(w)).join('  ');
  return [
    render(HEADERS),
    rule,
    ...rows.map(render),
    rule,
    render(total),
    '',
    note,
    '',
  ].join('\n');
}
