import { attr, block, body, raw, resource, template } from '../hcl';
import {
  AzureContext,
  AzureEmitted,
  envNames,
  LOCATION,
  NETWORK,
  RESOURCE_GROUP,
  tags,
} from './context';
import { needsEndpointSubnet } from './endpoints';
import { diagnosticSetting } from './shared';

/** The subnet PostgreSQL flexible servers are injected into (delegated), when there is one. */
export const POSTGRES_SUBNET_ID = raw('azurerm_subnet.postgres.id');

/**
 * `network.tf`: a VNet over the spec's CIDR, one private subnet per zone (service endpoints for
 * Key Vault and Storage, default outbound access off) behind NAT gateways as the tier resolves them
 * (one shared, or one per zone, each with its zonal public IP), the subnet delegated to PostgreSQL
 * flexible servers and the subnet of private endpoints (from the data subnets), an NSG on every
 * subnet, and the diagnostic settings of the VNet, NSGs and NAT public IPs. Azure subnets span
 * zones; "per zone" here is the plan of the spec (one address range per zone).
 */
export function emitNetwork(ctx: AzureContext): AzureEmitted {
  const e = envNames(ctx);
  const net = ctx.env.network;
  const zones = net.zones;
  const nat = net.natGateways;
  const postgres = ctx.ofType('postgres').length > 0;
  // Managed Redis, Atlas over Private Link, and in prod Key Vault and storage, are reached through
  // private endpoints.
  const endpoints = needsEndpointSubnet(ctx);
  const apps = ctx.ofType('service').length > 0;
  const nsg = (name: string, subnetName: string, subnetRef: string) => [
    resource('azurerm_network_security_group', name, {
      name: `${e.securityGroupPrefix}${subnetName}`,
      location: LOCATION,
      resource_group_name: RESOURCE_GROUP,
      tags: tags(ctx, NETWORK),
    }),
    resource('azurerm_subnet_network_security_group_association', name, {
      subnet_id: raw(`${subnetRef}.id`),
      network_security_group_id: raw(
        `azurerm_network_security_group.${name}.id`,
      ),
    }),
    diagnosticSetting(
      `nsg_${name}`,
      raw(`azurerm_network_security_group.${name}.id`),
    ),
  ];
  return {
    file: 'network.tf',
    items: body(
      {},
      resource('azurerm_virtual_network', 'main', {
        name: e.virtualNetwork,
        location: LOCATION,
        resource_group_name: RESOURCE_GROUP,
        address_space: [net.cidr],
        tags: tags(ctx, NETWORK),
      }),
      diagnosticSetting(
        'virtual_network',
        raw('azurerm_virtual_network.main.id'),
      ),
      resource('azurerm_subnet', 'private', {
        count: zones,
        name: template(e.privateSubnetPrefix, raw('count.index')),
        resource_group_name: RESOURCE_GROUP,
        virtual_network_name: raw('azurerm_virtual_network.main.name'),
        address_prefixes: [raw(`local.private_subnets[count.index]`)],
        default_outbound_access_enabled: false,
        service_endpoints: ['Microsoft.KeyVault', 'Microsoft.Storage'],
      }),
      // One NSG per private subnet.
      resource('azurerm_network_security_group', 'private', {
        count: zones,
        name: template(
          `${e.securityGroupPrefix}${e.privateSubnetPrefix}`,
          raw('count.index'),
        ),
        location: LOCATION,
        resource_group_name: RESOURCE_GROUP,
        tags: tags(ctx, NETWORK),
      }),
      resource('azurerm_subnet_network_security_group_association', 'private', {
        count: zones,
        subnet_id: raw('azurerm_subnet.private[count.index].id'),
        network_security_group_id: raw(
          'azurerm_network_security_group.private[count.index].id',
        ),
      }),
      resource('azurerm_monitor_diagnostic_setting', 'nsg_private', [
        attr('count', zones),
        attr('name', 'terrace-log-analytics'),
        attr(
          'target_resource_id',
          raw('azurerm_network_security_group.private[count.index].id'),
        ),
        attr(
          'log_analytics_workspace_id',
          raw('azurerm_log_analytics_workspace.main.id'),
        ),
        block('enabled_log', [], { category_group: 'allLogs' }),
      ]),
      nat > 0 && [
        resource('azurerm_public_ip', 'nat', {
          count: nat,
          name: template(e.natPublicIpPrefix, raw('count.index')),
          location: LOCATION,
          resource_group_name: RESOURCE_GROUP,
          allocation_method: 'Static',
          sku: 'Standard',
          zones: [raw('tostring(count.index + 1)')],
          tags: tags(ctx, NETWORK),
        }),
        resource('azurerm_nat_gateway', 'main', {
          count: nat,
          name: template(e.natGatewayPrefix, raw('count.index')),
          location: LOCATION,
          resource_group_name: RESOURCE_GROUP,
          sku_name: 'Standard',
          idle_timeout_in_minutes: 10,
          zones: [raw('tostring(count.index + 1)')],
          tags: tags(ctx, NETWORK),
        }),
        resource('azurerm_nat_gateway_public_ip_association', 'main', {
          count: nat,
          nat_gateway_id: raw('azurerm_nat_gateway.main[count.index].id'),
          public_ip_address_id: raw('azurerm_public_ip.nat[count.index].id'),
        }),
        resource('azurerm_subnet_nat_gateway_association', 'private', {
          count: zones,
          subnet_id: raw('azurerm_subnet.private[count.index].id'),
          // One shared gateway, or the zone's own.
          nat_gateway_id: raw(
            nat === 1
              ? 'azurerm_nat_gateway.main[0].id'
              : 'azurerm_nat_gateway.main[count.index].id',
          ),
        }),
        resource('azurerm_monitor_diagnostic_setting', 'nat_public_ip', [
          attr('count', nat),
          attr('name', 'terrace-log-analytics'),
          attr(
            'target_resource_id',
            raw('azurerm_public_ip.nat[count.index].id'),
          ),
          attr(
            'log_analytics_workspace_id',
            raw('azurerm_log_analytics_workspace.main.id'),
          ),
          block('enabled_log', [], { category_group: 'allLogs' }),
          block('enabled_metric', [], { category: 'AllMetrics' }),
        ]),
      ],
      postgres && [
        resource('azurerm_subnet', 'postgres', [
          attr('name', e.postgresSubnet),
          attr('resource_group_name', RESOURCE_GROUP),
          attr(
            'virtual_network_name',
            raw('azurerm_virtual_network.main.name'),
          ),
          attr('address_prefixes', [net.dataSubnets[0]]),
          attr('default_outbound_access_enabled', false),
          block(
            'delegation',
            [],
            [
              attr('name', 'postgresql-flexible-servers'),
              block('service_delegation', [], {
                name: 'Microsoft.DBforPostgreSQL/flexibleServers',
                actions: [
                  'Microsoft.Network/virtualNetworks/subnets/join/action',
                ],
              }),
            ],
          ),
        ]),
        ...nsg('postgres', e.postgresSubnet, 'azurerm_subnet.postgres'),
      ],
      endpoints && [
        resource('azurerm_subnet', 'endpoints', {
          name: `${e.dataSubnetPrefix}endpoints`,
          resource_group_name: RESOURCE_GROUP,
          virtual_network_name: raw('azurerm_virtual_network.main.name'),
          address_prefixes: [net.dataSubnets[1]],
          default_outbound_access_enabled: false,
        }),
        ...nsg(
          'endpoints',
          `${e.dataSubnetPrefix}endpoints`,
          'azurerm_subnet.endpoints',
        ),
      ],
      apps && [
        // The Container Apps environment's own subnet (the plan's first public range: apps are
        // reached through the environment's ingress, not through addresses of their own).
        resource('azurerm_subnet', 'apps', [
          attr('name', e.appsSubnet),
          attr('resource_group_name', RESOURCE_GROUP),
          attr(
            'virtual_network_name',
            raw('azurerm_virtual_network.main.name'),
          ),
          attr('address_prefixes', [net.publicSubnets[0]]),
          attr('service_endpoints', [
            'Microsoft.KeyVault',
            'Microsoft.Storage',
          ]),
          block(
            'delegation',
            [],
            [
              attr('name', 'container-apps'),
              block('service_delegation', [], {
                name: 'Microsoft.App/environments',
                actions: [
                  'Microsoft.Network/virtualNetworks/subnets/join/action',
                ],
              }),
            ],
          ),
        ]),
        ...nsg('apps', e.appsSubnet, 'azurerm_subnet.apps'),
      ],
      block('locals', [], { private_subnets: net.privateSubnets }),
    ),
  };
}
