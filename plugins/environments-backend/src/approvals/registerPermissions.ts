import type {
  AuthService,
  PermissionsRegistryService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  environmentApprovePermission,
  environmentPermissions,
  isEnvironmentEntity,
} from '@terrace/plugin-environments-common';
import {
  environmentPermissionResourceRef,
  environmentPermissionRules,
} from './permissionRules';

/**
 * Registers Terrace's permissions with the permission framework, and the `terrace-environment`
 * resource type (an environment's catalog entity) with its rules (`IS_ENVIRONMENT_OWNER`), so a
 * policy can answer `terrace.environment.approve` conditionally. The resources are loaded from the
 * catalog with the plugin's own credentials when the permission backend applies a condition.
 */
export function registerEnvironmentPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
}): void {
  const { permissionsRegistry, catalog, auth } = options;
  permissionsRegistry.addPermissions(
    environmentPermissions.filter(p => p !== environmentApprovePermission),
  );
  permissionsRegistry.addResourceType({
    resourceRef: environmentPermissionResourceRef,
    permissions: [environmentApprovePermission],
    rules: Object.values(environmentPermissionRules),
    getResources: async resourceRefs => {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: resourceRefs },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return items.map(entity =>
        entity && isEnvironmentEntity(entity) ? entity : undefined,
      );
    },
  });
}
