import type { ResolvedRedis } from '@terrace/plugin-environments-common';
import { attr, block, body, raw, resource } from '../hcl';
import { emitAlarms } from './alarms';
import {
  AzureContext,
  AzureEmitted,
  azureNames,
  id,
  LOCATION,
  RESOURCE_GROUP,
  tags,
} from './context';
import { privateDnsZone, privateEndpoint } from './endpoints';
import { keyVaultSecret } from './secretStore';
import { diagnosticSetting } from './shared';

/** Managed Redis eviction policies by their Redis names. */
const EVICTION: Record<string, string> = {
  'allkeys-lru': 'AllKeysLRU',
  'allkeys-lfu': 'AllKeysLFU',
  'allkeys-random': 'AllKeysRandom',
  'volatile-lru': 'VolatileLRU',
  'volatile-lfu': 'VolatileLFU',
  'volatile-random': 'VolatileRandom',
  'volatile-ttl': 'VolatileTTL',
  noeviction: 'NoEviction',
};

/** The private DNS zone of managed Redis private endpoints. */
const REDIS_ZONE = 'privatelink.redis.azure.net';

/**
 * `redis-<name>.tf` for a `redis` component: Azure Managed Redis (`azurerm_managed_redis`; Azure
 * Cache for Redis takes no new caches since 2026-10-01) of the resolved SKU, high availability when
 * it has replicas, TLS only, access keys only when `authToken` (the primary key then goes to Key
 * Vault, else clients use Entra ID), a private endpoint in the endpoints subnet with its private
 * DNS zone, metrics to Log Analytics, and its metric alerts.
 */
export function emitRedis(
  ctx: AzureContext,
  cache: ResolvedRedis,
): AzureEmitted {
  const n = id(cache.name);
  const names = azureNames(ctx, cache);
  const redis = `azurerm_managed_redis.${n}`;
  return {
    file: `redis-${cache.name}.tf`,
    items: body(
      {},
      resource('azurerm_managed_redis', n, [
        attr('name', names.managedRedis),
        attr('resource_group_name', RESOURCE_GROUP),
        attr('location', LOCATION),
        attr('sku_name', cache.size),
        attr('high_availability_enabled', cache.multiAz),
        block('default_database', [], {
          access_keys_authentication_enabled: cache.authToken,
          client_protocol: 'Encrypted',
          eviction_policy: EVICTION[cache.evictionPolicy] ?? 'VolatileLRU',
        }),
        attr('tags', tags(ctx, cache.name)),
      ]),
      // One zone for every managed Redis of the environment.
      ctx.ofType('redis')[0]?.name === cache.name &&
        privateDnsZone(ctx, 'redis', REDIS_ZONE, cache.name),
      privateEndpoint(ctx, {
        local: n,
        name: names.privateEndpoint,
        target: redis,
        subresource: 'redisEnterprise',
        zone: 'redis',
        component: cache.name,
      }),
      cache.authToken &&
        keyVaultSecret(ctx, {
          name: `${n}_access_key`,
          secretName: names.accessKeySecret,
          component: cache.name,
          value: raw(`${redis}.default_database[0].primary_access_key`),
          contentType: 'redis-access-key',
        }),
      diagnosticSetting(`redis_${n}`, raw(`${redis}.id`), { logs: false }),
      emitAlarms(ctx, cache.name, () => raw(`${redis}.id`)),
    ),
    outputs: [
      block('output', [`${n}_hostname`], {
        description: `${cache.name}: managed Redis host name (TLS, port 10000)`,
        value: raw(`${redis}.hostname`),
      }),
    ],
  };
}
