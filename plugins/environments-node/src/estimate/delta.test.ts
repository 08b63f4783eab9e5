import { estimateCostDelta, formatCostDelta } from './delta';
import { estimateSpec } from './estimateSpec';

function spec(components: unknown[], region = 'eu-west-1') {
  return {
    apiVersion: 'terrace.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'shop-staging', owner: 'group:default/shop' },
    spec: { cloud: 'aws', region, tier: 'staging', components },
  };
}

const TODAY = { today: '2026-12-01' };
const base = [
  { name: 'db', type: 'postgres', size: 'db.t3.small' },
  { name: 'assets', type: 'bucket' },
];

function estimateOf(components: unknown[]) {
  const result = estimateSpec(spec(components), TODAY);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.estimate;
}

describe('estimateCostDelta', () => {
  it('shows a component the change adds as lines with 0 before, and the totals of both estimates', () => {
    const after = [...base, { name: 'cache', type: 'redis' }];
    const report = estimateCostDelta(spec(base), spec(after), TODAY);
    if (!report.ok) throw new Error(report.reason);

    const redisLines = estimateOf(after).lines.filter(
      l => l.component === 'cache',
    );
    expect(redisLines.length).toBeGreaterThan(0);
    const added = report.lines.filter(l => l.change === 'added');
    expect(added).toEqual(
      redisLines.map(l => ({
        component: 'cache',
        resource: l.resource,
        item: l.description,
        before: 0,
        after: l.monthly,
        difference: l.monthly,
        change: 'added',
      })),
    );
    // the database and the bucket did not change
    expect(
      report.lines
        .filter(l => l.component === 'db')
        .every(l => l.change === 'unchanged' && l.difference === 0),
    ).toBe(true);
    expect(report.total).toEqual({
      before: estimateOf(base).monthly,
      after: estimateOf(after).monthly,
      difference:
        Math.round(
          (estimateOf(after).monthly - estimateOf(base).monthly) * 100,
        ) / 100,
      currency: 'USD',
    });
    expect(report.total.difference).toBeGreaterThan(0);
  });

  it('shows a removed component with 0 after and a negative difference', () => {
    const report = estimateCostDelta(spec(base), spec([base[1]]), TODAY);
    if (!report.ok) throw new Error(report.reason);
    const removed = report.lines.filter(l => l.change === 'removed');
    const dbLines = estimateOf(base).lines.filter(l => l.component === 'db');
    expect(removed.map(l => [l.resource, l.before, l.after])).toEqual(
      dbLines.map(l => [l.resource, l.monthly, 0]),
    );
    expect(removed.every(l => l.difference === -l.before)).toBe(true);
    expect(report.total.difference).toBeLessThan(0);
  });

  it('shows a resize as one changed line with both amounts', () => {
    const bigger = [
      { name: 'db', type: 'postgres', size: 'db.t3.large' },
      base[1],
    ];
    const report = estimateCostDelta(spec(base), spec(bigger), TODAY);
    if (!report.ok) throw new Error(report.reason);
    const instance = (e: ReturnType<typeof estimateOf>) =>
      e.lines.find(
        l =>
          l.component === 'db' && /db\.t3\.(small|large)/.test(l.description),
      )!;
    const was = instance(estimateOf(base));
    const now = instance(estimateOf(bigger));
    const line = report.lines.find(
      l => l.resource === now.resource && l.item === now.description,
    );
    expect(line).toEqual({
      component: 'db',
      resource: now.resource,
      item: now.description,
      before: was.monthly,
      after: now.monthly,
      difference: Math.round((now.monthly - was.monthly) * 100) / 100,
      change: 'changed',
    });
    expect(report.lines.filter(l => l.change === 'added')).toEqual([]);
    expect(report.lines.filter(l => l.change === 'removed')).toEqual([]);
  });

  it('gives no numbers for a region not fully priced, saying why', () => {
    const report = estimateCostDelta(
      spec(base, 'us-east-2'),
      spec([...base, { name: 'cache', type: 'redis' }], 'us-east-2'),
      TODAY,
    );
    expect(report.ok).toBe(false);
    expect(!report.ok && report.reason).toMatch(
      /^the spec before the change is in a region without prices yet \(spec\.region: no .* price in us-east-2/,
    );
    expect(formatCostDelta(report)).toMatch(/^No cost delta: the spec before/);
  });

  it('formats a Markdown table with a +, - or ~ per line and the totals', () => {
    const report = estimateCostDelta(
      spec(base),
      spec([...base, { name: 'cache', type: 'redis' }]),
      TODAY,
    );
    if (!report.ok) throw new Error(report.reason);
    const table = formatCostDelta(report);
    const cache = report.lines.find(l => l.component === 'cache')!;
    expect(table).toContain(
      `| + cache | ${cache.item} | \`${
        cache.resource
      }\` | $0.00 | $${cache.after.toFixed(2)} | +$${cache.after.toFixed(2)} |`,
    );
    expect(table.split('\n').pop()).toBe(
      `| **total** | | | **$${report.total.before.toFixed(
        2,
      )}** | **$${report.total.after.toFixed(
        2,
      )}** | **+$${report.total.difference.toFixed(2)}** |`,
    );
  });
});
