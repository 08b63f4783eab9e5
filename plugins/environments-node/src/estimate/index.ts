export { estimateEnvironment } from './estimate';
export type { EstimateOptions } from './estimate';
export { formatEstimateTable } from './format';
export type { EstimateTableFormat } from './format';
export { awsSizeCatalog, createAwsSizeCatalog } from './sizeCatalog';
export {
  PriceCatalog,
  MissingPriceError,
  getAwsPriceCatalog,
  loadPriceCatalog,
  parseRegionCatalogFile,
  regionCatalogFileSchema,
} from './catalog';
export type {
  PricePoint,
  RegionCatalogFile,
  SizedPriceGroup,
  FlatPriceGroup,
} from './catalog';
export { HOURS_PER_MONTH, roundToCent } from './lines';
export { estimateSpec } from './estimateSpec';
export type { EstimateSpecResult } from './estimateSpec';
export { renderCostJson, renderCostSection } from './costFiles';
