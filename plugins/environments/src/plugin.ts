import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { EnvironmentsClient, environmentsApiRef } from './api';
import {
  ENVIRONMENT_ESTIMATE_FIELD,
  EnvironmentEstimateFieldExtensionComponent,
  environmentEstimateFieldSchema,
  environmentEstimateValidation,
} from './components/EnvironmentEstimateField';
import {
  ENVIRONMENT_NAME_FIELD,
  EnvironmentNameField,
  environmentNameFieldSchema,
  environmentNameValidation,
} from './components/EnvironmentNameField';
import {
  ENVIRONMENT_ACCOUNT_FIELD,
  EnvironmentAccountField,
  environmentAccountFieldSchema,
  environmentAccountValidation,
} from './components/EnvironmentAccountField';
import {
  COMPONENT_SETTING_FIELD,
  ComponentSettingField,
} from './components/ComponentSettingField';
import { isEnvironmentSearchResult } from './components/EnvironmentSearchResultListItem/isEnvironmentSearchResult';
import { createEnvironmentRouteRef, rootRouteRef } from './routes';

/** @public The Terrace frontend plugin (legacy frontend system). */
export const environmentsPlugin = createPlugin({
  id: 'environments',
  apis: [
    createApiFactory({
      api: environmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnvironmentsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
  externalRoutes: {
    createEnvironment: createEnvironmentRouteRef,
  },
});

/** @public Cloud resources of the environment, grouped by component. */
export const EntityEnvironmentResourcesCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentResourcesCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentResourcesCard').then(
          m => m.EntityEnvironmentResourcesCard,
        ),
    },
  }),
);

/** @public The environment's alarms, firing first. */
export const EntityEnvironmentAlarmsCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentAlarmsCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentAlarmsCard').then(
          m => m.EntityEnvironmentAlarmsCard,
        ),
    },
  }),
);

/** @public Backup policy, last backup, retention and health per data store. */
export const EntityEnvironmentBackupsCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentBackupsCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentBackupsCard').then(
          m => m.EntityEnvironmentBackupsCard,
        ),
    },
  }),
);

/** @public Spend against the estimate. */
export const EntityEnvironmentCostCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentCostCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentCostCard').then(
          m => m.EntityEnvironmentCostCard,
        ),
    },
  }),
);

/** @public Before the cloud answers: the apply state (with its task), the estimate and the planned resources. */
export const EntityEnvironmentPlanCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentPlanCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentPlanCard').then(
          m => m.EntityEnvironmentPlanCard,
        ),
    },
  }),
);

/** @public The environment's history: create, change, drift, destroy and approval events. */
export const EntityEnvironmentHistoryCard = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentHistoryCard',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentHistoryCard').then(
          m => m.EntityEnvironmentHistoryCard,
        ),
    },
  }),
);

/** @public The cards laid out for the entity page's Environment tab (with pending approvals and the history). */
export const EntityEnvironmentContent = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentContent',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentContent').then(
          m => m.EntityEnvironmentContent,
        ),
    },
  }),
);

/** @public The `/environments` overview page. */
export const EnvironmentsOverviewPage = environmentsPlugin.provide(
  createRoutableExtension({
    name: 'EnvironmentsOverviewPage',
    component: () =>
      import('./components/EnvironmentsOverviewPage').then(
        m => m.EnvironmentsOverviewPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * @public Scaffolder field `ui:field: EnvironmentEstimate`: the itemised monthly estimate of the
 * environment the form describes. Mount it inside `<ScaffolderFieldExtensions>`.
 */
export const EnvironmentEstimateFieldExtension = environmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: ENVIRONMENT_ESTIMATE_FIELD,
    component: EnvironmentEstimateFieldExtensionComponent,
    schema: environmentEstimateFieldSchema,
    validation: environmentEstimateValidation,
  }),
);

/**
 * @public Scaffolder field `ui:field: EnvironmentName`: the environment's name, checked against
 * the name rules and the catalog while it is typed and again when the step is left.
 */
export const EnvironmentNameFieldExtension = environmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: ENVIRONMENT_NAME_FIELD,
    component: EnvironmentNameField,
    schema: environmentNameFieldSchema,
    validation: environmentNameValidation,
  }),
);

/**
 * @public Scaffolder field `ui:field: EnvironmentAccount`: the account the environment is created
 * in, among those the portal lists for the chosen cloud; filled in when there is one, a required
 * choice when there are several, and why there is none otherwise.
 */
export const EnvironmentAccountFieldExtension = environmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: ENVIRONMENT_ACCOUNT_FIELD,
    component: EnvironmentAccountField,
    schema: environmentAccountFieldSchema,
    validation: environmentAccountValidation,
  }),
);

/**
 * @public Scaffolder field `ui:field: ComponentSetting`: one setting of a component row, with
 * the tier default for that row's type and the chosen cloud and tier as its placeholder.
 */
export const ComponentSettingFieldExtension = environmentsPlugin.provide(
  createScaffolderFieldExtension({
    name: COMPONENT_SETTING_FIELD,
    component: ComponentSettingField,
  }),
);

/** @public Renders environments in the search results, with their cloud, tier and owner. */
export const EnvironmentSearchResultListItem = environmentsPlugin.provide(
  createSearchResultListItemExtension({
    name: 'EnvironmentSearchResultListItem',
    component: () =>
      import('./components/EnvironmentSearchResultListItem').then(
        m => m.EnvironmentSearchResultListItem,
      ),
    predicate: isEnvironmentSearchResult,
  }),
);
