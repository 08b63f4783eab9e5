/**
 * Isomorphic Terrace code: the environment spec, tier presets, annotation and tag names,
 * permissions and the status API's response types.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './api/status';
export * from './api/estimate';
export * from './api/plan';
export * from './api/accounts';
export * from './api/dayTwo';
export * from './model/resolved';
export * from './clouds';
export * from './spec';
export * from './resolve';
export * from './template/formToSpec';
export * from './template/problemPath';
export * from './expiry/expiry';
