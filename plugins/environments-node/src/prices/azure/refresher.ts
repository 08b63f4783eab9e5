import { defaultAzurePricesDir } from '../../estimate/azure/catalog';
import type { PriceRefreshFailure, PriceRefresher } from '../refresher';
import {
  AzureCatalogAnswerError,
  AzureRegionError,
  refreshAzureRegion,
} from './refresh';
import {
  retailPricesQuery,
  RetailPricesApiError,
  type RetailPricesClientOptions,
} from './retailPrices';

/**
 * The Azure price refresher: rebuilds `prices/azure/<region>.json` from the public Azure Retail
 * Prices API (no key). The API's address is `options.baseUrl`, else the environment variable
 * `TERRACE_AZURE_RETAIL_PRICES_URL`, else https://prices.azure.com/api/retail/prices.
 * @public
 */
export function createAzurePriceRefresher(
  options: RetailPricesClientOptions = {},
): PriceRefresher {
  return {
    cloud: 'azure',
    apiName: 'the Azure Retail Prices API (no key)',
    defaultDir: defaultAzurePricesDir,
    refresh: o =>
      refreshAzureRegion({ ...o, query: retailPricesQuery(options) }),
    describeFailure(e: unknown): PriceRefreshFailure | undefined {
      if (e instanceof AzureRegionError) {
        return { option: '--region', message: e.message };
      }
      if (
        e instanceof RetailPricesApiError ||
        e instanceof AzureCatalogAnswerError
      ) {
        return { message: e.message };
      }
      return undefined;
    },
  };
}

/** @public The Azure price refresher over the public Retail Prices API. */
export const azurePriceRefresher: PriceRefresher = createAzurePriceRefresher();
