import type { ResolvedMongodb } from '@terrace/plugin-environments-common';
import { attr, block, body, raw, resource } from '../hcl';

import {
  AwsContext,
  AwsEmitted,
  awsNames,
  componentTags,
  DATA_SUBNET_IDS,
  id,
  skip,
} from './context';
import { generatedSecret } from './secretStore';
import { dataStoreAccess, securityGroup } from './securityGroups';

/** Atlas names AWS regions in upper snake case: `ap-southeast-2` -> `AP_SOUTHEAST_2`. */
export function atlasRegion(region: string) {
  return region.toUpperCase().replace(/-/g, '_');
}

/**
 * `<name>.tf` for a `mongodb` component: an Atlas project and a replica-set cluster on AWS in the
 * environment's region with cloud backup and point-in-time recovery, an application user whose
 * password is made by Terraform and kept in Secrets Manager, an IP access list limited to the
 * allowed CIDR, and a PrivateLink endpoint into the data subnets when resolved so (prod).
 */
export function emitMongodb(
  ctx: AwsContext,
  mongo: ResolvedMongodb,
): AwsEmitted {
  const n = id(mongo.name);
  const project = raw(`mongodbatlas_project.${n}.id`);
  const region = atlasRegion(ctx.env.region);
  return {
    file: `mongodb-${mongo.name}.tf`,
    items: body(
      {},
      resource('mongodbatlas_project', n, {
        name: awsNames(ctx, mongo).atlasProject,
        org_id: raw('var.atlas_org_id'),
      }),
      resource('mongodbatlas_advanced_cluster', n, [
        attr('project_id', project),
        attr('name', awsNames(ctx, mongo).atlasCluster),
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
                attr('provider_name', 'AWS'),
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
      generatedSecret({
        name: `${n}_app`,
        secretName: awsNames(ctx, mongo).appUserSecret,
        component: mongo.name,
        description: `Password of the application user of ${mongo.resourceName}`,
        recoveryDays: ctx.env.tier === 'prod' ? 30 : 7,
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
      resource('mongodbatlas_project_ip_access_list', n, {
        project_id: project,
        cidr_block: mongo.allowedCidr,
        comment: `${ctx.env.name} network`,
      }),
      mongo.privateLink && [
        securityGroup(
          `${n}`,
          awsNames(ctx, mongo).endpointSecurityGroup,
          mongo.name,
          `PrivateLink endpoint of ${mongo.name}: from the environment's services`,
        ),
        ...dataStoreAccess(
          mongo,
          // Atlas PrivateLink gives each node its own port on the endpoint.
          [1024, 65535],
          ctx.compute(),
          [
            skip(
              'CKV_AWS_25',
              'the source is the services security group, not an address range; Atlas PrivateLink maps each node to its own port in 1024-65535',
            ),
          ],
        ),
        resource('mongodbatlas_privatelink_endpoint', n, {
          project_id: project,
          provider_name: 'AWS',
          region: ctx.env.region,
        }),
        resource('aws_vpc_endpoint', n, {
          vpc_id: raw('aws_vpc.main.id'),
          service_name: raw(
            `mongodbatlas_privatelink_endpoint.${n}.endpoint_service_name`,
          ),
          vpc_endpoint_type: 'Interface',
          subnet_ids: DATA_SUBNET_IDS,
          security_group_ids: [raw(`aws_security_group.${n}.id`)],
          tags: componentTags(mongo.name),
        }),
        resource('mongodbatlas_privatelink_endpoint_service', n, {
          project_id: project,
          private_link_id: raw(
            `mongodbatlas_privatelink_endpoint.${n}.private_link_id`,
          ),
          endpoint_service_id: raw(`aws_vpc_endpoint.${n}.id`),
          provider_name: 'AWS',
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
      block('output', [`${n}_app_secret_arn`], {
        description: `${mongo.name}: Secrets Manager secret holding the application user's password`,
        value: raw(`aws_secretsmanager_secret.${n}_app.arn`),
      }),
    ],
  };
}
