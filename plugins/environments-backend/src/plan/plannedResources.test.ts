import { promises as fs } from 'node:fs';
import path from 'node:path';
import { plannedFromCostJson } from './plannedResources';

const GOLDEN = path.resolve(
  __dirname,
  '../../../environments-node/src/generate/__golden__/aussie-markets-staging/cost.json',
);

describe('plannedFromCostJson', () => {
  it('lists each Terraform address of a generated cost.json once, with its lines summed to the estimate', async () => {
    const text = await fs.readFile(GOLDEN, 'utf8');
    const { estimate, resources } = plannedFromCostJson(text);
    const json = JSON.parse(text);
    expect(estimate).toEqual({
      monthly: json.monthly,
      currency: 'USD',
      retrieved: json.prices.retrieved,
    });
    const nat = resources.find(r => r.address === 'aws_nat_gateway.main')!;
    expect(nat.component).toBe('network');
    expect(nat.descriptions).toEqual([
      'NAT gateway, 1 gateway',
      'NAT gateway data processed (spec.usage.natProcessedGb)',
    ]);
    expect(nat.monthly).toBe(43.66);
    const addresses = resources.map(r => `${r.component} ${r.address}`);
    expect(new Set(addresses).size).toBe(addresses.length);
    const total = resources.reduce((sum, r) => sum + r.monthly, 0);
    expect(total).toBeCloseTo(json.monthly, 1);
  });

  it('refuses a file that is not a cost.json', () => {
    expect(() => plannedFromCostJson('{"lines": []}')).toThrow(/monthly/);
    expect(() => plannedFromCostJson('not json')).toThrow(SyntaxError);
  });
});
