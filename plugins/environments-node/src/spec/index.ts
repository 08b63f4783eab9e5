export {
  parseSpecYaml,
  MAX_SPEC_BYTES,
  MAX_ALIAS_COUNT,
  MAX_EXPANDED_CHARS,
} from './parse';
export type { ParseSpecResult, ParseSpecOptions } from './parse';
export { loadSpecFile, validateSpec, loadAndValidateSpec } from './load';
export type { ValidateSpecOptions, ValidateSpecResult } from './load';
