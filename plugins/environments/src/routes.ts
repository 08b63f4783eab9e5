import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** @public The environments overview page (`/environments`). */
export const rootRouteRef = createRouteRef({
  id: 'environments',
});

/**
 * @public Where "Create environment" leads: the scaffolder's page of the Create environment
 * template. Bind it to `scaffolderPlugin.routes.selectedTemplate`; unbound, the button is hidden.
 */
export const createEnvironmentRouteRef = createExternalRouteRef({
  id: 'create-environment',
  optional: true,
  params: ['namespace', 'templateName'],
});
