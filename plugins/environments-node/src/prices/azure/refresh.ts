import fs from 'node:fs';
import path from 'node:path';
import { cloudProfiles } from '@terrace/plugin-environments-common';
import {
  azureCatalogFileSchema,
  parseAzureCatalogFile,
  type AzureCatalogFile,
} from '../../estimate/azure/catalog';
import type { PriceRefreshOptions, PriceRefreshResult } from '../refresher';
import { AZURE_GROUP_QUERIES, type MappedPrice } from './mapping';
import {
  AZURE_RETAIL_PRICES_URL,
  type RetailPricesQuery,
} from './retailPrices';

/** @public The source id the refresher records its prices under. */
export const RETAIL_PRICES_API_SOURCE = 'azure-retail-prices-api';

/** The Front Door zone of the regions the catalog ships (Front Door bills by zone, not region). */
const FRONT_DOOR_ZONES: Record<string, string> = {
  eastus: 'Zone 1',
  eastus2: 'Zone 1',
  westus2: 'Zone 1',
  westeurope: 'Zone 1',
  northeurope: 'Zone 1',
  uksouth: 'Zone 1',
  germanywestcentral: 'Zone 1',
  southeastasia: 'Zone 2',
  australiaeast: 'Zone 4',
  centralindia: 'Zone 5',
};

/** @public A region the API answers nothing for, or one Azure does not have: fix `--region`. */
export class AzureRegionError extends Error {
  readonly name = 'AzureRegionError';
}

/** @public An answer that does not make a valid catalog (two prices for one key, a bad file). */
export class AzureCatalogAnswerError extends Error {
  readonly name = 'AzureCatalogAnswerError';
}

/** @public */
export interface AzureRefreshOptions extends PriceRefreshOptions {
  query: RetailPricesQuery;
}

/**
 * Rebuilds `<dir>/<region>.json` from the Azure Retail Prices API: every group of
 * `AZURE_GROUP_QUERIES` is read with its filter (`armRegionName` the region, or `Global` for the
 * meters Azure lists once for every region, `priceType eq 'Consumption'`, every page); a group the API answers is replaced and recorded under the source
 * `azure-retail-prices-api` with today's date, a group it answers nothing for keeps what the
 * file had (with the reason). The file is written only when every answer was read and the whole
 * new file is valid; otherwise nothing changes. Throws AzureRegionError for a region Azure does
 * not have or the API answers no price for, RetailPricesApiError for an answer it cannot read.
 * @public
 */
