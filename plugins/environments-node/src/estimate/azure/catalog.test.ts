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
    expect(() => c.flat('loadBalancer.hour', 'eastus')).toThrow(
      'no loadBalancer.hour price in eastus (`terrace prices refresh --cloud azure --region eastus` reads it from the Azure Retail Prices API)',
    );
    // West Europe's registry prices come from a West Europe golden, which has no Standard registry.
    expect(c.keys('registry.sku', 'westeurope').sort()).toEqual([
      'Basic',
      'Premium',
    ]);
    expect(c.keys('registry.sku', 'eastus')).toEqual([]);
  });

  it('prices the Global meters (NAT gateway, private endpoint) and the East US public IP from infracost, as monthly cost / 730', () => {
    const c = getAzurePriceCatalog();
    const eastus = c.regionFile('eastus')!;
    // testdata/nat_gateway_test: $32.85 for 730 h and $0.45 for 10 GB (price region Global).
    expect(c.flat('nat.hour', 'eastus').usd).toBeCloseTo(32.85 / 730, 10);
    expect(c.flat('nat.gb', 'eastus').usd).toBeCloseTo(0.45 / 10, 10);
    // testdata/private_endpoint_test: $7.30 for 730 h (price region Global).
    for (const region of ['eastus', 'westeurope']) {
      expect(c.flat('privateEndpoint.hour', region).usd).toBeCloseTo(
        7.3 / 730,
        10,
      );
      expect(c.regionFile(region)!.groups['privateEndpoint.hour'].source).toBe(
        'infracost-global-meters',
      );
    }
    // testdata/public_ip_test (eastus): $3.65 for 730 h.
    expect(c.flat('publicIp.hour', 'eastus').usd).toBeCloseTo(3.65 / 730, 10);
    expect(eastus.sources['infracost-eastus'].retrieved).toBe('2026-08-21');
    // testdata/container_registry_test (West Europe): $5.00 / $50.00 for 30 days.
    expect(c.sized('registry.sku', 'westeurope', 'Premium').usd).toBeCloseTo(
      50 / 30,
      5,
    );
    expect(c.sized('registry.sku', 'westeurope', 'Basic').usd).toBeCloseTo(
      5 / 30,
      5,
    );
  });

  it('still lacks, in East US, exactly what no offline source gives, and an East US estimate names only those', () => {
    const c = getAzurePriceCatalog();
    expect(c.missingGroups('eastus')).toEqual([
      'loadBalancer.hour',
      'postgres.backup.grs',
      'registry.sku',
      'storage.blob Hot_ZRS',
      'storage.blob Hot_GZRS',
    ]);
    expect(c.completeRegionNames()).toEqual([]);
    const stack = azureCases().find(
      k => k.name === 'integration-platform-azure',
    )!;
    const spec = structuredClone(stack.spec) as { spec: { region: string } };
    spec.spec.region = 'eastus';
    const result = estimateSpec(spec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map(p => p.message);
    for (const priced of [
      'nat.hour',
      'nat.gb',
      'publicIp.hour',
      'privateEndpoint.hour',
    ]) {
      expect(messages.filter(m => m.includes(`no ${priced} `))).toEqual([]);
    }
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^no storage\.blob price for "Hot_ZRS" in eastus/,
        ),
        expect.stringMatching(/^no MongoDB Atlas on Azure price for M10/),
      ]),
    );
    expect(messages.every(m => /^no /.test(m))).toBe(true);
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
        'registry.sku Standard',
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
