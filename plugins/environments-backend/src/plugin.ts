import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  ConfiguredAccounts,
  readPublishSettings,
  readTerraformSettings,
} from '@terrace/plugin-environments-node';
import { DriftChecker } from './drift/DriftChecker';
import { DriftStore } from './drift/DriftStore';
import { GithubChecksDriftReader } from './drift/githubChecks';
import { scheduleDriftChecks } from './drift/scheduleDriftChecks';
import { createApprovalsRouter } from './approvals/router';
import { ApprovalStore } from './approvals/ApprovalStore';
import { registerEnvironmentPermissions } from './approvals/registerPermissions';
import { environmentsDatabase } from './database/migrate';
import { HistoryStore } from './history/HistoryStore';
import { createHistoryRouter } from './history/router';
import { EnvironmentExpiry } from './expiry/EnvironmentExpiry';
import { ScaffolderExpiryDestroyer } from './expiry/ExpiryDestroyer';
import { ExpiryNoticeStore } from './expiry/ExpiryNoticeStore';
import { scheduleEnvironmentExpiry } from './expiry/scheduleEnvironmentExpiry';
import { PlanSource } from './plan/PlanSource';
import { createRouter } from './router';
import {
  environmentsStatusReadersExtensionPoint,
  statusReadersRegistryServiceRef,
} from './readers/registry';
import type { StatusReaders } from './readers/types';
import { environmentStatusServiceRef } from './service/EnvironmentStatusService';

/**
 * The `environments` backend plugin: the Terrace status API and the estimate endpoint under
 * `/api/environments`, and the accounts new environments may be placed in.
 * @public
 */
export const environmentsPlugin = createBackendPlugin({
  pluginId: 'environments',
  register(env) {
    const added: StatusReaders[] = [];
    env.registerExtensionPoint(environmentsStatusReadersExtensionPoint, {
      addStatusReaders(...readers) {
        added.push(...readers);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        status: environmentStatusServiceRef,
        readers: statusReadersRegistryServiceRef,
        urlReader: coreServices.urlReader,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
      },
      async init({
        httpRouter,
        permissionsRegistry,
        urlReader,
        discovery,
        auth,
        database,
        scheduler,
        notifications,
        ...deps
      }) {
        deps.readers.add(...added);
        // the day-two tables (history, drift, approvals), migrated before the router answers
        const knex = await environmentsDatabase(database);
        const history = new HistoryStore(knex);
        const plan = new PlanSource({
          urlReader,
          discovery,
          auth,
          logger: deps.logger,
        });
        registerEnvironmentPermissions({
          permissionsRegistry,
          catalog: deps.catalog,
          auth,
        });
        // a wrong aws.accounts / terrace.accounts entry stops the backend here, naming the key
        const accounts = ConfiguredAccounts.fromConfig(deps.config);
        // history and approvals first: the per-entity /history route before the sections' route
        httpRouter.use(createHistoryRouter({ ...deps, history }));
        httpRouter.use(
          createApprovalsRouter({
            ...deps,
            permissionsRegistry,
            approvals: new ApprovalStore(knex),
            history,
          }),
        );
        // drift: a plan per environment with the executor that owns it (ci: the repository's
        // checks through the GitHub integration), on a schedule and on demand
        const driftStore = new DriftStore(knex);
        const driftChecker = new DriftChecker({
          settings: readTerraformSettings(deps.config),
          ci: GithubChecksDriftReader.fromConfig(deps.config),
          localRoot: readPublishSettings(deps.config).localRoot,
          store: driftStore,
          recordEvent: event => history.record(event),
          logger: deps.logger,
        });
        await scheduleDriftChecks({
          config: deps.config,
          scheduler,
          catalog: deps.catalog,
          auth,
          checker: driftChecker,
          logger: deps.logger,
        });
        httpRouter.use(
          await createRouter({
            ...deps,
            plan,
            accounts,
            drift: { store: driftStore, checker: driftChecker },
          }),
        );
        // preview environments: reminders before expiry, destroy on expiry when opted in
        await scheduleEnvironmentExpiry({
          config: deps.config,
          scheduler,
          logger: deps.logger,
          expiry: new EnvironmentExpiry({
            catalog: deps.catalog,
            auth,
            logger: deps.logger,
            notices: new ExpiryNoticeStore(knex),
            notifications,
            destroyer: new ScaffolderExpiryDestroyer({
              discovery,
              auth,
              templateRef: deps.config.getOptionalString(
                'environments.expiry.destroyTemplate',
              ),
            }),
          }),
        });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
