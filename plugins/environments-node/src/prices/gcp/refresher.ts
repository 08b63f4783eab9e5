/**
 * `terrace prices refresh --cloud gcp --region <r>`: re-reads the prices of a region's catalog
 * file (`prices/gcp/<region>.json`) from the Cloud Billing Catalog API, matching each price by
 * its SKU id, or by its SKU description among the SKUs whose `serviceRegions` hold the region;
 * fills in the SKU ids; keeps (with why) what the catalog does not answer (MongoDB Atlas is not
 * sold through Google's catalog); writes the file only when every call succeeded and the whole
 * result passes the catalog schema.
 *
 * Credentials: an API key from `TERRACE_GCP_BILLING_API_KEY` (never from the repo); ADC is not
 * read. Base URL: `TERRACE_GCP_BILLING_BASE_URL` (default https://cloudbilling.googleapis.com),
 * overridable for tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cloudProfiles } from '@terrace/plugin-environments-common';
import {
  defaultGcpPricesDir,
  gcpRegionCatalogFileSchema,
  parseGcpRegionCatalogFile,
  type GcpRegionCatalogFile,
} from '../../estimate/gcp/catalog';
import type {
  PriceRefresher,
  PriceRefreshFailure,
  PriceRefreshOptions,
  PriceRefreshResult,
} from '../refresher';
import {
  BILLING_SERVICES,
  BillingCatalogError,
  listServiceSkus,
  skuUnitPrice,
  type BillingSku,
} from './billingCatalog';

/** @public Source id of prices read from the Cloud Billing Catalog API. */
export const BILLING_API_SOURCE = 'gcp-cloud-billing-catalog-api';

/** The catalog service of each group prefix; undefined: not in Google's catalog (Atlas). */
export function serviceOfGroup(group: string): string | undefined {
  const prefix = group.split('.')[0];
  switch (prefix) {
    case 'cloudsql':
      return BILLING_SERVICES.cloudSql;
    case 'memorystore':
      return BILLING_SERVICES.memorystoreRedis;
    case 'gcs':
      return BILLING_SERVICES.cloudStorage;
    case 'run':
      return BILLING_SERVICES.cloudRun;
    case 'nat':
    case 'cdn':
      return BILLING_SERVICES.networking;
    case 'lb':
    case 'ip':
      return BILLING_SERVICES.computeEngine;
    case 'artifactRegistry':
      return BILLING_SERVICES.artifactRegistry;
    case 'secretManager':
      return BILLING_SERVICES.secretManager;
    default:
      return undefined;
  }
}

/** How many of the API's usage unit make one of the catalog's unit (`count` -> per million). */
function unitFactor(unit: string, usageUnit: string): number {
  if (usageUnit !== 'count') return 1;
  if (/^million /.test(unit)) return 1e6;
  if (/^10,000 /.test(unit)) return 1e4;
  return 1;
}

/** @public Thrown when no API key is set. */
export class MissingApiKeyError extends Error {
  readonly name = 'MissingApiKeyError';
  constructor() {
    super(
      'no Cloud Billing Catalog API key: set TERRACE_GCP_BILLING_API_KEY to an API key allowed the Cloud Billing API (keys stay out of the repo; Application Default Credentials are not read)',
    );
  }
}

/** The API key or the words for its absence. */
function apiKey(): string {
  const key = process.env.TERRACE_GCP_BILLING_API_KEY;
  if (!key) throw new MissingApiKeyError();
  return key;
}

