import {
  createPermission,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * @public The permission framework's resource type of an environment: its catalog entity (a
 * `Resource` of type `environment`), so that a policy can decide on a condition of it, e.g. that
 * the user owns it (the environments backend's `IS_ENVIRONMENT_OWNER` rule).
 */
export const ENVIRONMENT_RESOURCE_TYPE = 'terrace-environment';

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
 * never approve their own). A resource permission over the environment's entity, so a policy may
 * answer it conditionally, e.g. "owners may approve their team's environments".
 */
export const environmentApprovePermission: ResourcePermission<
  typeof ENVIRONMENT_RESOURCE_TYPE
> = createPermission({
  name: 'terrace.environment.approve',
  attributes: { action: 'update' },
  resourceType: ENVIRONMENT_RESOURCE_TYPE,
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
