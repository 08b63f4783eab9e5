import { InputError } from '@backstage/errors';
import {
  awsEngineVersion,
  awsEngineVersionList,
  type ResolvedRedis,
} from '@terrace/plugin-environments-common';
import { attr, block, body, map, raw, resource, template } from '../hcl';
import { emitAlarms } from './alarms';
import {
  AwsContext,
  AwsEmitted,
  awsNames,
  componentTags,
  DATA_SUBNET_IDS,
  id,
  KMS_KEY_ARN,
  skip,
} from './context';
import { generatedSecret } from './secretStore';
import { dataStoreAccess, securityGroup } from './securityGroups';

const PORT = 6379;

/**
 * The engine table's row of the version (family `redis5.0`, `redis6.x`, `redis7`, and the
 * `engine_version` in the form ElastiCache takes); a version ElastiCache does not run is refused.
 */
function engine(cache: ResolvedRedis) {
  const row = awsEngineVersion('redis', cache.version);
  if (!row) {
    throw new InputError(
      `${cache.name}: Redis OSS "${
        cache.version
      }" is not a version ElastiCache runs (supported: ${awsEngineVersionList(
        'redis',
      )})`,
    );
  }
  return row;
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
  const names = awsNames(ctx, cache);
  const version = engine(cache);
  return {
    file: `redis-${cache.name}.tf`,
    items: body(
      {},
      securityGroup(
        n,
        names.securityGroup,
        cache.name,
        `Redis ${cache.name}: reachable only from the environment's services`,
      ),
      dataStoreAccess(cache, PORT, ctx.compute()),
      resource('aws_elasticache_subnet_group', n, {
        name: names.cacheSubnetGroup,
        description: `Data subnets of ${ctx.env.name}`,
        subnet_ids: DATA_SUBNET_IDS,
        tags: componentTags(cache.name),
      }),
      resource('aws_elasticache_parameter_group', n, [
        attr('name', names.cacheParameterGroup),
        attr('family', version.family),
        attr(
          'description',
          `Redis for ${names.replicationGroup}: eviction policy ${cache.evictionPolicy}`,
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
          secretName: names.authTokenSecret,
          component: cache.name,
          description: `AUTH token of ${names.replicationGroup}`,
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
          attr('replication_group_id', names.replicationGroup),
          attr('description', `Redis ${cache.name} of ${ctx.env.name}`),
          attr('engine', 'redis'),
          attr('engine_version', version.engineVersion),
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
