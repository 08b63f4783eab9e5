/**
 * Terrace status API: resources, alarms, backups and cost of each environment.
 *
 * @packageDocumentation
 */
export { environmentsPlugin as default } from './plugin';
export { searchModuleEnvironments } from './search/module';
export { environmentCatalogCollatorTransformer } from './search/environmentDocuments';
