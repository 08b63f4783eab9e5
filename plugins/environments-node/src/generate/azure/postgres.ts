import type { ResolvedPostgres } from '@terrace/plugin-environments-common';
import { attr, block, body, raw, resource, template } from '../hcl';
import { emitAlarms } from './alarms';
import {
  AzureContext,
  AzureEmitted,
  azureNames,
  id,
  LOCATION,
  RESOURCE_GROUP,
  skip,
  tags,
  TENANT_ID,
  VNET_ID,
} from './context';
import { POSTGRES_SUBNET_ID } from './network';
import { generatedPassword } from './secretStore';
import { diagnosticSetting } from './shared';

const ADMIN_USER = 'terrace_admin';

/** Storage sizes a flexible server takes, in MiB (32 GiB to 32 TiB). */
const STORAGE_MB = [
  32768, 65536, 131072, 262144, 524288, 1048576, 2097152, 4193280, 8388608,
  16777216, 33553408,
];

/** The smallest storage size Azure offers that holds `gb` GiB. */
export function flexibleStorageMb(gb: number): number {
  return (
    STORAGE_MB.find(mb => mb >= gb * 1024) ?? STORAGE_MB[STORAGE_MB.length - 1]
  );
}

/** Azure keeps flexible server backups 7 to 35 days. */
export function flexibleBackupDays(days: number): number {
  return Math.min(35, Math.max(7, days));
}

/**
 * The flexible server SKU of a VM size: the compute tier's prefix (`B_` Burstable, `GP_` General
 * Purpose for D sizes, `MO_` Memory Optimized for E sizes) and the size (`GP_Standard_D2ds_v4`).
 */
export function flexibleSkuName(size: string): string {
  const family = /^Standard_([A-Z])/.exec(size)?.[1];
  const tiers: Record<string, string> = { B: 'B', E: 'MO' };
  return `${(family && tiers[family]) ?? 'GP'}_${size}`;
}

/**
 * `postgres-<name>.tf` for a `postgres` component: a PostgreSQL flexible server injected into the
 * environment's delegated subnet with a private DNS zone (public access off), zone-redundant HA as
 * resolved (`zone` and the standby zone in `ignore_changes`: Azure swaps them on failover), backups
 * for the resolved days (7 to 35, Azure's range), geo-redundant in prod, read replicas, an admin
 * password made by Terraform and kept in Key Vault, a delete lock when `deletionProtection`,
 * diagnostic logs, and its metric alerts.
 */
