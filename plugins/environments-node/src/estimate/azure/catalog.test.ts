import fs from 'node:fs';
import path from 'node:path';
import { azureCases } from '../../generate/__testUtils__/fixtures';
import { estimateSpec } from '../estimateSpec';
import { cloudPricers, isPricedRegion } from '../pricers';
import {
  atlasAzureTableSchema,
  defaultAzurePricesDir,
  getAzurePriceCatalog,
  parseAzureCatalogFile,
} from './catalog';
import { azureSizeCatalog } from './sizeCatalog';

const REGIONS = [
  'eastus',
  'eastus2',
  'westus2',
  'westeurope',
  'northeurope',
  'uksouth',
  'germanywestcentral',
  'australiaeast',
  'southeastasia',
  'centralindia',
];

describe('the shipped Azure price catalog (prices/azure)', () => {
  const dir = defaultAzurePricesDir();

  it('has a file per region, each price with its meter, source, kind and date', () => {
    for (const region of [...REGIONS, 'global']) {
      const file = parseAzureCatalogFile(
        fs.readFileSync(path.join(dir, `${region}.json`), 'utf8'),
        `${region}.json`,
      );
      expect(
        region === 'global' || /^Zone \d$/.test(file.frontDoorZone ?? ''),
      ).toBe(true);
      for (const [group, g] of Object.entries(file.groups)) {
        const items = g.price ? [g.price] : Object.values(g.prices ?? {});
        expect([group, items.length > 0]).toEqual([group, true]);
        for (const item of items) {
          const source = file.sources[item.source ?? g.source];
          expect(source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(['recorded', 'documented']).toContain(source.kind);
          for (const field of [
            'serviceName',
            'productName',
            'skuName',
            'meterName',
            'unitOfMeasure',
          ] as const) {
            expect(item.meter[field].length).toBeGreaterThan(0);
          }
          expect(item.usd).toBeGreaterThan(0);
        }
      }
    }
  });

  it('holds no Atlas on Azure row it has no source for, and says where rows come from', () => {
    const atlas = atlasAzureTableSchema.parse(
      JSON.parse(fs.readFileSync(path.join(dir, 'atlas.json'), 'utf8')),
    );
    expect(atlas.regions).toEqual({});
    expect(atlas.source.note).toMatch(/not found in public files/);
  });

  it('never borrows a price from another region: West Europe holds only its own sourced prices', () => {
    const c = getAzurePriceCatalog();
    expect(c.hasGroup('westeurope', 'postgres.compute')).toBe(false);
    expect(c.flat('nat.hour', 'westeurope').usd).toBe(0.045);
    expect(() => c.flat('nat.hour', 'eastus')).toThrow(
      'no nat.hour price in eastus (`terrace prices refresh --cloud azure --region eastus` reads it from the Azure Retail Prices API)',
    );
  });

  it('makes Azure sizes known to validation and the form where it prices them', () => {
    expect(azureSizeCatalog.knownSizes!('azure', 'postgres', 'eastus')).toEqual(
      expect.arrayContaining([
        'Standard_B1ms',
        'Standard_B2s',
        'Standard_D2ds_v5',
      ]),
    );
    expect(
      azureSizeCatalog.knownSizes!('azure', 'redis', 'australiaeast'),
    ).toEqual(['Balanced_B1', 'Balanced_B5']);
    expect(
      azureSizeCatalog.knownSizes!('azure', 'vm-group', 'uksouth'),
    ).toEqual(['Standard_D2s_v5']);
    expect(azureSizeCatalog.covers!('azure', 'redis')).toBe(true);
  });

  it('a region it does not price completely validates and generates, and its estimate names every missing price', () => {
    expect(cloudPricers.azure).toBeDefined();
    expect(isPricedRegion('azure', 'westeurope')).toBe(false);
    expect(azureSizeCatalog.unpricedRegion!('azure', 'westeurope')).toEqual({
      missing: expect.arrayContaining([
        'postgres.compute',
        'redis.managed',
        'storage.blob',
        'registry.sku',
        'loadBalancer.hour',
      ]),
      remedy:
        '`terrace prices refresh --cloud azure --region westeurope` reads them from the Azure Retail Prices API (no key) into westeurope.json',
    });
    const stack = azureCases().find(
      c => c.name === 'integration-platform-azure',
    )!;
    const result = estimateSpec(stack.spec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unpricedRegion).toBe(true);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        {
          path: 'spec.components[1].size',
          message: expect.stringMatching(
            /^no redis\.managed price for "Balanced_B1" in westeurope/,
          ),
        },
        {
          path: 'spec.components[0].size',
          message: expect.stringMatching(
            /^no MongoDB Atlas on Azure price for M10 in EUROPE_WEST/,
          ),
        },
      ]),
    );
    // Validation did not refuse the spec: every problem is a missing price.
    expect(result.problems.every(p => /^no /.test(p.message))).toBe(true);
  });
});
