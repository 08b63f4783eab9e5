import {
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { ENVIRONMENT_RESOURCE_TYPE } from '@terrace/plugin-environments-common';
import { z } from 'zod';

/** A catalog search filter, as the catalog's own rules answer their `toQuery`. */
export interface EnvironmentEntityFilter {
  key: string;
  values?: string[];
}

/**
 * @public The permission framework's resource of an environment: its catalog entity, owned by the
 * `environments` plugin under the resource type `terrace-environment`.
 */
export const environmentPermissionResourceRef = createPermissionResourceRef<
  Entity,
  EnvironmentEntityFilter
>().with({ pluginId: 'environments', resourceType: ENVIRONMENT_RESOURCE_TYPE });

/** The owner entity refs of an entity: its `ownedBy` relations, else its `spec.owner`. */
function ownersOf(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (related.length > 0) return related;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    ];
  } catch {
    return [];
  }
}

/**
 * @public `IS_ENVIRONMENT_OWNER`: the environment's entity is owned by one of `claims` (entity refs,
 * e.g. the user's `ownershipEntityRefs`: `user:default/alice`, `group:default/shop`), by its
 * `ownedBy` relations as the catalog's `IS_ENTITY_OWNER` reads them (or its `spec.owner` when the
 * entity carries no relations).
 */
export const isEnvironmentOwner = createPermissionRule({
  name: 'IS_ENVIRONMENT_OWNER',
  description: 'Allow environments owned by one of the given claims',
  resourceRef: environmentPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        `Entity refs, one of which owns the environment (${RELATION_OWNED_BY})`,
      ),
  }),
  apply: (entity, { claims }) => {
    const wanted = claims.map(c => c.toLocaleLowerCase('en-US'));
    return ownersOf(entity).some(owner =>
      wanted.includes(owner.toLocaleLowerCase('en-US')),
    );
  },
  toQuery: ({ claims }) => ({ key: 'relations.ownedBy', values: claims }),
});

/** The rules of the `terrace-environment` resource type. */
export const environmentPermissionRules = { isEnvironmentOwner };

const exported = createConditionExports({
  resourceRef: environmentPermissionResourceRef,
  rules: environmentPermissionRules,
});

/**
 * @public Conditions over an environment for a permission policy, e.g.
 * `environmentConditions.isEnvironmentOwner({ claims: user.info.ownershipEntityRefs })`.
 */
export const environmentConditions = exported.conditions;

/**
 * @public A conditional decision on an environment permission (`terrace.environment.approve`), e.g.
 * in a policy: `createEnvironmentConditionalDecision(request.permission,
 * environmentConditions.isEnvironmentOwner({ claims: user.info.ownershipEntityRefs }))`.
 */
export const createEnvironmentConditionalDecision =
  exported.createConditionalDecision;
