import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAzureCatalogFile } from '../../estimate/azure/catalog';
import { createAzurePriceRefresher } from './refresher';
import { RETAIL_PRICES_API_SOURCE } from './refresh';
import {
  recordedItems,
  startRetailPricesServer,
} from './__testUtils__/retailPricesServer';
import { defaultAzurePricesDir } from '../../estimate/azure/catalog';

describe('terrace prices refresh --cloud azure (the Azure price refresher)', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startRetailPricesServer>> | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-azure-refresh-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const refresher = (baseUrl: string) =>
    createAzurePriceRefresher({ baseUrl, maxDelayMs: 5 });
  const read = (region: string) =>
    parseAzureCatalogFile(
      fs.readFileSync(path.join(dir, `${region}.json`), 'utf8'),
      `${region}.json`,
    );

  it('reads every page of every group, keeps the pay-as-you-go Linux prices and converts them to the catalog units', async () => {
    server = await startRetailPricesServer({ pageSize: 2 });
    const result = await refresher(server.baseUrl).refresh({
      region: 'westeurope',
      dir,
      today: '2026-12-01',
    });
    const file = read('westeurope');
    expect(result.file).toBe(path.join(dir, 'westeurope.json'));
    expect(file.location).toBe('EU West');
    expect(file.frontDoorZone).toBe('Zone 1');
    expect(file.catalogVersion).toBe('2026.12.01');
    expect(file.sources[RETAIL_PRICES_API_SOURCE]).toMatchObject({
      retrieved: '2026-12-01',
      kind: 'recorded',
      url: 'https://prices.azure.com/api/retail/prices',
    });
    // Every query carries the price type and the region, but NAT gateway and private endpoint
    // meters, which the API lists once under Global; VMs span several pages of 2.
    expect(
      server.requests.every(f => f.includes("priceType eq 'Consumption'")),
    ).toBe(true);
    expect(
      server.requests
        .filter(f => f.includes("armRegionName eq 'Global'"))
        .map(f => f.split(' and armRegionName')[0]),
    ).toEqual([
      "serviceName eq 'NAT Gateway'",
      "serviceName eq 'NAT Gateway'",
      "serviceName eq 'Virtual Network' and productName eq 'Virtual Network Private Link'",
    ]);
    expect(
      server.requests.filter(f => !f.includes("armRegionName eq 'Global'")),
    ).toEqual(
      server.requests.filter(f => f.includes("armRegionName eq 'westeurope'")),
    );
    expect(
      server.requests.filter(f =>
        f.startsWith("serviceName eq 'Virtual Machines'"),
      ).length,
    ).toBe(3);
    const g = file.groups;
    // Burstable by SKU name, General Purpose from the per-vCore meter times the vCores.
    expect(
      Object.fromEntries(
        Object.entries(g['postgres.compute'].prices!).map(([k, v]) => [
          k,
          v.usd,
        ]),
      ),
    ).toEqual({
      Standard_B1ms: 0.0207,
      Standard_B2s: 0.083,
      Standard_D2ds_v4: 0.198,
      Standard_D2ds_v5: 0.198,
      Standard_D4ds_v5: 0.396,
    });
    expect(g['postgres.compute'].prices!.Standard_D4ds_v5.meter).toEqual({
      serviceName: 'Azure Database for PostgreSQL',
      productName:
        'Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 Series Compute',
      skuName: '4 vCore',
      meterName: 'vCore',
      unitOfMeasure: '1 Hour',
      derivation: 'per server-hour: retailPrice × 4 vCores',
    });
    expect(g['postgres.storage'].price!.usd).toBe(0.127);
    expect(g['postgres.backup.grs'].price!.usd).toBe(0.2);
    // Windows and Spot prices are not the Linux pay-as-you-go price.
    expect(
      Object.fromEntries(
        Object.entries(g['vm.linux'].prices!).map(([k, v]) => [k, v.usd]),
      ),
    ).toEqual({
      Standard_B1s: 0.0114,
      Standard_B2s: 0.0456,
      Standard_D2s_v3: 0.111,
      Standard_D2s_v5: 0.107,
    });
    expect(Object.keys(g['redis.managed'].prices!)).toEqual([
      'Balanced_B0',
      'Balanced_B1',
      'Balanced_B3',
      'MemoryOptimized_M10',
    ]);
    // The first volume tier of blob storage only.
    expect(g['storage.blob'].prices!.Hot_ZRS.usd).toBe(0.0245);
    expect(g['registry.sku'].prices!.Premium).toMatchObject({ usd: 1.6666 });
    // 10K operations stay per 10K; free tiers (price 0) are not the price.
    expect(g['keyVault.operations'].price!.usd).toBe(0.03);
    expect(g['logAnalytics.ingest'].price!.usd).toBe(2.99);
    expect(g['monitor.metricAlert'].price!.usd).toBe(0.1);
    expect(g['containerApps.vcpu']).toMatchObject({
      unit: 'vCPU-seconds',
      price: { usd: 0.000034 },
    });
    expect(g['nat.hour'].price!.usd).toBe(0.045);
    expect(g['privateEndpoint.hour'].price!.usd).toBe(0.01);
    expect(result.kept).toEqual([]);
    expect(result.updated).toHaveLength(Object.keys(g).length);
  });

  it('keeps the groups the API answers nothing for and reports the prices that changed', async () => {
    server = await startRetailPricesServer();
    const r = refresher(server.baseUrl);
    await r.refresh({ region: 'westeurope', dir, today: '2026-12-01' });
    const doc = JSON.parse(
      fs.readFileSync(path.join(dir, 'westeurope.json'), 'utf8'),
    );
    doc.groups['nat.hour'].price.usd = 0.04;
    fs.writeFileSync(path.join(dir, 'westeurope.json'), JSON.stringify(doc));
    await server.close();
    // Now the API has no NAT gateway prices: the group stays as the file had it.
    server = await startRetailPricesServer({
      items: recordedItems().filter(i => i.serviceName !== 'NAT Gateway'),
    });
    const second = await refresher(server.baseUrl).refresh({
      region: 'westeurope',
      dir,
      today: '2026-12-02',
    });
    expect(second.kept).toEqual([
      { group: 'nat.hour', reason: 'the API answered no matching price' },
      { group: 'nat.gb', reason: 'the API answered no matching price' },
    ]);
    expect(read('westeurope').groups['nat.hour'].price!.usd).toBe(0.04);
    expect(second.changed).toEqual([]);
    await server.close();
    server = await startRetailPricesServer();
    const third = await refresher(server.baseUrl).refresh({
      region: 'westeurope',
      dir,
      today: '2026-12-03',
    });
    expect(third.changed).toEqual([
      { group: 'nat.hour', from: 0.04, to: 0.045 },
    ]);
  });

  it('waits and retries a 429 (Retry-After) and a 503, then reads on', async () => {
    server = await startRetailPricesServer({
      override: n =>
        [
          undefined,
          { status: 429, headers: { 'retry-after': '0' } },
          { status: 503 },
        ][n],
    });
    const result = await refresher(server.baseUrl).refresh({
      region: 'westeurope',
      dir,
      today: '2026-12-01',
    });
    expect(result.updated).toContain('postgres.compute');
    expect(server.requests[0]).toBe(server.requests[2]);
  });

  it('writes nothing when the API keeps failing, and says why in words', async () => {
    // The shipped West Europe file stays byte for byte as it was.
    const shipped = fs.readFileSync(
      path.join(defaultAzurePricesDir(), 'westeurope.json'),
      'utf8',
    );
    fs.writeFileSync(path.join(dir, 'westeurope.json'), shipped);
    server = await startRetailPricesServer({
      // The first groups answer; a later one fails for good.
      override: (_n, url) =>
        (url.searchParams.get('$filter') ?? '').startsWith(
          "serviceName eq 'Storage'",
        )
          ? { status: 500 }
          : undefined,
    });
    const r = refresher(server.baseUrl);
    const error = await r
      .refresh({ region: 'westeurope', dir, today: '2026-12-01' })
      .catch(e => e);
    expect(r.describeFailure(error)).toEqual({
      message:
        'the Azure Retail Prices API answered 500 Internal Server Error 4 times',
    });
    expect(fs.readFileSync(path.join(dir, 'westeurope.json'), 'utf8')).toBe(
      shipped,
    );
    expect(fs.readdirSync(dir)).toEqual(['westeurope.json']);
  });

  it('refuses a page that is not the documented shape', async () => {
    server = await startRetailPricesServer({
      override: () => ({ status: 200, body: JSON.stringify({ items: [] }) }),
    });
    const r = refresher(server.baseUrl);
    const error = await r
      .refresh({ region: 'westeurope', dir, today: '2026-12-01' })
      .catch(e => e);
    expect(r.describeFailure(error)?.message).toMatch(
      /answered a page that is not a price list \(Items: /,
    );
    expect(fs.existsSync(path.join(dir, 'westeurope.json'))).toBe(false);
  });

  it('names --region for a region Azure does not have, or one the API has no prices for', async () => {
    server = await startRetailPricesServer();
    const r = refresher(server.baseUrl);
    const unknown = await r
      .refresh({ region: 'mars-north', dir, today: '2026-12-01' })
      .catch(e => e);
    expect(r.describeFailure(unknown)).toEqual({
      option: '--region',
      message:
        '"mars-north" is not an Azure region (ARM names such as westeurope, eastus)',
    });
    const empty = await r
      .refresh({ region: 'uksouth', dir, today: '2026-12-01' })
      .catch(e => e);
    expect(r.describeFailure(empty)).toEqual({
      option: '--region',
      message:
        'the Azure Retail Prices API answered no prices for armRegionName "uksouth"',
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('takes the API address from TERRACE_AZURE_RETAIL_PRICES_URL', async () => {
    server = await startRetailPricesServer();
    process.env.TERRACE_AZURE_RETAIL_PRICES_URL = server.baseUrl;
    try {
      const result = await createAzurePriceRefresher({ maxDelayMs: 5 }).refresh(
        { region: 'westeurope', dir, today: '2026-12-01' },
      );
      expect(result.updated.length).toBeGreaterThan(10);
      expect(server.requests.length).toBeGreaterThan(10);
    } finally {
      delete process.env.TERRACE_AZURE_RETAIL_PRICES_URL;
    }
  });
});

describe('AZURE_GROUP_QUERIES', () => {
  it('reads every group a region file must hold', () => {
    const { AZURE_GROUP_QUERIES } = jest.requireActual('./mapping');
    const { AZURE_REGION_GROUPS } = jest.requireActual(
      '../../estimate/azure/catalog',
    );
    expect(Object.keys(AZURE_GROUP_QUERIES).sort()).toEqual(
      [...AZURE_REGION_GROUPS].sort(),
    );
  });
});
