import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { environmentPermissions } from '@terrace/plugin-environments-common';
import {
  ConfiguredAccounts,
  readPublishSettings,
  readTerraformSettings,
} from '@terrace/plugin-environments-node';
import { environmentsDatabase } from './database/migrate';
import { DriftChecker } from './drift/DriftChecker';
import { DriftStore } from './drift/DriftStore';
import { insertEnvironmentEvent } from './drift/driftEvent';
import { scheduleDriftChecks } from './drift/scheduleDriftChecks';
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
      },
      async init({
        httpRouter,
        permissionsRegistry,
        urlReader,
        discovery,
        auth,
        database,
        scheduler,
        ...deps
      }) {
        deps.readers.add(...added);
        // the day-two tables (history, drift, approvals), migrated before the router answers
        const knex = await environmentsDatabase(database);
        const plan = new PlanSource({
          urlReader,
          discovery,
          auth,
          logger: deps.logger,
        });
        permissionsRegistry.addPermissions(environmentPermissions);
        // a wrong aws.accounts / terrace.accounts entry stops the backend here, naming the key
        const accounts = ConfiguredAccounts.fromConfig(deps.config);
        // drift: a plan per environment with the configured executor, on a schedule and on demand
        const driftStore = new DriftStore(knex);
        const driftChecker = new DriftChecker({
          settings: readTerraformSettings(deps.config),
          localRoot: readPublishSettings(deps.config).localRoot,
          store: driftStore,
          recordEvent: event => insertEnvironmentEvent(knex, event),
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
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