export async function refreshAzureRegion(
  options: AzureRefreshOptions,
): Promise<PriceRefreshResult> {
  const { region, dir, today, query, log } = options;
  if (!cloudProfiles.azure.regions.includes(region)) {
    throw new AzureRegionError(
      `"${region}" is not an Azure region (ARM names such as westeurope, eastus)`,
    );
  }
  const fileName = `${region}.json`;
  const file = path.join(dir, fileName);
  const old: AzureCatalogFile | undefined = fs.existsSync(file)
    ? parseAzureCatalogFile(fs.readFileSync(file, 'utf8'), fileName)
    : undefined;

  const answers = new Map<string, Map<string, MappedPrice>>();
  let location: string | undefined;
  let anyItem = false;
  for (const [group, q] of Object.entries(AZURE_GROUP_QUERIES)) {
    // Meters listed once for every region are read under `Global` (see GroupQuery.priceRegion).
    const armRegion = q.priceRegion ?? region;
    const items = await query(
      `${q.filter} and armRegionName eq '${armRegion}' and priceType eq 'Consumption'`,
    );
    if (!q.priceRegion) anyItem ||= items.length > 0;
    const prices = new Map<string, MappedPrice>();
    for (const item of items) {
      if (item.currencyCode !== 'USD') {
        throw new AzureCatalogAnswerError(
          `${group}: the API answered ${item.currencyCode} prices; the catalog is in USD`,
        );
      }
      if (item.armRegionName !== armRegion) continue;
      if (!q.priceRegion) location ??= item.location;
      const mapped = q.map(item);
      if (!mapped) continue;
      const seen = prices.get(mapped.key);
      if (seen && seen.usd !== mapped.usd) {
        throw new AzureCatalogAnswerError(
          `${group} ${mapped.key}: the API answered two prices (${seen.usd} for ${seen.meter.meterName}, ${mapped.usd} for ${mapped.meter.meterName})`,
        );
      }
      if (!seen) prices.set(mapped.key, mapped);
    }
    if (prices.size > 0) answers.set(group, prices);
    log?.(`${group}: ${prices.size} price${prices.size === 1 ? '' : 's'}`);
  }
  if (!anyItem) {
    throw new AzureRegionError(
      `the Azure Retail Prices API answered no prices for armRegionName "${region}"`,
    );
  }

  const groups: AzureCatalogFile['groups'] = {};
  const updated: string[] = [];
  const kept: PriceRefreshResult['kept'] = [];
  const changed: PriceRefreshResult['changed'] = [];
  for (const [group, q] of Object.entries(AZURE_GROUP_QUERIES)) {
    const answer = answers.get(group);
    const before = old?.groups[group];
    if (!answer) {
      if (before) {
        groups[group] = before;
        kept.push({ group, reason: 'the API answered no matching price' });
      }
      continue;
    }
    updated.push(group);
    const items = Object.fromEntries(
      [...answer.values()]
        .sort((a, b) => a.key.localeCompare(b.key, 'en'))
        .map(p => [p.key, { usd: p.usd, meter: p.meter }]),
    );
    groups[group] = q.keyed
      ? { unit: q.unit, source: RETAIL_PRICES_API_SOURCE, prices: items }
      : { unit: q.unit, source: RETAIL_PRICES_API_SOURCE, price: items.price };
    const was = (key: string) =>
      before?.prices?.[key]?.usd ??
      (key === 'price' ? before?.price?.usd : undefined);
    for (const [key, item] of Object.entries(items)) {
      const from = was(key);
      if (from !== undefined && from !== item.usd) {
        changed.push({
          group,
          ...(q.keyed ? { key } : {}),
          from,
          to: item.usd,
        });
      }
    }
  }
  // Groups of the old file the refresher does not read stay as they were.
  for (const [group, g] of Object.entries(old?.groups ?? {})) {
    if (!(group in AZURE_GROUP_QUERIES)) {
      groups[group] = g;
      kept.push({ group, reason: 'not read from the Retail Prices API' });
    }
  }
  const sources = Object.fromEntries(
    Object.entries(old?.sources ?? {}).filter(([id]) =>
      Object.values(groups).some(
        g =>
          g.source === id ||
          Object.values(g.prices ?? {}).some(p => p.source === id),
      ),
    ),
  );
  sources[RETAIL_PRICES_API_SOURCE] = {
    title:
      'Azure Retail Prices API, pay-as-you-go (priceType Consumption), USD',
    url: AZURE_RETAIL_PRICES_URL,
    retrieved: today,
    kind: 'recorded',
    note: 'Written by `terrace prices refresh --cloud azure`; each price names its meter.',
  };
  const next = {
    catalogVersion: today.replace(/-/g, '.'),
    cloud: 'azure' as const,
    region,
    location: location ?? old?.location ?? region,
    currency: 'USD' as const,
    frontDoorZone: old?.frontDoorZone ?? FRONT_DOOR_ZONES[region],
    sources,
    groups,
  };
  // Validate the whole file before anything is written.
  const valid = azureCatalogFileSchema.safeParse(next);
  if (!valid.success) {
    throw new AzureCatalogAnswerError(
      `the refreshed ${fileName} would not be valid: ${valid.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(valid.data, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return { file, updated, kept, changed };
}
