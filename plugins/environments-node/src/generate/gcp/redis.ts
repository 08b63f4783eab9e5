import { InputError } from '@backstage/errors';
import type { ResolvedRedis } from '@terrace/plugin-environments-common';
import { attr, block, body, raw, resource, template } from '../hcl';
import { emitAlarms } from './alarms';
import {
  componentLabels,
  GcpContext,
  GcpEmitted,
  gcpNames,
  id,
  NETWORK_ID,
  PROJECT,
  PSA_CONNECTION,
  REGION,
} from './context';
import { secretManagerSecret } from './secretStore';

/**
 * Memorystore's Redis versions by the spec's `major.minor` (cloud.google.com/memorystore/docs/
 * redis/supported-versions). A minor Memorystore does not offer takes the newest of its major
 * (7.1, the tier presets' default, is Memorystore's REDIS_7_2).
 */
const VERSIONS: Record<string, string> = {
  '5.0': 'REDIS_5_0',
  '6': 'REDIS_6_X',
  '7.0': 'REDIS_7_0',
  '7': 'REDIS_7_2',
};

/** The Memorystore version of a spec version, or undefined when Memorystore has none. */
export function memorystoreVersion(version: string): string | undefined {
  const [maj, min = '0'] = version.split('.');
  return VERSIONS[`${maj}.${min}`] ?? VERSIONS[maj];
}

/** Memory in GB of a size such as `standard-5gb`. */
function memoryGb(size: string): number {
  return Number(/(\d+)gb$/.exec(size)?.[1] ?? 1);
}

/** STANDARD_HA (a replica in another zone, automatic failover) for `standard-*` sizes or replicas. */
export function memorystoreTier(cache: ResolvedRedis): 'BASIC' | 'STANDARD_HA' {
  return cache.size.startsWith('standard-') || cache.replicas > 0
    ? 'STANDARD_HA'
    : 'BASIC';
}

/**
 * `redis-<name>.tf` for a `redis` component: Memorystore for Redis on Private Service Access,
 * STANDARD_HA for high availability (read replicas when `replicas` > 1), AUTH on with the
 * server-generated AUTH string kept in Secret Manager, in-transit encryption (server
 * authentication), the eviction policy, RDB snapshots when the tier keeps snapshots, and its
 * alert policies.
 */
export function emitRedis(
  ctx: GcpContext,
  cache: ResolvedRedis,
  index: number,
): GcpEmitted {
  const n = id(cache.name);
  const names = gcpNames(ctx, cache);
  const version = memorystoreVersion(cache.version);
  if (!version) {
    throw new InputError(
      `spec.components[${index}].version: Redis "${cache.version}" is not a version Memorystore runs (supported: 5.0, 6.x, 7.0, 7.2)`,
    );
  }
  const tier = memorystoreTier(cache);
  const instance = `google_redis_instance.${n}`;
  return {
    file: `redis-${cache.name}.tf`,
    items: body(
      {},
      resource('google_redis_instance', n, [
        attr('name', names.redisInstance),
        attr('display_name', `${ctx.env.name} ${cache.name}`),
        attr('tier', tier),
        attr('memory_size_gb', memoryGb(cache.size)),
        attr('region', REGION),
        attr('redis_version', version),
        attr('authorized_network', NETWORK_ID),
        attr('connect_mode', 'PRIVATE_SERVICE_ACCESS'),
        attr('auth_enabled', true),
        attr('transit_encryption_mode', 'SERVER_AUTHENTICATION'),
        tier === 'STANDARD_HA' && cache.replicas > 1
          ? attr('replica_count', cache.replicas)
          : undefined,
        tier === 'STANDARD_HA' && cache.replicas > 1
          ? attr('read_replicas_mode', 'READ_REPLICAS_ENABLED')
          : undefined,
        attr('redis_configs', {
          kind: 'map',
          entries: [['maxmemory-policy', cache.evictionPolicy]],
        }),
        attr('labels', componentLabels(cache.name)),
        cache.snapshotRetentionDays > 0
          ? block('persistence_config', [], {
              persistence_mode: 'RDB',
              rdb_snapshot_period: 'TWENTY_FOUR_HOURS',
            })
          : undefined,
        block(
          'maintenance_policy',
          [],
          [
            block(
              'weekly_maintenance_window',
              [],
              [
                attr('day', 'SUNDAY'),
                block('start_time', [], {
                  hours: 17,
                  minutes: 30,
                  seconds: 0,
                  nanos: 0,
                }),
              ],
            ),
          ],
        ),
        attr('depends_on', [PSA_CONNECTION]),
      ]),
      secretManagerSecret({
        name: `${n}_auth`,
        secretId: names.generatedSecret('auth-string'),
        component: cache.name,
        version: raw(`${instance}.auth_string`),
      }),
      emitAlarms(ctx, cache.name, () =>
        template(
          'resource.labels.instance_id = "projects/',
          PROJECT,
          '/locations/',
          REGION,
          '/instances/',
          raw(`${instance}.name`),
          '"',
        ),
      ),
    ),
    outputs: [
      block('output', [`${n}_host`], {
        description: `${cache.name}: Redis host (port 6378, TLS)`,
        value: raw(`${instance}.host`),
      }),
      block('output', [`${n}_auth_secret`], {
        description: `${cache.name}: Secret Manager secret holding the AUTH string`,
        value: raw(`google_secret_manager_secret.${n}_auth.id`),
      }),
      block('output', [`${n}_server_ca_certs`], {
        description: `${cache.name}: CA certificates clients verify the server with`,
        value: raw(`${instance}.server_ca_certs`),
      }),
    ],
  };
}
