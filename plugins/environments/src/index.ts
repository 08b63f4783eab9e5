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
  EntityEnvironmentPlanCard,
  EntityEnvironmentHistoryCard,
  EntityEnvironmentContent,
  EnvironmentsOverviewPage,
  EnvironmentEstimateFieldExtension,
  EnvironmentNameFieldExtension,
  EnvironmentAccountFieldExtension,
  ComponentSettingFieldExtension,
  EnvironmentSearchResultListItem,
} from './plugin';
export { isEnvironmentSearchResult } from './components/EnvironmentSearchResultListItem';
export type {
  EnvironmentSearchDocument,
  EnvironmentSearchResultListItemProps,
} from './components/EnvironmentSearchResultListItem';
export type { EnvironmentEstimateUiOptions } from './components/EnvironmentEstimateField';
export type { EnvironmentNameUiOptions } from './components/EnvironmentNameField';
export { isEnvironmentEntity } from './isEnvironmentEntity';
export {
  rootRouteRef as environmentsRouteRef,
  createEnvironmentRouteRef,
} from './routes';
export * from './api';
