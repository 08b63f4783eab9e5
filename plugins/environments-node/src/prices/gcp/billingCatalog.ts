/**
 * A reader of the Cloud Billing Catalog API's SKU list
 * (https://cloud.google.com/billing/docs/reference/rest/v1/services.skus/list): `GET
 * {base}/v1/services/{serviceId}/skus?key=...&currencyCode=USD&pageToken=...`, every page.
 * Plain `fetch` with an API key: the API is one REST call, and `@google-cloud/billing`'s gRPC
 * client would add a transport for no gain here.
 */

/** @public One SKU as `services.skus.list` answers it (the fields Terrace reads). */
export interface BillingSku {
  name: string;
  skuId: string;
  description: string;
  category?: { serviceDisplayName?: string; usageType?: string };
  serviceRegions?: string[];
  pricingInfo: Array<{
    effectiveTime?: string;
    pricingExpression: {
      usageUnit: string;
      tieredRates: Array<{
        startUsageAmount?: number;
        unitPrice: { currencyCode?: string; units?: string; nanos?: number };
      }>;
    };
  }>;
}

/** @public The catalog's service ids of the services Terrace prices. */
export const BILLING_SERVICES = {
  cloudSql: '9662-B51E-5089',
  memorystoreRedis: '5AF5-2C11-D467',
  cloudStorage: '95FF-2EF5-5EA1',
  cloudRun: '152E-C115-5142',
  networking: 'E505-1604-58F8',
  computeEngine: '6F81-5844-456A',
  artifactRegistry: '149C-F9EC-3994',
  secretManager: 'EE2F-D110-890C',
} as const;

/** @public An error answer of the Cloud Billing Catalog API, with its HTTP status. */
export class BillingCatalogError extends Error {
  readonly name = 'BillingCatalogError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** @public Where and how the catalog is read. */
export interface BillingCatalogOptions {
  /** e.g. `https://cloudbilling.googleapis.com` (a 127.0.0.1 server in tests). */
  baseUrl: string;
  /** An API key allowed the Cloud Billing API. */
  apiKey: string;
}

/** The SKU's price per its usage unit in USD: the first non-zero tier (tiers at 0 are free grants). */
export function skuUnitPrice(sku: BillingSku): number | undefined {
  const info = sku.pricingInfo?.[sku.pricingInfo.length - 1];
  const tiers = info?.pricingExpression?.tieredRates ?? [];
  const amounts = tiers.map(
    t => Number(t.unitPrice.units ?? 0) + (t.unitPrice.nanos ?? 0) / 1e9,
  );
  if (amounts.length === 0) return undefined;
  return amounts.find(a => a > 0) ?? 0;
}

/**
 * Every SKU of a service, following `nextPageToken` until it is empty. Throws
 * BillingCatalogError with the API's status and message on an error answer.
 */
export async function listServiceSkus(
  options: BillingCatalogOptions,
  serviceId: string,
): Promise<BillingSku[]> {
  const skus: BillingSku[] = [];
  let pageToken = '';
  for (let page = 0; page < 1000; page++) {
    const url = new URL(
      `/v1/services/${encodeURIComponent(serviceId)}/skus`,
      options.baseUrl,
    );
    url.searchParams.set('key', options.apiKey);
    url.searchParams.set('currencyCode', 'USD');
    url.searchParams.set('pageSize', '5000');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const res = await fetch(url);
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      throw new BillingCatalogError(
        res.status,
        `the Cloud Billing Catalog answered ${res.status} with no JSON for service ${serviceId}`,
      );
    }
    if (!res.ok) {
      throw new BillingCatalogError(
        res.status,
        `the Cloud Billing Catalog refused services/${serviceId}/skus (${
          res.status
        } ${body?.error?.status ?? ''}: ${body?.error?.message ?? text})`,
      );
    }
    skus.push(...((body.skus ?? []) as BillingSku[]));
    pageToken = body.nextPageToken ?? '';
    if (!pageToken) return skus;
  }
  throw new BillingCatalogError(
    200,
    `services/${serviceId}/skus: too many pages`,
  );
}
