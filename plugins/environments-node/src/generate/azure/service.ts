import type { ResolvedService } from '@terrace/plugin-environments-common';
import { attr, block, body, map, raw, resource, template } from '../hcl';
import { emitAlarms } from './alarms';
import {
  AzureContext,
  AzureEmitted,
  azureNames,
  envNames,
  id,
  KEY_VAULT_ID,
  LOCATION,
  RESOURCE_GROUP,
  SHARED,
  tags,
  WORKSPACE_ID,
} from './context';
import { storageAccess } from './bucket';
import { diagnosticSetting } from './shared';

export const APPS_ENVIRONMENT_ID = raw(
  'azurerm_container_app_environment.main.id',
);

/**
 * `container-apps.tf`, when there are services: the Container Apps environment (workload
 * profiles, Consumption) in its own delegated subnet, zone-redundant over the spec's zones, its
 * logs to the environment's Log Analytics workspace.
 */
export function emitAppsEnvironment(ctx: AzureContext): AzureEmitted {
  const e = envNames(ctx);
  return {
    file: 'container-apps.tf',
    items: [
      resource('azurerm_container_app_environment', 'main', [
        attr('name', e.appsEnvironment),
        attr('location', LOCATION),
        attr('resource_group_name', RESOURCE_GROUP),
        attr('infrastructure_subnet_id', raw('azurerm_subnet.apps.id')),
        attr('infrastructure_resource_group_name', e.appsInfrastructureGroup),
        attr('internal_load_balancer_enabled', false),
        attr('zone_redundancy_enabled', ctx.env.network.zones > 1),
        attr('log_analytics_workspace_id', WORKSPACE_ID),
        attr('logs_destination', 'log-analytics'),
        block('workload_profile', [], {
          name: 'Consumption',
          workload_profile_type: 'Consumption',
        }),
        attr('tags', tags(ctx, SHARED)),
      ]),
    ],
  };
}

/** Container Apps memory as it is written: `1Gi`, `0.5Gi`. */
function memory(memoryMb: number): string {
  return `${memoryMb / 1024}Gi`;
}

/**
 * `service-<name>.tf` for a `service` component: a container app in the environment's Container
 * Apps environment, with a user-assigned identity that may pull from the registry component it
 * names, read the Key Vault's secrets and use the buckets, ingress external only when the service
 * is public (HTTPS only, no insecure connections), liveness and readiness probes on the health
 * check path, `minCount`-`maxCount` replicas scaled on CPU at `cpuTarget` %, metrics to Log
 * Analytics and its metric alerts (the load balancer's checks read the app's `Requests` and
 * `RestartCount`).
 */
export function emitService(
  ctx: AzureContext,
  svc: ResolvedService,
): AzureEmitted {
  const n = id(svc.name);
  const names = azureNames(ctx, svc);
  const app = `azurerm_container_app.${n}`;
  const identity = `azurerm_user_assigned_identity.${n}`;
  const registry = svc.registry ? id(svc.registry) : undefined;
  const image = registry
    ? template(
        raw(`azurerm_container_registry.${registry}.login_server`),
        `/${svc.image}`,
      )
    : svc.image;
  const probe = (kind: 'liveness_probe' | 'readiness_probe') =>
    block(kind, [], {
      transport: 'HTTP',
      port: svc.port,
      path: svc.healthCheckPath,
      interval_seconds: 10,
      failure_count_threshold: 3,
    });
  return {
    file: `service-${svc.name}.tf`,
    items: body(
      {},
      resource('azurerm_user_assigned_identity', n, {
        name: names.appIdentity,
        location: LOCATION,
        resource_group_name: RESOURCE_GROUP,
        tags: tags(ctx, svc.name),
      }),
      registry !== undefined &&
        resource('azurerm_role_assignment', `${n}_acr_pull`, {
          scope: raw(`azurerm_container_registry.${registry}.id`),
          role_definition_name: 'AcrPull',
          principal_id: raw(`${identity}.principal_id`),
        }),
      resource('azurerm_role_assignment', `${n}_secrets`, {
        scope: KEY_VAULT_ID,
        role_definition_name: 'Key Vault Secrets User',
        principal_id: raw(`${identity}.principal_id`),
      }),
      storageAccess(ctx, n, `${identity}.principal_id`),
      resource('azurerm_container_app', n, [
        attr('name', names.containerApp),
        attr('container_app_environment_id', APPS_ENVIRONMENT_ID),
        attr('resource_group_name', RESOURCE_GROUP),
        attr('revision_mode', 'Single'),
        attr('workload_profile_name', 'Consumption'),
        block('identity', [], {
          type: 'UserAssigned',
          identity_ids: [raw(`${identity}.id`)],
        }),
        registry !== undefined &&
          block('registry', [], {
            server: raw(`azurerm_container_registry.${registry}.login_server`),
            identity: raw(`${identity}.id`),
          }),
        block(
          'ingress',
          [],
          [
            attr('external_enabled', svc.public),
            attr('target_port', svc.port),
            attr('transport', 'auto'),
            attr('allow_insecure_connections', false),
            block('traffic_weight', [], {
              latest_revision: true,
              percentage: 100,
            }),
          ],
        ),
        block(
          'template',
          [],
          [
            attr('min_replicas', svc.minCount),
            attr('max_replicas', svc.maxCount),
            block(
              'container',
              [],
              [
                attr('name', svc.name),
                attr('image', image),
                attr('cpu', svc.cpu),
                attr('memory', memory(svc.memoryMb)),
                probe('liveness_probe'),
                probe('readiness_probe'),
              ],
            ),
            block('custom_scale_rule', [], {
              name: 'cpu',
              custom_rule_type: 'cpu',
              metadata: map({
                type: 'Utilization',
                value: String(svc.cpuTarget),
              }),
            }),
          ],
        ),
        attr('tags', tags(ctx, svc.name)),
        registry !== undefined &&
          attr('depends_on', [raw(`azurerm_role_assignment.${n}_acr_pull`)]),
      ]),
      diagnosticSetting(`service_${n}`, raw(`${app}.id`), { logs: false }),
      emitAlarms(ctx, svc.name, () => raw(`${app}.id`)),
    ),
    outputs: [
      block('output', [`${n}_fqdn`], {
        description: `${svc.name}: the app's ${
          svc.public ? 'public' : 'internal'
        } host name`,
        value: raw(`${app}.ingress[0].fqdn`),
      }),
    ],
  };
}
