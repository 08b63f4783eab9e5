import { attr, block, BodyItem, raw, resource } from '../hcl';
import {
  AzureContext,
  ENDPOINT_SUBNET_ID,
  LOCATION,
  RESOURCE_GROUP,
  tags,
  VNET_ID,
} from './context';

/**
 * Whether the environment has the private-endpoint subnet: managed Redis, Atlas over Private Link,
 * or prod (Key Vault, storage).
 */
export function needsEndpointSubnet(ctx: AzureContext): boolean {
  return (
    ctx.env.tier === 'prod' ||
    ctx.ofType('redis').length > 0 ||
    ctx.ofType('mongodb').some(m => m.privateLink)
  );
}

/** A private DNS zone (`privatelink.<service>`) linked to the VNet, for a service's endpoints. */
export function privateDnsZone(
  ctx: AzureContext,
  local: string,
  zone: string,
  component: string,
): BodyItem[] {
  return [
    resource('azurerm_private_dns_zone', local, {
      name: zone,
      resource_group_name: RESOURCE_GROUP,
      tags: tags(ctx, component),
    }),
    resource('azurerm_private_dns_zone_virtual_network_link', local, {
      name: `pdnslink-${local.replace(/_/g, '-')}`,
      resource_group_name: RESOURCE_GROUP,
      private_dns_zone_name: raw(`azurerm_private_dns_zone.${local}.name`),
      virtual_network_id: VNET_ID,
      registration_enabled: false,
      tags: tags(ctx, component),
    }),
  ];
}

/**
 * A private endpoint in the endpoints subnet for one sub-resource (`vault`, `blob`,
 * `redisEnterprise`) of a resource, registered in the zone `azurerm_private_dns_zone.<zone>`.
 */
export function privateEndpoint(
  ctx: AzureContext,
  opts: {
    local: string;
    name: string;
    target: string;
    subresource: string;
    zone: string;
    component: string;
  },
): BodyItem {
  return resource('azurerm_private_endpoint', opts.local, [
    attr('name', opts.name),
    attr('location', LOCATION),
    attr('resource_group_name', RESOURCE_GROUP),
    attr('subnet_id', ENDPOINT_SUBNET_ID),
    block('private_service_connection', [], {
      name: opts.name,
      private_connection_resource_id: raw(`${opts.target}.id`),
      subresource_names: [opts.subresource],
      is_manual_connection: false,
    }),
    block('private_dns_zone_group', [], {
      name: opts.zone,
      private_dns_zone_ids: [raw(`azurerm_private_dns_zone.${opts.zone}.id`)],
    }),
    attr('tags', tags(ctx, opts.component)),
  ]);
}