/** @public Thrown for a region `--region` cannot name. */
export class UnknownRegionError extends Error {
  readonly name = 'UnknownRegionError';
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** @public Refreshes one region's file; see the module comment. */
export async function refreshGcpRegion(
  options: PriceRefreshOptions & { baseUrl?: string },
): Promise<PriceRefreshResult> {
  const { region, dir, today, log = () => {} } = options;
  if (!cloudProfiles.gcp.regions.includes(region)) {
    throw new UnknownRegionError(
      `"${region}" is not a Google Cloud region (e.g. us-central1, europe-west1)`,
    );
  }
  const file = path.join(dir, `${region}.json`);
  if (!fs.existsSync(file)) {
    throw new UnknownRegionError(
      `no catalog file ${file} for "${region}": the refresh re-reads the prices a file holds; copy another region's file (its SKU descriptions name that region's location) and refresh it`,
    );
  }
  const current = parseGcpRegionCatalogFile(
    fs.readFileSync(file, 'utf8'),
    `${region}.json`,
  );
  const key = apiKey();
  const baseUrl =
    options.baseUrl ??
    process.env.TERRACE_GCP_BILLING_BASE_URL ??
    'https://cloudbilling.googleapis.com';

  const groups = Object.keys(current.prices).sort();
  const services = [
    ...new Set(groups.map(serviceOfGroup).filter((s): s is string => !!s)),
  ].sort();
  const skusOf = new Map<string, BillingSku[]>();
  // Every call first: one failure leaves the file as it was.
  for (const service of services) {
    const skus = await listServiceSkus({ baseUrl, apiKey: key }, service);
    skusOf.set(service, skus);
    log(`services/${service}/skus: ${skus.length} SKUs`);
  }

  const next: GcpRegionCatalogFile = JSON.parse(JSON.stringify(current));
  const result: PriceRefreshResult = {
    file,
    updated: [],
    kept: [],
    changed: [],
  };
  for (const group of groups) {
    const service = serviceOfGroup(group);
    const price = current.prices[group];
    if (!service) {
      result.kept.push({
        group,
        reason:
          'not sold through the Cloud Billing Catalog (kept with its source)',
      });
      continue;
    }
    const candidates = (skusOf.get(service) ?? []).filter(s =>
      price.sku.id
        ? s.skuId === price.sku.id
        : s.description === price.sku.description &&
          (s.serviceRegions ?? []).some(r => r === region || r === 'global'),
    );
    if (candidates.length !== 1) {
      result.kept.push({
        group,
        reason: `${
          candidates.length === 0 ? 'no' : `${candidates.length}`
        } SKU "${
          price.sku.id ?? price.sku.description
        }" for ${region} in services/${service}`,
      });
      continue;
    }
    const sku = candidates[0];
    const amount = skuUnitPrice(sku);
    if (amount === undefined) {
      result.kept.push({ group, reason: `SKU ${sku.skuId} has no price` });
      continue;
    }
    const usd =
      Math.round(
        amount *
          unitFactor(
            price.unit,
            sku.pricingInfo[sku.pricingInfo.length - 1].pricingExpression
              .usageUnit,
          ) *
          1e9,
      ) / 1e9;
    if (usd !== price.usd)
      result.changed.push({ group, from: price.usd, to: usd });
    next.prices[group] = {
      unit: price.unit,
      usd,
      source: BILLING_API_SOURCE,
      sku: { id: sku.skuId, description: sku.description },
    };
    result.updated.push(group);
    log(`${group}: ${sku.skuId} ${sku.description} = ${usd} per ${price.unit}`);
  }
  if (result.updated.length === 0) {
    throw new UnknownRegionError(
      `the Cloud Billing Catalog answered no price of ${region}'s catalog file (kept: ${result.kept
        .map(k => `${k.group}: ${k.reason}`)
        .join('; ')})`,
    );
  }
  next.sources[BILLING_API_SOURCE] = {
    title: 'Cloud Billing Catalog API, services.skus.list (list prices in USD)',
    url: 'https://cloud.google.com/billing/docs/reference/rest/v1/services.skus/list',
    retrieved: today,
  };
  // Sources no price uses any more are dropped.
  const used = new Set(Object.values(next.prices).map(p => p.source));
  for (const id of Object.keys(next.sources)) {
    if (!used.has(id)) delete next.sources[id];
  }
  const checked = gcpRegionCatalogFileSchema.safeParse(next);
  if (!checked.success) {
    throw new Error(
      `the refreshed ${region}.json would not be valid, so it was not written: ${checked.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  writeAtomically(file, `${JSON.stringify(checked.data, null, 2)}\n`);
  return result;
}

/**
 * The GCP price refresher: rebuilds `prices/gcp/<region>.json` from the Cloud Billing Catalog
 * API with the API key in `TERRACE_GCP_BILLING_API_KEY`; `baseUrl` (or
 * `TERRACE_GCP_BILLING_BASE_URL`) points it at another server.
 * @public
 */
export function createGcpPriceRefresher(baseUrl?: string): PriceRefresher {
  return {
    cloud: 'gcp',
    apiName:
      'the Cloud Billing Catalog API (an API key in TERRACE_GCP_BILLING_API_KEY)',
    defaultDir: defaultGcpPricesDir,
    refresh: options => refreshGcpRegion({ ...options, baseUrl }),
    describeFailure(e: unknown): PriceRefreshFailure | undefined {
      if (e instanceof MissingApiKeyError) return { message: e.message };
      if (e instanceof UnknownRegionError) {
        return { option: '--region', message: e.message };
      }
      if (e instanceof BillingCatalogError) {
        return {
          message:
            e.status === 400 || e.status === 401 || e.status === 403
              ? `${e.message}; the key must be valid and allowed the Cloud Billing API (TERRACE_GCP_BILLING_API_KEY)`
              : e.message,
        };
      }
      return undefined;
    },
  };
}

/** @public The GCP price refresher over the Cloud Billing Catalog API. */
export const gcpPriceRefresher: PriceRefresher = createGcpPriceRefresher();
