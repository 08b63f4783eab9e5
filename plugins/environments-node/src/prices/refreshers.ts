import { awsPriceRefresher } from './aws/refresher';
import { azurePriceRefresher } from './azure/refresher';
import type { PriceRefreshers } from './refresher';

/**
 * The clouds whose price catalog `terrace prices refresh` can rebuild: a new cloud is a folder
 * `prices/<cloud>/` with its `PriceRefresher`, and its line here.
 * @public
 */
export const priceRefreshers: PriceRefreshers = {
  aws: awsPriceRefresher,
  azure: azurePriceRefresher,
  gcp: undefined,
};
