/**
 * What a change would lose: the data stores (postgres, mongodb, bucket, redis) a new spec removes
 * or replaces, from the two specs and, when there is one, from the Terraform plan.
 */
import type {
  ComponentType,
  Environment,
} from '@terrace/plugin-environments-common';
import type { TerraformPlanSummary } from '@terrace/plugin-environments-node';

/** Component types that hold data a destroy or replacement loses. */
export const DATA_STORE_TYPES: ReadonlySet<ComponentType> =
  new Set<ComponentType>(['postgres', 'mongodb', 'bucket', 'redis']);

/** Terraform resource types that hold the data of those components, on every cloud. */
const DATA_STORE_RESOURCES = new Set([
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_elasticache_replication_group',
  'aws_elasticache_cluster',
  'aws_s3_bucket',
  'mongodbatlas_advanced_cluster',
  'mongodbatlas_cluster',
  'azurerm_postgresql_flexible_server',
  'azurerm_managed_redis',
  'azurerm_redis_cache',
  'azurerm_storage_account',
  'azurerm_storage_container',
  'google_sql_database_instance',
  'google_redis_instance',
  'google_storage_bucket',
]);

/** @public One data store a change would lose, in words for the error and the description. */
export interface DataStoreLoss {
  /** `component db (postgres)` or a Terraform address, e.g. `aws_db_instance.db`. */
  what: string;
  /** `removed`, `replaced` (cloud, region or type changed; or the plan replaces it), `destroyed`. */
  how: 'removed' | 'replaced' | 'destroyed';
}

/**
 * The data stores of `before` that `after` removes (no component of that name and type) or
 * replaces (same name, another type; or a new cloud or region, which moves every resource).
 */
export function dataStoresLostBySpec(
  before: Environment,
  after: Environment,
): DataStoreLoss[] {
  const moved =
    before.spec.cloud !== after.spec.cloud ||
    before.spec.region !== after.spec.region;
  const losses: DataStoreLoss[] = [];
  for (const component of before.spec.components) {
    if (!DATA_STORE_TYPES.has(component.type)) continue;
    const same = after.spec.components.find(c => c.name === component.name);
    const what = `component ${component.name} (${component.type})`;
    if (!same) losses.push({ what, how: 'removed' });
    else if (same.type !== component.type || moved)
      losses.push({ what, how: 'replaced' });
  }
  return losses;
}

/** A plan's resource is replaced when its actions are delete and create, in either order. */
export function isReplacement(actions: string[]): boolean {
  return actions.includes('delete') && actions.includes('create');
}

/** The resource type of a Terraform address: `module.x.aws_db_instance.db["a"]` → `aws_db_instance`. */
function resourceType(address: string): string {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  // skip `module.<name>` pairs; a data source (`data.<type>.<name>`) holds nothing
  let i = 0;
  while (parts[i] === 'module') i += 2;
  return parts[i] === 'data' ? 'data' : parts[i] ?? '';
}

/** The data-store resources a plan deletes or replaces, by Terraform address. */
export function dataStoresLostByPlan(
  plan: TerraformPlanSummary,
): DataStoreLoss[] {
  return plan.resources
    .filter(
      r =>
        r.actions.includes('delete') &&
        DATA_STORE_RESOURCES.has(resourceType(r.address)),
    )
    .map(r => ({
      what: r.address,
      how: isReplacement(r.actions) ? 'replaced' : 'destroyed',
    }));
}
