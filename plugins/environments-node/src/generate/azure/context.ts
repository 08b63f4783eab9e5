import type {
  ResolvedComponent,
  ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import {
  azureComponentNames,
  azureEnvironmentNames,
  TAG_COMPONENT,
} from '@terrace/plugin-environments-common';
import { Block, BodyItem, comment, map, MapExpr, raw, RawExpr } from '../hcl';

export { id } from './naming';

/** What one emitter contributes to the root module. */
export interface AzureEmitted {
  /** The file under `terraform/` these items go to, e.g. `network.tf`. */
  file: string;
  items: BodyItem[];
  variables?: Block[];
  outputs?: Block[];
}

/** Read-only view of the environment the emitters share. */
export interface AzureContext {
  env: ResolvedEnvironment;
  /** Components of a type, in spec order. */
  ofType<T extends ResolvedComponent['type']>(
    type: T,
  ): Array<Extract<ResolvedComponent, { type: T }>>;
}

export function createContext(env: ResolvedEnvironment): AzureContext {
  return {
    env,
    ofType: <T extends ResolvedComponent['type']>(type: T) =>
      env.components.filter(
        (c): c is Extract<ResolvedComponent, { type: T }> => c.type === type,
      ),
  };
}

/** The Azure names of a component's resources (one table for the generator and validation). */
export function azureNames(ctx: AzureContext, component: { name: string }) {
  return azureComponentNames(ctx.env.name, component.name);
}

/** The environment-wide Azure names. */
export function envNames(ctx: AzureContext) {
  return azureEnvironmentNames(ctx.env.name);
}

/**
 * The tags of a resource: the environment's (`terrace:environment`) and `terrace:component`.
 * azurerm has no provider default tags, so every taggable resource carries both itself.
 */
export function tags(ctx: AzureContext, component: string): MapExpr {
  const envTags = Object.fromEntries(
    Object.entries(ctx.env.tags).sort(([a], [b]) => a.localeCompare(b, 'en')),
  );
  return map({ ...envTags, [TAG_COMPONENT]: component });
}

/** `#checkov:skip=<ID>:<reason>`, a reviewed and explained exception. */
export function skip(checkId: string, reason: string): BodyItem {
  return comment(`#checkov:skip=${checkId}:${reason.replace(/[\r\n]/g, ' ')}`);
}

/** The component name of the environment-wide resources (resource group, monitoring, vault). */
export const SHARED = 'shared';
/** The component name of the network's resources. */
export const NETWORK = 'network';

export const RESOURCE_GROUP = raw('azurerm_resource_group.main.name');
export const LOCATION = raw('azurerm_resource_group.main.location');
export const WORKSPACE_ID = raw('azurerm_log_analytics_workspace.main.id');
export const ACTION_GROUP_ID = raw('azurerm_monitor_action_group.alarms.id');
export const KEY_VAULT_ID = raw('azurerm_key_vault.main.id');
export const VNET_ID = raw('azurerm_virtual_network.main.id');
export const TENANT_ID = raw('data.azurerm_client_config.current.tenant_id');
/** The subnet of private endpoints (managed Redis; Key Vault and storage in prod). */
export const ENDPOINT_SUBNET_ID = raw('azurerm_subnet.endpoints.id');

/**
 * The subnets admitted by the Key Vault and storage firewalls (service endpoints): the private
 * subnets, and the Container Apps subnet when there are services.
 */
export function workloadSubnetIds(ctx: AzureContext): RawExpr {
  return raw(
    ctx.ofType('service').length > 0
      ? 'concat(azurerm_subnet.private[*].id, [azurerm_subnet.apps.id])'
      : 'azurerm_subnet.private[*].id',
  );
}
