/**
 * A client of the Azure Retail Prices API (`GET https://prices.azure.com/api/retail/prices`,
 * public, no key): one OData `$filter` per query, every page followed through `NextPageLink`,
 * 429 and 5xx answers retried a few times (after `Retry-After` when given). Response shape:
 * https://learn.microsoft.com/en-us/rest/api/cost-management/retail-prices/azure-retail-prices
 */
import { z } from 'zod';

/** @public The API's address; `TERRACE_AZURE_RETAIL_PRICES_URL` or the refresher's `baseUrl` replace it. */
export const AZURE_RETAIL_PRICES_URL =
  'https://prices.azure.com/api/retail/prices';

/** @public One price of the API (the fields the catalog reads; others are ignored). */
export const retailPriceItemSchema = z.object({
  currencyCode: z.string(),
  tierMinimumUnits: z.number().nonnegative(),
  retailPrice: z.number().finite().nonnegative(),
  armRegionName: z.string(),
  location: z.string(),
  meterName: z.string(),
  productName: z.string(),
  skuName: z.string(),
  serviceName: z.string(),
  unitOfMeasure: z.string(),
  type: z.string(),
  armSkuName: z.string().optional(),
  isPrimaryMeterRegion: z.boolean().optional(),
});

/** @public */
export type RetailPriceItem = z.infer<typeof retailPriceItemSchema>;

const pageSchema = z.object({
  BillingCurrency: z.string().optional(),
  Items: z.array(retailPriceItemSchema),
  NextPageLink: z.string().nullable().optional(),
  Count: z.number().optional(),
});

/** @public An answer of the API that is not a price page: HTTP status, or a page that does not parse. */
export class RetailPricesApiError extends Error {
  readonly name = 'RetailPricesApiError';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

/** @public How the client talks to the API. */
export interface RetailPricesClientOptions {
  /** The API's address (default `TERRACE_AZURE_RETAIL_PRICES_URL`, else {@link AZURE_RETAIL_PRICES_URL}). */
  baseUrl?: string;
  /** Attempts per page on 429 or 5xx (default 4). */
  attempts?: number;
  /** Longest wait between attempts, in ms (default 30 s; `Retry-After` is honoured up to it). */
  maxDelayMs?: number;
  /** Pages per query at most (default 200; the API gives 1,000 prices a page). */
  maxPages?: number;
  fetch?: typeof fetch;
}

/** @public Reads every price matching an OData filter. */
export type RetailPricesQuery = (filter: string) => Promise<RetailPriceItem[]>;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * A query function over the Retail Prices API: every page of `$filter`'s answer, in order.
 * Throws RetailPricesApiError on a status other than 200 after the retries, or on a page that is
 * not the documented shape (nothing of a partly read answer is returned).
 * @public
 */
export function retailPricesQuery(
  options: RetailPricesClientOptions = {},
): RetailPricesQuery {
  const base =
    options.baseUrl ??
    process.env.TERRACE_AZURE_RETAIL_PRICES_URL ??
    AZURE_RETAIL_PRICES_URL;
  const attempts = options.attempts ?? 4;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const maxPages = options.maxPages ?? 200;
  const doFetch = options.fetch ?? fetch;

  async function page(url: string): Promise<z.infer<typeof pageSchema>> {
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await doFetch(url, { headers: { accept: 'application/json' } });
      } catch (e) {
        throw new RetailPricesApiError(
          `the Azure Retail Prices API at ${
            new URL(url).origin
          } cannot be reached (${(e as Error).message})`,
        );
      }
      if (res.status === 429 || res.status >= 500) {
        if (attempt < attempts) {
          const after = Number(res.headers.get('retry-after'));
          const wait =
            Number.isFinite(after) && after > 0
              ? after * 1000
              : 500 * 2 ** (attempt - 1);
          await res.arrayBuffer().catch(() => undefined);
          await sleep(Math.min(wait, maxDelay));
          continue;
        }
        throw new RetailPricesApiError(
          `the Azure Retail Prices API answered ${res.status} ${res.statusText} ${attempts} times`,
          res.status,
        );
      }
      if (res.status !== 200) {
        const text = await res.text().catch(() => '');
        throw new RetailPricesApiError(
          `the Azure Retail Prices API answered ${res.status} ${
            res.statusText
          }${text ? `: ${text.slice(0, 300)}` : ''}`,
          res.status,
        );
      }
      const parsed = pageSchema.safeParse(await res.json().catch(() => null));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new RetailPricesApiError(
          `the Azure Retail Prices API answered a page that is not a price list (${issue.path.join(
            '.',
          )}: ${issue.message})`,
        );
      }
      return parsed.data;
    }
  }

  return async filter => {
    const items: RetailPriceItem[] = [];
    let url: string | null | undefined = `${base}?$filter=${encodeURIComponent(
      filter,
    )}`;
    for (let n = 0; url; n++) {
      if (n >= maxPages) {
        throw new RetailPricesApiError(
          `the Azure Retail Prices API answered more than ${maxPages} pages for ${filter}`,
        );
      }
      const p = await page(url);
      items.push(...p.Items);
      url = p.NextPageLink;
    }
    return items;
  };
}
