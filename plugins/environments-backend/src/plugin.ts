import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { environmentPermissions } from '@terrace/plugin-environments-common';
import { createRouter } from './router';
import {
  environmentsStatusReadersExtensionPoint,
  statusReadersRegistryServiceRef,
} from './readers/registry';
import type { StatusReaders } from './readers/types';
import { environmentStatusServiceRef } from './service/EnvironmentStatusService';

/**
 * The `environments` backend plugin: the Terrace status API and the estimate endpoint under
 * `/api/environments`.
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
      },
      async init({ httpRouter, permissionsRegistry, ...deps }) {
        deps.readers.add(...added);
        permissionsRegistry.addPermissions(environmentPermissions);
        httpRouter.use(await createRouter(deps));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
