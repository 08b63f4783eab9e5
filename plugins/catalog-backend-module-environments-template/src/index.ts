/**
 * Terrace: the Create environment software template, registered in the catalog by a catalog
 * module (`backend.add(import('@terrace/plugin-catalog-backend-module-environments-template'))`).
 *
 * @packageDocumentation
 */
export { catalogModuleEnvironmentsTemplate as default } from './module';
export {
  EnvironmentTemplateProvider,
  TEMPLATE_VERSION_ANNOTATION,
} from './EnvironmentTemplateProvider';
