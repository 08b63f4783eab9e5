import type { ResolvedRegistry } from '@terrace/plugin-environments-common';
import { attr, block, body, call, raw, resource } from '../hcl';
import {
  AzureContext,
  AzureEmitted,
  azureNames,
  id,
  LOCATION,
  RESOURCE_GROUP,
  skip,
  tags,
} from './context';
import { diagnosticSetting } from './shared';

/**
 * The ACR task that keeps the newest `keep` tags of every repository and deletes untagged
 * manifests (`acr purge`, run daily by the registry's scheduler).
 */
export function purgeTaskContent(keep: number): string {
  return [
    'version: v1.1.0',
    'steps:',
    `  - cmd: acr purge --filter '.*:.*' --keep ${keep} --ago 0d --untagged`,
    '    disableWorkingDirectoryOverride: true',
    '    timeout: 3600',
    '',
  ].join('\n');
}

/**
 * `registry-<name>.tf` for a `registry` component: an Azure Container Registry (Premium in prod,
 * with zone redundancy, dedicated data endpoints and retention of untagged manifests; Standard
 * below), admin user and anonymous pull off, a daily purge task keeping `keepImages` tags per
 * repository, and its logs and metrics to Log Analytics.
 */
export function emitRegistry(
  ctx: AzureContext,
  registry: ResolvedRegistry,
): AzureEmitted {
  const n = id(registry.name);
  const prod = ctx.env.tier === 'prod';
  const acr = `azurerm_container_registry.${n}`;
  return {
    file: `registry-${registry.name}.tf`,
    items: body(
      {},
      resource(
        'azurerm_container_registry',
        n,
        [
          skip(
            'CKV_AZURE_139',
            'images are pushed from CI runners outside the virtual network; closing public access needs Premium and a private endpoint',
          ),
          skip(
            'CKV_AZURE_163',
            'image scanning is Microsoft Defender for Containers, a subscription-wide plan outside this environment',
          ),
          skip(
            'CKV_AZURE_164',
            'Docker Content Trust is deprecated in ACR; images are trusted by the pipeline that pushes them',
          ),
          skip(
            'CKV_AZURE_165',
            'no geo-replication: one region per environment (a replica costs a second Premium registry)',
          ),
          skip(
            'CKV_AZURE_166',
            'quarantine holds every pushed image until a scanner releases it, which would stop deployments without one',
          ),
          !prod && [
            skip(
              'CKV_AZURE_167',
              `untagged manifests are deleted by the daily purge task; the retention policy needs Premium, used in prod only`,
            ),
            skip(
              'CKV_AZURE_233',
              `zone redundancy needs Premium (about 50 USD a month), used in prod; ${ctx.env.tier} uses Standard`,
            ),
            skip(
              'CKV_AZURE_237',
              `dedicated data endpoints need Premium, used in prod; ${ctx.env.tier} uses Standard`,
            ),
          ],
          attr('name', azureNames(ctx, registry).containerRegistry),
          attr('resource_group_name', RESOURCE_GROUP),
          attr('location', LOCATION),
          attr('sku', prod ? 'Premium' : 'Standard'),
          attr('admin_enabled', false),
          attr('anonymous_pull_enabled', false),
          attr('public_network_access_enabled', true),
          prod && attr('zone_redundancy_enabled', true),
          prod && attr('data_endpoint_enabled', true),
          prod && attr('retention_policy_in_days', registry.untaggedExpireDays),
          attr('tags', tags(ctx, registry.name)),
        ].flat(),
      ),
      resource('azurerm_container_registry_task', `${n}_purge`, [
        attr('name', 'purge'),
        attr('container_registry_id', raw(`${acr}.id`)),
        block('platform', [], { os: 'Linux' }),
        block('encoded_step', [], {
          task_content: call(
            'base64encode',
            purgeTaskContent(registry.keepImages),
          ),
        }),
        block('timer_trigger', [], {
          name: 'daily',
          schedule: '0 3 * * *',
          enabled: true,
        }),
        attr('tags', tags(ctx, registry.name)),
      ]),
      diagnosticSetting(`registry_${n}`, raw(`${acr}.id`)),
    ),
    outputs: [
      block('output', [`${n}_login_server`], {
        description: `${registry.name}: registry login server`,
        value: raw(`${acr}.login_server`),
      }),
    ],
  };
}
