export { refreshRegion, PRICE_LIST_API_SOURCE } from './refresh';
export type { RefreshOptions, RefreshResult } from './refresh';
export { awsPriceListSource } from './source';
export type { ProductSource } from './source';
export { parsePriceListItem, PriceListFormatError } from './priceList';
export type { PricedProduct } from './priceList';
export {
  awsPriceRefresher,
  createAwsPriceRefresher,
  describeAwsError,
} from './refresher';
