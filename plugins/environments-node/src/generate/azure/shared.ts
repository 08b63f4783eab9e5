import {
  attr,
  block,
  body,
  BodyItem,
  data,
  raw,
  resource,
  Value,
} from '../hcl';
import { privateDnsZone, privateEndpoint } from './endpoints';
import {
  AzureContext,
  AzureEmitted,
  envNames,
  KEY_VAULT_ID,
  LOCATION,
  RESOURCE_GROUP,
  SHARED,
  skip,
  tags,
  workloadSubnetIds,
  TENANT_ID,
  WORKSPACE_ID,
} from './context';

/**
 * A diagnostic setting sending a resource's logs (category group `allLogs`) and metrics
 * (`AllMetrics`) to the environment's Log Analytics workspace. `logs: false` for resources that
 * have metrics only (NAT gateways, managed Redis clusters, storage accounts).
 */
export function diagnosticSetting(
  name: string,
  target: Value,
  opts: { logs: boolean; count?: number } = { logs: true },
): BodyItem {
  return resource('azurerm_monitor_diagnostic_setting', name, [
    opts.count !== undefined && attr('count', opts.count),
    attr('name', 'terrace-log-analytics'),
    attr('target_resource_id', target),
    attr('log_analytics_workspace_id', WORKSPACE_ID),
    opts.logs && block('enabled_log', [], { category_group: 'allLogs' }),
    block('enabled_metric', [], { category: 'AllMetrics' }),
  ]);
}

/**
 * `main.tf`: the environment's resource group, its Log Analytics workspace, the action group the
 * alarms notify, and the Key Vault (RBAC, soft delete, purge protection in prod) that holds every
 * secret Terraform makes and the slots of `secrets` components. The identity running Terraform
 * gets "Key Vault Secrets Officer" on the vault to write them; the vault's firewall admits the
 * environment's subnets and `var.management_ip_ranges` (where Terraform runs).
 */
export function emitShared(ctx: AzureContext): AzureEmitted {
  const e = envNames(ctx);
  const prod = ctx.env.tier === 'prod';
  return {
    file: 'main.tf',
    items: body(
      {},
      data('azurerm_client_config', 'current', []),
      resource('azurerm_resource_group', 'main', {
        name: e.resourceGroup,
        location: raw('var.location'),
        tags: tags(ctx, SHARED),
      }),
      resource('azurerm_log_analytics_workspace', 'main', {
        name: e.logAnalytics,
        location: LOCATION,
        resource_group_name: RESOURCE_GROUP,
        sku: 'PerGB2018',
        retention_in_days: prod ? 90 : 30,
        tags: tags(ctx, SHARED),
      }),
      resource('azurerm_monitor_action_group', 'alarms', {
        name: e.actionGroup,
        resource_group_name: RESOURCE_GROUP,
        short_name: e.actionGroupShort,
        tags: tags(ctx, SHARED),
      }),
      resource('azurerm_key_vault', 'main', [
        skip(
          'CKV_AZURE_189',
          'Terraform writes the secrets from CI runners outside the virtual network; the firewall admits only the subnets and var.management_ip_ranges',
        ),
        !prod &&
          skip(
            'CKV2_AZURE_32',
            `no private endpoint in ${ctx.env.tier} (about 7.30 USD a month each; prod has one): access is limited by the vault firewall and RBAC`,
          ),
        !prod &&
          skip(
            'CKV_AZURE_110',
            `purge protection is on in prod only: a ${ctx.env.tier} vault must be purgeable so the environment can be re-created under the same name`,
          ),
        !prod &&
          skip(
            'CKV_AZURE_42',
            `soft delete is on (7 days); purge protection is on in prod only, so a ${ctx.env.tier} vault can be purged and re-created`,
          ),
        attr('name', e.keyVault),
        attr('location', LOCATION),
        attr('resource_group_name', RESOURCE_GROUP),
        attr('tenant_id', TENANT_ID),
        attr('sku_name', 'standard'),
        attr('enable_rbac_authorization', true),
        attr('purge_protection_enabled', prod),
        attr('soft_delete_retention_days', prod ? 90 : 7),
        attr('public_network_access_enabled', true),
        block('network_acls', [], {
          bypass: 'AzureServices',
          default_action: 'Deny',
          ip_rules: raw('var.management_ip_ranges'),
          virtual_network_subnet_ids: workloadSubnetIds(ctx),
        }),
        attr('tags', tags(ctx, SHARED)),
      ]),
      resource('azurerm_role_assignment', 'deployer_secrets', {
        scope: KEY_VAULT_ID,
        role_definition_name: 'Key Vault Secrets Officer',
        principal_id: raw('data.azurerm_client_config.current.object_id'),
      }),
      diagnosticSetting('key_vault', KEY_VAULT_ID),
      prod && [
        ...privateDnsZone(
          ctx,
          'vault',
          'privatelink.vaultcore.azure.net',
          SHARED,
        ),
        privateEndpoint(ctx, {
          local: 'key_vault',
          name: e.keyVaultEndpoint,
          target: 'azurerm_key_vault.main',
          subresource: 'vault',
          zone: 'vault',
          component: SHARED,
        }),
      ],
    ),
    variables: [
      block(
        'variable',
        ['management_ip_ranges'],
        [
          attr('type', raw('list(string)')),
          attr(
            'description',
            'Public IP ranges (CIDR) where Terraform runs, admitted by the Key Vault firewall so Terraform can write secrets.',
          ),
        ],
      ),
    ],
  };
}
