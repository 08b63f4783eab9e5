import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAzurePriceRefresher } from '../../../prices/azure/refresher';
import {
  recordedItems,
  startRetailPricesServer,
} from '../../../prices/azure/__testUtils__/retailPricesServer';
import {
  defaultAzurePricesDir,
  loadAzurePriceCatalog,
  type AzurePriceCatalog,
} from '../catalog';

/**
 * A complete Azure catalog for tests, made the way a user makes one: `terrace prices refresh
 * --cloud azure` against the 127.0.0.1 Retail Prices server answering the recorded West Europe
 * items (regional ones relabelled for each other region asked for, the Global ones once), the shipped `global.json` (Front Door) and
 * an Atlas table with one test row per region. Its values are test data, not list prices.
 */
export async function refreshedCatalog(
  regions: string[] = ['westeurope'],
): Promise<{ catalog: AzurePriceCatalog; dir: string; cleanup: () => void }> {
  // regional items relabelled per region; the Global ones (NAT gateway, private endpoint) once
  const recorded = recordedItems();
  const items = [
    ...regions.flatMap(region =>
      recorded
        .filter(i => i.armRegionName !== 'Global')
        .map(i => ({ ...i, armRegionName: region })),
    ),
    ...recorded.filter(i => i.armRegionName === 'Global'),
  ];
  const server = await startRetailPricesServer({ items, pageSize: 50 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-azure-catalog-'));
  try {
    const refresher = createAzurePriceRefresher({ baseUrl: server.baseUrl });
    for (const region of regions) {
      await refresher.refresh({ region, dir, today: '2026-12-01' });
    }
  } finally {
    await server.close();
  }
  fs.copyFileSync(
    path.join(defaultAzurePricesDir(), 'global.json'),
    path.join(dir, 'global.json'),
  );
  fs.writeFileSync(
    path.join(dir, 'atlas.json'),
    JSON.stringify({
      source: {
        title: 'test row (not an Atlas price)',
        url: 'https://www.mongodb.com/pricing',
        retrieved: '2026-12-01',
      },
      unit: 'cluster-hours',
      regions: { EUROPE_WEST: { M10: 0.1 }, EUROPE_NORTH: { M10: 0.1 } },
    }),
  );
  return {
    catalog: loadAzurePriceCatalog(dir),
    dir,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
