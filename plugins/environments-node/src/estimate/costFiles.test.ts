import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { estimateSpec } from './estimateSpec';
import { renderCostJson, renderCostSection } from './costFiles';

const raw = parse(
  fs.readFileSync(
    path.join(__dirname, '__fixtures__', 'shop-staging.yaml'),
    'utf8',
  ),
);

describe('cost files of the generated repo', () => {
  const result = estimateSpec(raw);
  if (!result.ok) throw new Error('fixture');
  const { estimate } = result;

  it('writes cost.json as the contract shape, byte-identical for the same spec', () => {
    const text = renderCostJson(estimate);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(estimate);
    const again = estimateSpec(raw);
    expect(again.ok && renderCostJson(again.estimate)).toBe(text);
  });

  it('writes the README cost section: table, total, sources and assumptions', () => {
    const md = renderCostSection(estimate);
    expect(md).toContain('## Estimated monthly cost');
    expect(md).toContain(
      '| Component | Resource | Description | Quantity | Unit price | Monthly |',
    );
    expect(md).toContain(`**$${estimate.monthly.toFixed(2)}**`);
    expect(md).toContain('retrieved 2026-11-25');
    expect(md).toMatch(/^- 730 hours a month/m);
    expect(md.match(/^\| /gm)).toHaveLength(estimate.lines.length + 3); // header, rule, lines, total
  });
});
