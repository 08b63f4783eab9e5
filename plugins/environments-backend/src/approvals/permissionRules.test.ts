import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { environmentApprovePermission } from '@terrace/plugin-environments-common';
import {
  createEnvironmentConditionalDecision,
  environmentConditions,
  isEnvironmentOwner,
} from './permissionRules';

const entity = (spec: object, relations?: Entity['relations']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'shop-prod', namespace: 'default' },
  spec: { type: 'environment', ...spec },
  ...(relations ? { relations } : {}),
});

describe('IS_ENVIRONMENT_OWNER', () => {
  it("matches the entity's ownedBy relations against the claims", () => {
    const owned = entity({ owner: 'shop' }, [
      { type: 'ownedBy', targetRef: 'group:default/shop' },
    ]);
    expect(
      isEnvironmentOwner.apply(owned, {
        claims: ['user:default/alice', 'group:default/shop'],
      }),
    ).toBe(true);
    expect(
      isEnvironmentOwner.apply(owned, { claims: ['group:default/web'] }),
    ).toBe(false);
  });

  it('reads spec.owner (a group by default) when the entity has no relations', () => {
    expect(
      isEnvironmentOwner.apply(entity({ owner: 'shop' }), {
        claims: ['group:default/shop'],
      }),
    ).toBe(true);
    expect(
      isEnvironmentOwner.apply(entity({}), { claims: ['group:default/shop'] }),
    ).toBe(false);
  });

  it('builds the conditional decision a policy answers', () => {
    expect(
      createEnvironmentConditionalDecision(
        environmentApprovePermission,
        environmentConditions.isEnvironmentOwner({
          claims: ['group:default/shop'],
        }),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'environments',
      resourceType: 'terrace-environment',
      conditions: {
        rule: 'IS_ENVIRONMENT_OWNER',
        resourceType: 'terrace-environment',
        params: { claims: ['group:default/shop'] },
      },
    });
  });
});
