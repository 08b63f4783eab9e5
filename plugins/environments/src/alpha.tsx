/**
 * Terrace frontend for the new frontend system: the same cards, Environment tab, overview page,
 * search result item and estimate field as the legacy exports, as extensions.
 *
 * @packageDocumentation
 */
import CloudIcon from '@material-ui/icons/Cloud';
import {
  ApiBlueprint,
  type FrontendPlugin,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { EnvironmentsClient, environmentsApiRef } from './api';
import { isEnvironmentEntity } from './isEnvironmentEntity';
import { isEnvironmentSearchResult } from './components/EnvironmentSearchResultListItem/isEnvironmentSearchResult';
import { createEnvironmentRouteRef, rootRouteRef } from './routes';

const environmentsRouteRef = convertLegacyRouteRef(rootRouteRef);

const environmentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: environmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnvironmentsClient({ discoveryApi, fetchApi }),
    }),
});

const environmentResourcesCard = EntityCardBlueprint.make({
  name: 'resources',
  // The Environment tab already shows every card; enable a card to add it to the Overview tab.
  disabled: true,
  params: {
    filter: isEnvironmentEntity,
    loader: () =>
      import('./components/EntityEnvironmentResourcesCard').then(m =>
        compatWrapper(<m.EntityEnvironmentResourcesCard />),
      ),
  },
});

const environmentAlarmsCard = EntityCardBlueprint.make({
  name: 'alarms',
  // The Environment tab already shows every card; enable a card to add it to the Overview tab.
  disabled: true,
  params: {
    filter: isEnvironmentEntity,
    loader: () =>
      import('./components/EntityEnvironmentAlarmsCard').then(m =>
        compatWrapper(<m.EntityEnvironmentAlarmsCard />),
      ),
  },
});

const environmentBackupsCard = EntityCardBlueprint.make({
  name: 'backups',
  // The Environment tab already shows every card; enable a card to add it to the Overview tab.
  disabled: true,
  params: {
    filter: isEnvironmentEntity,
    loader: () =>
      import('./components/EntityEnvironmentBackupsCard').then(m =>
        compatWrapper(<m.EntityEnvironmentBackupsCard />),
      ),
  },
});

const environmentCostCard = EntityCardBlueprint.make({
  name: 'cost',
  // The Environment tab already shows every card; enable a card to add it to the Overview tab.
  disabled: true,
  params: {
    filter: isEnvironmentEntity,
    loader: () =>
      import('./components/EntityEnvironmentCostCard').then(m =>
        compatWrapper(<m.EntityEnvironmentCostCard />),
      ),
  },
});

const environmentEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'environment',
    title: 'Environment',
    filter: isEnvironmentEntity,
    loader: () =>
      import('./components/EntityEnvironmentContent').then(m =>
        compatWrapper(<m.EntityEnvironmentContent />),
      ),
  },
});

const environmentsOverviewPage = PageBlueprint.make({
  params: {
    path: '/environments',
    routeRef: environmentsRouteRef,
    title: 'Environments',
    icon: <CloudIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('./components/EnvironmentsOverviewPage').then(m =>
        compatWrapper(<m.EnvironmentsOverviewPage />),
      ),
  },
});

const environmentSearchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    predicate: isEnvironmentSearchResult,
    component: () =>
      import('./components/EnvironmentSearchResultListItem').then(
        m => m.EnvironmentSearchResultListItem as any,
      ),
  },
});

const environmentEstimateFormField = FormFieldBlueprint.make({
  name: 'environment-estimate',
  params: {
    field: () =>
      import('./components/EnvironmentEstimateField/formField').then(
        m => m.environmentEstimateFormField,
      ),
  },
});

const environmentNameFormField = FormFieldBlueprint.make({
  name: 'environment-name',
  params: {
    field: () =>
      import('./components/EnvironmentNameField/formField').then(
        m => m.environmentNameFormField,
      ),
  },
});

const environmentAccountFormField = FormFieldBlueprint.make({
  name: 'environment-account',
  params: {
    field: () =>
      import('./components/EnvironmentAccountField/formField').then(
        m => m.environmentAccountFormField,
      ),
  },
});

const componentSettingFormField = FormFieldBlueprint.make({
  name: 'component-setting',
  params: {
    field: () =>
      import('./components/ComponentSettingField/formField').then(
        m => m.componentSettingFormField,
      ),
  },
});

/** @alpha The Terrace frontend plugin for the new frontend system. */
const environmentsPlugin: FrontendPlugin = createFrontendPlugin({
  pluginId: 'environments',
  title: 'Environments',
  icon: <CloudIcon fontSize="inherit" />,
  routes: { root: environmentsRouteRef },
  externalRoutes: {
    createEnvironment: convertLegacyRouteRef(createEnvironmentRouteRef),
  },
  extensions: [
    environmentsApi,
    environmentResourcesCard,
    environmentAlarmsCard,
    environmentBackupsCard,
    environmentCostCard,
    environmentEntityContent,
    environmentsOverviewPage,
    environmentSearchResultListItem,
    environmentEstimateFormField,
    environmentNameFormField,
    environmentAccountFormField,
    componentSettingFormField,
  ],
});

export default environmentsPlugin;
