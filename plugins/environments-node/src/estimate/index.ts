export { estimateEnvironment } from './estimate';
export type { EstimateOptions } from './estimate';
export type { CloudPricer, CloudPricers, PriceSourceInfo } from './pricer';
export {
  cloudPricers,
  isPricedRegion,
  pricedSizes,
  defaultSizeCatalog,
} from './pricers';
export { formatEstimateTable } from './format';
export type { EstimateTableFormat } from './format';
export { awsPricer, createAwsPricer } from './aws';
export { awsSizeCatalog, createAwsSizeCatalog } from './aws/sizeCatalog';
export {
  PriceCatalog,
  MissingPriceError,
  getAwsPriceCatalog,
  loadPriceCatalog,
  parseRegionCatalogFile,
  regionCatalogFileSchema,
} from './aws/catalog';
export type {
  PricePoint,
  RegionCatalogFile,
  SizedPriceGroup,
  FlatPriceGroup,
} from './aws/catalog';
export { azurePricer, createAzurePricer } from './azure';
export {
  azureSizeCatalog,
  createAzureSizeCatalog,
} from './azure/sizeCatalog';
export {
  AzurePriceCatalog,
  getAzurePriceCatalog,
  loadAzurePriceCatalog,
  parseAzureCatalogFile,
  azureCatalogFileSchema,
  atlasAzureTableSchema,
} from './azure/catalog';
export type {
  AzureCatalogFile,
  AzureMeter,
  AzurePricePoint,
  AtlasAzureTable,
} from './azure/catalog';
export { HOURS_PER_MONTH, roundToCent, LineCollector } from './lines';
export type { PricingProblem } from './lines';
export { estimateSpec } from './estimateSpec';
export type { EstimateSpecResult } from './estimateSpec';
export { renderCostJson, renderCostSection } from './costFiles';
export { gcpPricer, createGcpPricer } from './gcp';
export { createGcpSizeCatalog } from './gcp/sizeCatalog';
export {
  GcpPriceCatalog,
  getGcpPriceCatalog,
  loadGcpPriceCatalog,
  parseGcpRegionCatalogFile,
  gcpRegionCatalogFileSchema,
} from './gcp/catalog';
export type { GcpRegionCatalogFile, GcpPricePoint } from './gcp/catalog';
export {
  compareEstimates,
  estimateCostDelta,
  formatCostDelta,
} from './delta';
export type { CostDeltaLine, EnvironmentCostDeltaReport } from './delta';
