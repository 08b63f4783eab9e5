/**
 * Terrace frontend: environment cards for the entity page, the environments overview page, the
 * search result item and the estimate field of the Create environment template.
 *
 * @packageDocumentation
 */
export {
  environmentsPlugin,
  EntityEnvironmentResourcesCard,
  EntityEnvironmentAlarmsCard,
  EntityEnvironmentBackupsCard,
  EntityEnvironmentCostCard,
  EntityEnvironmentContent,
  EnvironmentsOverviewPage,
} from './plugin';
export { isEnvironmentEntity } from './isEnvironmentEntity';
export { rootRouteRef as environmentsRouteRef } from './routes';
export * from './api';
