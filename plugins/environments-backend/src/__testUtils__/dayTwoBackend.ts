import {
  createBackendModule,
  type BackendFeature,
  type BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import type { JsonObject } from '@backstage/types';
import { ENVIRONMENT_RESOURCE_TYPE } from '@terrace/plugin-environments-common';
import request from 'supertest';
import {
  createEnvironmentConditionalDecision,
  environmentConditions,
} from '../approvals/permissionRules';
import { environmentsPlugin } from '../plugin';
import { onBehalfOfAwareAuth } from './onBehalfOfAwareAuth';

/** A `Resource` of type `environment` owned by `owner`, as Terrace registers them. */
export function environmentEntity(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': 'url:http://127.0.0.1/day-two',
        'backstage.io/managed-by-origin-location':
          'url:http://127.0.0.1/day-two',
        'terrace.dev/tier': 'prod',
      },
    },
    spec: { type: 'environment', owner },
  };
}

/**
 * Who may approve, as an adopter's policy says it: `deny` users are refused
 * `terrace.environment.approve`, `owners` users may approve the environments they own
 * (`IS_ENVIRONMENT_OWNER` with their ownership refs), everyone else is allowed everything.
 */
export interface ApprovePolicy {
  deny?: string[];
  owners?: string[];
}

class ApprovePolicyHandler implements PermissionPolicy {
  constructor(private readonly rules: ApprovePolicy) {}

  async handle(query: PolicyQuery, user?: PolicyQueryUser) {
    const principal = user?.credentials.principal as
      | BackstageUserPrincipal
      | undefined;
    const who = principal?.userEntityRef ?? '';
    if (
      query.permission.name === 'terrace.environment.approve' &&
      isResourcePermission(query.permission, ENVIRONMENT_RESOURCE_TYPE)
    ) {
      if (this.rules.deny?.includes(who)) {
        return { result: AuthorizeResult.DENY } as const;
      }
      if (this.rules.owners?.includes(who)) {
        return createEnvironmentConditionalDecision(
          query.permission,
          environmentConditions.isEnvironmentOwner({
            claims: user?.info.ownershipEntityRefs ?? [],
          }),
        );
      }
    }
    return { result: AuthorizeResult.ALLOW } as const;
  }
}

/**
 * A backend with the environments plugin (its SQLite database in memory), the real catalog
 * holding `entities`, and the real permission backend with `policy`: an {@link ApprovePolicy}
 * (default `{}`, everything allowed), an adopter's own `PermissionPolicy`, or `false` for no
 * permission backend at all (the test backend's mock permissions, which allow everything).
 * `config` is laid over the root config's top-level keys (`permission`, `catalog`), `features`
 * are added (a scheduler, say). Answers once the catalog serves every entity of `waitFor` (default
 * `entities`; each `kind` in the default namespace); rejects when one never appears (30 s).
 */
export async function startDayTwoBackend(options: {
  entities: Entity[];
  policy?: ApprovePolicy | PermissionPolicy | false;
  config?: JsonObject;
  features?: BackendFeature[];
  waitFor?: Entity[];
}) {
  const entitiesModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'day-two-entities',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => 'day-two',
            connect: async connection => {
              await connection.applyMutation({
                type: 'full',
                entities: options.entities.map(entity => ({
                  entity,
                  locationKey: 'day-two',
                })),
              });
            },
          });
        },
      });
    },
  });
  const policy = options.policy ?? {};
  const permission =
    policy === false
      ? []
      : [
          permissionPlugin,
          createBackendModule({
            pluginId: 'permission',
            moduleId: 'day-two-policy',
            register(reg) {
              reg.registerInit({
                deps: { policy: policyExtensionPoint },
                async init({ policy: extension }) {
                  extension.setPolicy(
                    'handle' in policy
                      ? policy
                      : new ApprovePolicyHandler(policy),
                  );
                },
              });
            },
          }),
          permissionsServiceFactory,
          httpAuthServiceFactory,
          onBehalfOfAwareAuth,
        ];
  const backend = await startTestBackend({
    features: [
      environmentsPlugin,
      catalogPlugin,
      entitiesModule,
      ...permission,
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          ...(policy === false ? {} : { permission: { enabled: true } }),
          catalog: {
            rules: [{ allow: ['Resource', 'Location'] }],
            processingInterval: { seconds: 1 },
          },
          ...options.config,
        },
      }),
    ],
  });
  for (const entity of options.waitFor ?? options.entities) {
    const url = `/api/catalog/entities/by-name/${entity.kind.toLocaleLowerCase(
      'en-US',
    )}/default/${entity.metadata.name}`;
    for (let i = 0; ; i++) {
      const res = await request(backend.server)
        .get(url)
        .set('Authorization', mockCredentials.service.header());
      if (res.status === 200) break;
      if (i === 150) {
        throw new Error(`the catalog never served ${url} (HTTP ${res.status})`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }
  return backend;
}
