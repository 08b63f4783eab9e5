/**
 * The one naming rule of the GCP emitter's Terraform addresses, the same as the AWS emitter's:
 * `type.<component id>_<suffix>`, so an estimator can name the resource of each cost line.
 */

/** Terraform identifier for a component name (`api-images` -> `api_images`). */
export function id(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The Terraform address of a resource the GCP emitter creates: `type.local`, where `local` is
 * the component's identifier followed by `_suffix` when given
 * (`gcpAddress('google_sql_database_instance', 'db')` is `google_sql_database_instance.db`).
 * A suffix of `*` stands for every resource of that type and component. Without a component,
 * `local` is `suffix` alone (`google_compute_network.main`).
 */
export function gcpAddress(
  type: string,
  component: string | undefined,
  suffix?: string,
): string {
  const local = [component === undefined ? undefined : id(component), suffix]
    .filter((part): part is string => part !== undefined)
    .join('_');
  return `${type}.${local}`;
}
