import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { environmentPermissions } from '@terrace/plugin-environments-common';
import { createRouter } from './router';

/**
 * The `environments` backend plugin: the Terrace status API under `/api/environments`.
 * @public
 */
export const environmentsPlugin = createBackendPlugin({
  pluginId: 'environments',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpRouter, permissionsRegistry }) {
        permissionsRegistry.addPermissions(environmentPermissions);
        httpRouter.use(await createRouter());
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
