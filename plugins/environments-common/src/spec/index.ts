export * from './schema';
export * from './components';
export * from './tiers';
export * from './regions';
export type {
  SizeCatalog,
  SizedComponentType,
  UnpricedRegion,
} from './catalog';
export { SIZE_PATTERNS } from './catalog';
export { validateEnvironment } from './validate';
export type { ValidateOptions, ValidationResult } from './validate';
export { planSubnets, parseCidr, isPrivate } from './network';
export { formatPath } from './problems';
export { environmentNameProblem } from './fields';
