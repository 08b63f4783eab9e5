import type { ResolvedBucket } from '@terrace/plugin-environments-common';
import { attr, block, body, BodyItem, raw, resource, template } from '../hcl';
import {
  AzureContext,
  AzureEmitted,
  azureNames,
  envNames,
  id,
  LOCATION,
  RESOURCE_GROUP,
  SHARED,
  skip,
  tags,
} from './context';
import { diagnosticSetting } from './shared';

const ACCOUNT = 'azurerm_storage_account.main';

/**
 * `storage.tf`, when there are buckets: the environment's one storage account (buckets are its
 * blob containers). StorageV2, ZRS (GZRS in prod), TLS 1.2, HTTPS only, shared keys and anonymous
 * access off (Entra ID only), versioning when any bucket asks for it (Azure versions per account),
 * soft delete of blobs and containers, a SAS expiry policy, reachable from the private subnets
 * (service endpoints) and `var.management_ip_ranges` only, CORS from the buckets' origins, the
 * lifecycle rules of every bucket (expire, and archive as the Cold tier: Archive is not offered on
 * zone-redundant accounts), and blob logs and metrics to Log Analytics.
 */
export function emitStorage(ctx: AzureContext): AzureEmitted {
  const buckets = ctx.ofType('bucket');
  const prod = ctx.env.tier === 'prod';
  const origins = [...new Set(buckets.flatMap(b => b.corsOrigins))].sort();
  const rules: BodyItem[] = buckets
    .filter(b => b.expireDays || b.archiveDays)
    .map(b =>
      block(
        'rule',
        [],
        [
          attr('name', b.name),
          attr('enabled', true),
          block('filters', [], {
            blob_types: ['blockBlob'],
            prefix_match: [`${azureNames(ctx, b).container}/`],
          }),
          block(
            'actions',
            [],
            [
              block('base_blob', [], {
                tier_to_cold_after_days_since_modification_greater_than:
                  b.archiveDays || undefined,
                delete_after_days_since_modification_greater_than:
                  b.expireDays || undefined,
              }),
              b.versioning &&
                block('version', [], {
                  delete_after_days_since_creation: b.expireDays || 90,
                }),
            ],
          ),
        ],
      ),
    );
  return {
    file: 'storage.tf',
    items: body(
      {},
      resource('azurerm_storage_account', 'main', [
        skip(
          'CKV2_AZURE_1',
          'encrypted with Microsoft-managed keys by design; customer-managed keys add a key vault key and identity per account',
        ),
        skip(
          'CKV_AZURE_33',
          'the account serves blobs only; queue logging has nothing to log (blob logs go to Log Analytics by a diagnostic setting)',
        ),
        skip(
          'CKV_AZURE_59',
          'public network access is "selected networks": the private subnets by service endpoint and var.management_ip_ranges; a private endpoint costs about 7.30 USD a month',
        ),
        skip(
          'CKV2_AZURE_33',
          'no private endpoint: access is limited to the private subnets (service endpoints) and the management ranges',
        ),
        !prod &&
          skip(
            'CKV_AZURE_206',
            `zone-redundant (ZRS) in ${ctx.env.tier}; prod is geo-zone-redundant (GZRS)`,
          ),
        attr('name', envNames(ctx).storageAccount),
        attr('resource_group_name', RESOURCE_GROUP),
        attr('location', LOCATION),
        attr('account_kind', 'StorageV2'),
        attr('account_tier', 'Standard'),
        attr('account_replication_type', prod ? 'GZRS' : 'ZRS'),
        attr('min_tls_version', 'TLS1_2'),
        attr('https_traffic_only_enabled', true),
        attr('shared_access_key_enabled', false),
        attr('default_to_oauth_authentication', true),
        attr('allow_nested_items_to_be_public', false),
        attr('cross_tenant_replication_enabled', false),
        attr('public_network_access_enabled', true),
        attr('local_user_enabled', false),
        block(
          'blob_properties',
          [],
          [
            attr(
              'versioning_enabled',
              buckets.some(b => b.versioning),
            ),
            block('delete_retention_policy', [], { days: prod ? 30 : 7 }),
            block('container_delete_retention_policy', [], {
              days: prod ? 30 : 7,
            }),
            origins.length > 0 &&
              block('cors_rule', [], {
                allowed_origins: origins,
                allowed_methods: ['GET', 'HEAD', 'PUT'],
                allowed_headers: ['*'],
                exposed_headers: ['ETag'],
                max_age_in_seconds: 3000,
              }),
          ],
        ),
        block('sas_policy', [], {
          expiration_period: '01.00:00:00',
          expiration_action: 'Log',
        }),
        block('network_rules', [], {
          default_action: 'Deny',
          bypass: ['AzureServices', 'Logging', 'Metrics'],
          ip_rules: raw('var.management_ip_ranges'),
          virtual_network_subnet_ids: raw('azurerm_subnet.private[*].id'),
        }),
        attr('tags', tags(ctx, SHARED)),
      ]),
      rules.length > 0 &&
        resource('azurerm_storage_management_policy', 'main', [
          attr('storage_account_id', raw(`${ACCOUNT}.id`)),
          ...rules,
        ]),
      diagnosticSetting(
        'storage_blob',
        template(raw(`${ACCOUNT}.id`), '/blobServices/default'),
      ),
    ),
  };
}

/**
 * `bucket-<name>.tf` for a `bucket` component: a private blob container in the environment's
 * storage account (its versioning, lifecycle and network rules are the account's: `storage.tf`).
 */
export function emitBucket(
  ctx: AzureContext,
  bucket: ResolvedBucket,
): AzureEmitted {
  const n = id(bucket.name);
  return {
    file: `bucket-${bucket.name}.tf`,
    items: [
      resource('azurerm_storage_container', n, [
        skip(
          'CKV2_AZURE_21',
          'blob read logging is on for the whole account: a diagnostic setting sends the blob service logs (allLogs) to Log Analytics',
        ),
        attr('name', azureNames(ctx, bucket).container),
        attr('storage_account_id', raw(`${ACCOUNT}.id`)),
        attr('container_access_type', 'private'),
      ]),
    ],
    outputs: [
      block('output', [`${n}_container_url`], {
        description: `${bucket.name}: blob container URL (Entra ID access only)`,
        value: template(
          raw(`${ACCOUNT}.primary_blob_endpoint`),
          raw(`azurerm_storage_container.${n}.name`),
        ),
      }),
    ],
  };
}
