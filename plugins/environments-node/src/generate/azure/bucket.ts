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
  workloadSubnetIds,
} from './context';
import { privateDnsZone, privateEndpoint } from './endpoints';
import { diagnosticSetting } from './shared';

/** The storage account of a bucket: `public` for public buckets (served through a cdn), else `main`. */
export function accountOf(bucket: Pick<ResolvedBucket, 'public'>): string {
  return bucket.public ? 'public' : 'main';
}

/** The lifecycle rules of the buckets of one account. */
function lifecycleRules(
  ctx: AzureContext,
  buckets: ResolvedBucket[],
): BodyItem[] {
  return buckets
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
}

/** One storage account (`main` or `public`) with its lifecycle policy and blob diagnostics. */
function storageAccount(
  ctx: AzureContext,
  local: 'main' | 'public',
  buckets: ResolvedBucket[],
): BodyItem[] {
  const prod = ctx.env.tier === 'prod';
  const open = local === 'public';
  const e = envNames(ctx);
  const origins = [...new Set(buckets.flatMap(b => b.corsOrigins))].sort();
  const rules = lifecycleRules(ctx, buckets);
  const account = `azurerm_storage_account.${local}`;
  return body(
    {},
    resource('azurerm_storage_account', local, [
      skip(
        'CKV2_AZURE_1',
        'encrypted with Microsoft-managed keys by design; customer-managed keys add a key vault key and identity per account',
      ),
      skip(
        'CKV_AZURE_33',
        'the account serves blobs only; queue logging has nothing to log (blob logs go to Log Analytics by a diagnostic setting)',
      ),
      (open || !prod) &&
        skip(
          'CKV2_AZURE_33',
          open
            ? 'Front Door Standard reaches its origins over the internet; private link origins need Front Door Premium'
            : `no private endpoint in ${ctx.env.tier} (prod has one): access is limited to the private subnets (service endpoints) and the management ranges`,
        ),
      ...(open
        ? [
            skip(
              'CKV_AZURE_59',
              'public buckets are read anonymously by Front Door Standard, which has no private link to origins (only Premium has)',
            ),
            skip(
              'CKV_AZURE_35',
              'public buckets are read by Front Door Standard from the internet: the storage firewall cannot admit Front Door alone',
            ),
            skip(
              'CKV_AZURE_190',
              'this account holds only the public buckets, whose containers allow anonymous reads of blobs (no listing) for Front Door',
            ),
            skip(
              'CKV2_AZURE_47',
              'this account holds only the public buckets, whose containers allow anonymous reads of blobs (no listing) for Front Door',
            ),
          ]
        : [
            skip(
              'CKV_AZURE_59',
              'public network access is "selected networks": the private subnets by service endpoint and var.management_ip_ranges; a private endpoint costs about 7.30 USD a month',
            ),
          ]),
      !prod &&
        skip(
          'CKV_AZURE_206',
          `zone-redundant (ZRS) in ${ctx.env.tier}; prod is geo-zone-redundant (GZRS)`,
        ),
      attr('name', open ? e.publicStorageAccount : e.storageAccount),
      attr('resource_group_name', RESOURCE_GROUP),
      attr('location', LOCATION),
      attr('account_kind', 'StorageV2'),
      attr('account_tier', 'Standard'),
      attr('account_replication_type', prod ? 'GZRS' : 'ZRS'),
      attr('min_tls_version', 'TLS1_2'),
      attr('https_traffic_only_enabled', true),
      attr('shared_access_key_enabled', false),
      attr('default_to_oauth_authentication', true),
      attr('allow_nested_items_to_be_public', open),
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
              allowed_methods: open ? ['GET', 'HEAD'] : ['GET', 'HEAD', 'PUT'],
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
      open
        ? block('network_rules', [], {
            default_action: 'Allow',
            bypass: ['AzureServices', 'Logging', 'Metrics'],
          })
        : block('network_rules', [], {
            default_action: 'Deny',
            bypass: ['AzureServices', 'Logging', 'Metrics'],
            ip_rules: raw('var.management_ip_ranges'),
            virtual_network_subnet_ids: workloadSubnetIds(ctx),
          }),
      attr('tags', tags(ctx, SHARED)),
    ]),
    rules.length > 0 &&
      resource('azurerm_storage_management_policy', local, [
        attr('storage_account_id', raw(`${account}.id`)),
        ...rules,
      ]),
    diagnosticSetting(
      `storage_blob_${local}`,
      template(raw(`${account}.id`), '/blobServices/default'),
    ),
    prod &&
      !open && [
        ...privateDnsZone(
          ctx,
          'blob',
          'privatelink.blob.core.windows.net',
          SHARED,
        ),
        privateEndpoint(ctx, {
          local: 'storage_blob',
          name: e.storageEndpoint,
          target: account,
          subresource: 'blob',
          zone: 'blob',
          component: SHARED,
        }),
      ],
  );
}

