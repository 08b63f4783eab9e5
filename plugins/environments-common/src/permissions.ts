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

/**
 * @public Approving another person's apply or destroy of a `prod` environment (the requester can
 * never approve their own).
 */
export const environmentApprovePermission: BasicPermission = createPermission({
  name: 'terrace.environment.approve',
  attributes: { action: 'update' },
});

/** @public Destroying an environment from the portal. */
export const environmentDestroyPermission: BasicPermission = createPermission({
  name: 'terrace.environment.destroy',
  attributes: { action: 'delete' },
});

/** @public */
export const environmentPermissions = [
  environmentCreatePermission,
  environmentApplyPermission,
  environmentOverviewReadPermission,
  environmentApprovePermission,
  environmentDestroyPermission,
];
