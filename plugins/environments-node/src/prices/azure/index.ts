export { createAzurePriceRefresher, azurePriceRefresher } from './refresher';
export {
  refreshAzureRegion,
  RETAIL_PRICES_API_SOURCE,
  AzureRegionError,
  AzureCatalogAnswerError,
} from './refresh';
export type { AzureRefreshOptions } from './refresh';
export {
  retailPricesQuery,
  RetailPricesApiError,
  AZURE_RETAIL_PRICES_URL,
  retailPriceItemSchema,
} from './retailPrices';
export type {
  RetailPriceItem,
  RetailPricesClientOptions,
  RetailPricesQuery,
} from './retailPrices';
export { AZURE_GROUP_QUERIES } from './mapping';
export type { GroupQuery, MappedPrice } from './mapping';
