import type { ResolvedRedis } from '@terrace/plugin-environments-common';
import { attr, block, body, map, raw, resource, template } from '../hcl';
import { emitAlarms } from './alarms';
import {
  AwsContext,
  AwsEmitted,
  componentTags,
  DATA_SUBNET_IDS,
  id,
  KMS_KEY_ARN,
  skip,
} from './context';
import { generatedSecret } from './secretStore';
import { dataStoreAccess, securityGroup } from './securityGroups';

const PORT = 6379;

/** `redis7` from `7.0`, `redis6.x` from `6.2`. */
function family(version: string) {
  const m = version.split('.')[0];
  return Number(m) >= 7 ? `redis${m}` : `redis${m}.x`;
}

/**
 * `<name>.tf` for a `redis` component: an ElastiCache replication group encrypted at rest (with
 * the environment key) and in transit, an auth token kept in Secrets Manager when asked,
 * automatic failover and Multi-AZ when it has replicas, snapshots, the eviction policy through a
 * parameter group, and its alarms (on the primary node).
 */
export function emitRedis(ctx: AwsContext, cache: ResolvedRedis): AwsEmitted {
  const n = id(cache.name);
  const group = `aws_elasticache_replication_group.${n}`;
  return {
    file: `redis-${cache.name}.tf`,
    items: body(
      {},
      securityGroup(
        n,
        cache.resourceName,
        cache.name,
        `Redis ${cache.name}: reachable only from the environment's services`,
      ),
      dataStoreAccess(cache, PORT, ctx.compute()),
      resource('aws_elasticache_subnet_group', n, {
        name: cache.resourceName,
        description: `Data subnets of ${ctx.env.name}`,
        subnet_ids: DATA_SUBNET_IDS,
        tags: componentTags(cache.name),
      }),
      resource('aws_elasticache_parameter_group', n, [
        attr('name', cache.resourceName),
        attr('family', family(cache.version)),
        attr(
          'description',
          `Redis for ${cache.resourceName}: eviction policy ${cache.evictionPolicy}`,
        ),
        block('parameter', [], {
          name: 'maxmemory-policy',
          value: cache.evictionPolicy,
        }),
        attr('tags', componentTags(cache.name)),
        block('lifecycle', [], { create_before_destroy: true }),
      ]),
      cache.authToken &&
        generatedSecret({
          name: `${n}_auth`,
          secretName: `${ctx.env.name}/${cache.name}/auth-token`,
          component: cache.name,
          description: `AUTH token of ${cache.resourceName}`,
          recoveryDays: ctx.env.tier === 'prod' ? 30 : 7,
          length: 64,
        }),
      resource(
        'aws_elasticache_replication_group',
        n,
        body(
          {},
          !cache.multiAz &&
            skip(
              'CKV2_AWS_50',
              `no replicas in the spec for ${cache.name}: a single node has nothing to fail over to`,
            ),
          !cache.authToken &&
            skip(
              'CKV_AWS_31',
              'authToken is false in the spec: access is limited by security group to the services, and TLS is still required',
            ),
          attr('replication_group_id', cache.resourceName),
          attr('description', `Redis ${cache.name} of ${ctx.env.name}`),
          attr('engine', 'redis'),
          attr('engine_version', cache.version),
          attr('node_type', cache.size),
          attr('num_cache_clusters', cache.replicas + 1),
          attr('port', PORT),
          attr('automatic_failover_enabled', cache.multiAz),
          attr('multi_az_enabled', cache.multiAz),
          attr(
            'subnet_group_name',
            raw(`aws_elasticache_subnet_group.${n}.name`),
          ),
          attr('security_group_ids', [raw(`aws_security_group.${n}.id`)]),
          attr(
            'parameter_group_name',
            raw(`aws_elasticache_parameter_group.${n}.name`),
          ),
          attr('at_rest_encryption_enabled', true),
          attr('kms_key_id', KMS_KEY_ARN),
          attr('transit_encryption_enabled', true),
          cache.authToken &&
            attr('auth_token', raw(`random_password.${n}_auth.result`)),
          attr('snapshot_retention_limit', cache.snapshotRetentionDays),
          cache.snapshotRetentionDays > 0 &&
            attr('snapshot_window', '16:00-17:00'),
          attr('maintenance_window', 'sun:17:30-sun:18:30'),
          attr('auto_minor_version_upgrade', true),
          attr('apply_immediately', false),
          attr('tags', componentTags(cache.name)),
        ),
      ),
      emitAlarms(ctx, cache.name, () =>
        map({ CacheClusterId: template(raw(`${group}.id`), '-001') }),
      ),
    ),
    outputs: [
      block('output', [`${n}_endpoint`], {
        description: `${cache.name}: Redis primary endpoint (TLS)`,
        value: raw(`${group}.primary_endpoint_address`),
      }),
      cache.authToken
        ? block('output', [`${n}_auth_secret_arn`], {
            description: `${cache.name}: Secrets Manager secret holding the AUTH token`,
            value: raw(`aws_secretsmanager_secret.${n}_auth.arn`),
          })
        : undefined,
    ].filter((b): b is NonNullable<typeof b> => Boolean(b)),
  };
}
