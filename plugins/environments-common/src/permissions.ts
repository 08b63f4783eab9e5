import {
  createPermission,
  type BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * Permissions Terrace registers with the permission framework, so that an adopter's policy can
 * refuse them. Reading an environment's status is guarded by the catalog's own read permission on
 * the entity; these cover what Terrace adds on top.
 * @public
 */
export const environmentCreatePermission: BasicPermission = createPermission({
  name: 'terrace.environment.create',
  attributes: { action: 'create' },
});

/** @public Running `terraform apply` for an environment from the portal. */
export const environmentApplyPermission: BasicPermission = createPermission({
  name: 'terrace.environment.apply',
  attributes: { action: 'update' },
});

/** @public Reading the cross-team overview of all environments. */
export const environmentOverviewReadPermission: BasicPermission =
  createPermission({
    name: 'terrace.environment.overview.read',
    attributes: { action: 'read' },
  });

/** @public */
export const environmentPermissions = [
  environmentCreatePermission,
  environmentApplyPermission,
  environmentOverviewReadPermission,
];
