import {
  ATLAS_AZURE_REGIONS,
  type ResolvedMongodb,
} from '@terrace/plugin-environments-common';
import { attr, block, body, raw, resource } from '../hcl';
import {
  AzureContext,
  AzureEmitted,
  azureNames,
  ENDPOINT_SUBNET_ID,
  id,
  LOCATION,
  RESOURCE_GROUP,
  tags,
} from './context';
import { generatedPassword } from './secretStore';

/**
 * `mongodb-<name>.tf` for a `mongodb` component: an Atlas project and a replica-set cluster on
 * Azure in the environment's region (Atlas's name for it), cloud backup and point-in-time recovery
 * as resolved, TLS 1.2, an application user whose password is made by Terraform and kept in Key
 * Vault, and an IP access list: the NAT gateways' public addresses (or the spec's `allowedCidr` when it
 * names another range), kept as on AWS. When resolved so (prod), Atlas Private Link too, as the
 * mongodbatlas provider documents it for Azure: Atlas's private endpoint service in the region
 * (`mongodbatlas_privatelink_endpoint`), an `azurerm_private_endpoint` in the environment's
 * private-endpoint subnet with a manual connection to that service (Atlas, not the subscription,
 * approves it), and `mongodbatlas_privatelink_endpoint_service` registering the endpoint and its
 * private IP address with Atlas. Atlas then serves a private-endpoint connection string whose
 * host names resolve to that address.
 */
export function emitMongodb(
  ctx: AzureContext,
  mongo: ResolvedMongodb,
): AzureEmitted {
  const n = id(mongo.name);
  const names = azureNames(ctx, mongo);
  const project = raw(`mongodbatlas_project.${n}.id`);
  const nat = ctx.env.network.natGateways > 0;
  const region = ATLAS_AZURE_REGIONS[ctx.env.region];
  if (!region) {
    throw new TypeError(`no Atlas region for Azure ${ctx.env.region}`);
  }
  return {
    file: `mongodb-${mongo.name}.tf`,
    items: body(
      {},
      resource('mongodbatlas_project', n, {
        name: names.atlasProject,
        org_id: raw('var.atlas_org_id'),
      }),
      resource('mongodbatlas_advanced_cluster', n, [
        attr('project_id', project),
        attr('name', names.atlasCluster),
        attr('cluster_type', 'REPLICASET'),
        attr('mongo_db_major_version', mongo.version),
        attr('backup_enabled', mongo.backup),
        attr('pit_enabled', mongo.pointInTimeRecovery),
        attr('termination_protection_enabled', ctx.env.tier === 'prod'),
        block(
          'replication_specs',
          [],
          [
            block(
              'region_configs',
              [],
              [
                attr('provider_name', 'AZURE'),
                attr('region_name', region),
                attr('priority', 7),
                block('electable_specs', [], {
                  instance_size: mongo.size,
                  node_count: 3,
                }),
              ],
            ),
          ],
        ),
        block('advanced_configuration', [], {
          minimum_enabled_tls_protocol: 'TLS1_2',
        }),
        block('tags', [], { key: 'terrace-environment', value: ctx.env.name }),
        block('tags', [], { key: 'terrace-component', value: mongo.name }),
      ]),
      generatedPassword(ctx, {
        name: `${n}_app`,
        secretName: names.appPasswordSecret,
        component: mongo.name,
      }),
      resource('mongodbatlas_database_user', n, [
        attr('project_id', project),
        attr('username', 'app'),
        attr('password', raw(`random_password.${n}_app.result`)),
        attr('auth_database_name', 'admin'),
        block('roles', [], { role_name: 'readWrite', database_name: 'app' }),
        block('scopes', [], {
          name: raw(`mongodbatlas_advanced_cluster.${n}.name`),
          type: 'CLUSTER',
        }),
      ]),
      // The environment reaches Atlas through its NAT gateways' addresses; a private VNet range
      // means nothing to Atlas without Private Link.
      nat && mongo.allowedCidr === ctx.env.network.cidr
        ? resource('mongodbatlas_project_ip_access_list', n, {
            count: ctx.env.network.natGateways,
            project_id: project,
            ip_address: raw('azurerm_public_ip.nat[count.index].ip_address'),
            comment: `${ctx.env.name} NAT gateway`,
          })
        : resource('mongodbatlas_project_ip_access_list', n, {
            project_id: project,
            cidr_block: mongo.allowedCidr,
            comment: `${ctx.env.name} network`,
          }),
      mongo.privateLink && [
        resource('mongodbatlas_privatelink_endpoint', n, {
          project_id: project,
          provider_name: 'AZURE',
          region,
        }),
        resource('azurerm_private_endpoint', n, [
          attr('name', names.privateEndpoint),
          attr('location', LOCATION),
          attr('resource_group_name', RESOURCE_GROUP),
          attr('subnet_id', ENDPOINT_SUBNET_ID),
          block('private_service_connection', [], {
            name: raw(
              `mongodbatlas_privatelink_endpoint.${n}.private_link_service_name`,
            ),
            private_connection_resource_id: raw(
              `mongodbatlas_privatelink_endpoint.${n}.private_link_service_resource_id`,
            ),
            // Atlas's service lives in MongoDB's subscription: Atlas approves the connection.
            is_manual_connection: true,
            request_message: `Terrace environment ${ctx.env.name}, ${mongo.name}`,
          }),
          attr('tags', tags(ctx, mongo.name)),
        ]),
        resource('mongodbatlas_privatelink_endpoint_service', n, {
          project_id: project,
          private_link_id: raw(
            `mongodbatlas_privatelink_endpoint.${n}.private_link_id`,
          ),
          endpoint_service_id: raw(`azurerm_private_endpoint.${n}.id`),
          private_endpoint_ip_address: raw(
            `azurerm_private_endpoint.${n}.private_service_connection[0].private_ip_address`,
          ),
          provider_name: 'AZURE',
        }),
      ],
    ),
    outputs: [
      block('output', [`${n}_connection_string`], {
        description: `${mongo.name}: standard SRV connection string (no credentials)`,
        value: raw(
          `mongodbatlas_advanced_cluster.${n}.connection_strings[0].standard_srv`,
        ),
      }),
      block('output', [`${n}_app_secret_id`], {
        description: `${mongo.name}: Key Vault secret holding the application user's password`,
        value: raw(`azurerm_key_vault_secret.${n}_app.versionless_id`),
      }),
    ],
  };
}