export function emitPostgres(
  ctx: AzureContext,
  db: ResolvedPostgres,
): AzureEmitted {
  const n = id(db.name);
  const names = azureNames(ctx, db);
  const prod = ctx.env.tier === 'prod';
  const server = `azurerm_postgresql_flexible_server.${n}`;
  const major = db.version.split('.')[0];
  const common = [
    attr('resource_group_name', RESOURCE_GROUP),
    attr('location', LOCATION),
    attr('version', major),
    attr('sku_name', flexibleSkuName(db.size)),
    attr('storage_mb', flexibleStorageMb(db.storageGb)),
    attr('auto_grow_enabled', db.maxStorageGb > db.storageGb),
    attr('delegated_subnet_id', POSTGRES_SUBNET_ID),
    attr('private_dns_zone_id', raw(`azurerm_private_dns_zone.${n}.id`)),
    attr('public_network_access_enabled', false),
  ];
  const skips = (replica: boolean) => [
    skip(
      'CKV2_AZURE_57',
      'VNet-integrated: injected into a delegated subnet with a private DNS zone and public access off, so no private endpoint is needed',
    ),
    (replica || !prod) &&
      skip(
        'CKV_AZURE_136',
        replica
          ? 'a read replica takes no backups of its own; the primary is backed up'
          : `geo-redundant backups are on in prod; a ${ctx.env.tier} server keeps locally redundant backups (half the backup storage)`,
      ),
  ];
  return {
    file: `postgres-${db.name}.tf`,
    items: body(
      {},
      resource('azurerm_private_dns_zone', n, {
        name: names.postgresDnsZone,
        resource_group_name: RESOURCE_GROUP,
        tags: tags(ctx, db.name),
      }),
      resource('azurerm_private_dns_zone_virtual_network_link', n, {
        name: names.postgresDnsLink,
        resource_group_name: RESOURCE_GROUP,
        private_dns_zone_name: raw(`azurerm_private_dns_zone.${n}.name`),
        virtual_network_id: VNET_ID,
        registration_enabled: false,
        tags: tags(ctx, db.name),
      }),
      generatedPassword(ctx, {
        name: `${n}_admin`,
        secretName: names.adminPasswordSecret,
        component: db.name,
      }),
      resource(
        'azurerm_postgresql_flexible_server',
        n,
        body(
          {},
          skips(false),
          attr('name', names.postgresServer),
          common,
          attr('administrator_login', ADMIN_USER),
          attr(
            'administrator_password',
            raw(`random_password.${n}_admin.result`),
          ),
          attr(
            'backup_retention_days',
            flexibleBackupDays(db.backupRetentionDays),
          ),
          attr('geo_redundant_backup_enabled', prod),
          attr('zone', '1'),
          db.highAvailability &&
            block('high_availability', [], {
              mode: 'ZoneRedundant',
              standby_availability_zone: '2',
            }),
          block('authentication', [], {
            active_directory_auth_enabled: true,
            password_auth_enabled: true,
            tenant_id: TENANT_ID,
          }),
          block('maintenance_window', [], {
            day_of_week: 0,
            start_hour: 17,
            start_minute: 30,
          }),
          attr('tags', tags(ctx, db.name)),
          attr('depends_on', [
            raw(`azurerm_private_dns_zone_virtual_network_link.${n}`),
          ]),
          block('lifecycle', [], {
            // Azure swaps the zones after a failover; without this every plan shows a diff.
            ignore_changes: [
              raw('zone'),
              ...(db.highAvailability
                ? [raw('high_availability[0].standby_availability_zone')]
                : []),
            ],
          }),
        ),
      ),
      // Deletion protection: a delete lock, removed by turning deletionProtection off and applying.
      db.deletionProtection &&
        resource('azurerm_management_lock', n, {
          name: 'terrace-deletion-protection',
          scope: raw(`${server}.id`),
          lock_level: 'CanNotDelete',
          notes: `deletionProtection of ${db.name} in environment.yaml`,
        }),
      resource(
        'azurerm_postgresql_flexible_server_configuration',
        `${n}_log_statement`,
        {
          name: 'log_statement',
          server_id: raw(`${server}.id`),
          value: 'ddl',
        },
      ),
      db.readReplicas > 0 &&
        resource(
          'azurerm_postgresql_flexible_server',
          `${n}_replica`,
          body(
            {},
            skips(true),
            attr('count', db.readReplicas),
            attr(
              'name',
              template(names.postgresReplicaPrefix, raw('count.index')),
            ),
            common,
            attr('create_mode', 'Replica'),
            attr('source_server_id', raw(`${server}.id`)),
            attr('zone', raw('tostring(count.index % 3 + 1)')),
            attr('tags', tags(ctx, db.name)),
            block('lifecycle', [], { ignore_changes: [raw('zone')] }),
          ),
        ),
      diagnosticSetting(`postgres_${n}`, raw(`${server}.id`)),
      db.readReplicas > 0 &&
        diagnosticSetting(
          `postgres_${n}_replica`,
          raw(
            `azurerm_postgresql_flexible_server.${n}_replica[count.index].id`,
          ),
          { logs: true, count: db.readReplicas },
        ),
      emitAlarms(ctx, db.name, alarm =>
        raw(
          alarm.signal === 'replica-lag' && db.readReplicas > 0
            ? `azurerm_postgresql_flexible_server.${n}_replica[0].id`
            : `${server}.id`,
        ),
      ),
    ),
    outputs: [
      block('output', [`${n}_fqdn`], {
        description: `${db.name}: PostgreSQL server host name (private DNS)`,
        value: raw(`${server}.fqdn`),
      }),
      block('output', [`${n}_admin_secret_id`], {
        description: `${db.name}: Key Vault secret holding the admin password`,
        value: raw(`azurerm_key_vault_secret.${n}_admin.versionless_id`),
      }),
    ],
  };
}
