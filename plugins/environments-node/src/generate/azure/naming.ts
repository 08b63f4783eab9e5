/**
 * The one naming rule of the Azure emitter's Terraform addresses; the estimator will name the
 * resource of each cost line with `azureAddress`, so the two cannot drift apart.
 */

/** Terraform identifier for a component name (`api-images` -> `api_images`). */
export function id(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The Terraform address of a resource the Azure emitter creates: `type.local`, where `local` is
 * the component's identifier followed by `_suffix` when given
 * (`azureAddress('azurerm_private_endpoint', 'cache', undefined)` is
 * `azurerm_private_endpoint.cache`). Without a component, `local` is `suffix` alone
 * (`azureAddress('azurerm_resource_group', undefined, 'main')`).
 */
export function azureAddress(
  type: string,
  component: string | undefined,
  suffix?: string,
): string {
  const local = [component === undefined ? undefined : id(component), suffix]
    .filter((part): part is string => part !== undefined)
    .join('_');
  return `${type}.${local}`;
}
