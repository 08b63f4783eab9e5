/**
 * Terrace Node library: spec loading, Terraform generation per cloud, the cost estimate with
 * the price catalog, and the Terraform runner. The `terrace` CLI is built on it.
 *
 * @packageDocumentation
 */
export * from './estimate';
export * from './terraform';