/**
 * `storage.tf`, when there are buckets: the environment's storage account (buckets are its blob
 * containers) and, when some bucket is public, a second one holding only the public buckets.
 * Both StorageV2, ZRS (GZRS in prod), TLS 1.2, HTTPS only, shared keys off (Entra ID only),
 * versioning when any of their buckets asks for it (Azure versions per account), soft delete of
 * blobs and containers, a SAS expiry policy, CORS from the buckets' origins, the lifecycle rules of
 * every bucket (expire, and archive as the Cold tier: Archive is not offered on zone-redundant
 * accounts), blob logs and metrics to Log Analytics. The private account is reachable from the
 * private subnets (service endpoints) and `var.management_ip_ranges` only; the public one allows
 * anonymous reads of blobs for Front Door Standard, which has no private link to its origins.
 */
export function emitStorage(ctx: AzureContext): AzureEmitted {
  const buckets = ctx.ofType('bucket');
  const closed = buckets.filter(b => !b.public);
  const open = buckets.filter(b => b.public);
  return {
    file: 'storage.tf',
    items: body(
      {},
      closed.length > 0 && storageAccount(ctx, 'main', closed),
      open.length > 0 && storageAccount(ctx, 'public', open),
    ),
  };
}

/**
 * `bucket-<name>.tf` for a `bucket` component: a blob container in its storage account (its
 * versioning, lifecycle and network rules are the account's: `storage.tf`), private, or readable
 * blob by blob (no listing) when the bucket is public and served through a cdn.
 */
export function emitBucket(
  ctx: AzureContext,
  bucket: ResolvedBucket,
): AzureEmitted {
  const n = id(bucket.name);
  const account = `azurerm_storage_account.${accountOf(bucket)}`;
  return {
    file: `bucket-${bucket.name}.tf`,
    items: [
      resource('azurerm_storage_container', n, [
        skip(
          'CKV2_AZURE_21',
          'blob read logging is on for the whole account: a diagnostic setting sends the blob service logs (allLogs) to Log Analytics',
        ),
        bucket.public &&
          skip(
            'CKV_AZURE_34',
            `a public bucket: its blobs are read anonymously (no listing) by Front Door Standard for the cdn ${bucket.servedBy}, which has no private link to origins`,
          ),
        attr('name', azureNames(ctx, bucket).container),
        attr('storage_account_id', raw(`${account}.id`)),
        attr('container_access_type', bucket.public ? 'blob' : 'private'),
      ]),
    ],
    outputs: [
      block('output', [`${n}_container_url`], {
        description: bucket.public
          ? `${bucket.name}: blob container URL (served through ${bucket.servedBy})`
          : `${bucket.name}: blob container URL (Entra ID access only)`,
        value: template(
          raw(`${account}.primary_blob_endpoint`),
          raw(`azurerm_storage_container.${n}.name`),
        ),
      }),
    ],
  };
}

/**
 * "Storage Blob Data Contributor" on the environment's storage accounts for a compute
 * component's identity: the accounts take no shared keys, so services and VMs reach their buckets
 * with Entra ID.
 */
export function storageAccess(
  ctx: AzureContext,
  local: string,
  principalId: string,
): BodyItem[] {
  const buckets = ctx.ofType('bucket');
  return (['main', 'public'] as const)
    .filter(account => buckets.some(b => accountOf(b) === account))
    .map(account =>
      resource('azurerm_role_assignment', `${local}_blobs_${account}`, {
        scope: raw(`azurerm_storage_account.${account}.id`),
        role_definition_name: 'Storage Blob Data Contributor',
        principal_id: raw(principalId),
      }),
    );
}
