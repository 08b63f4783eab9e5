/**
 * The one naming rule of the AWS emitter's Terraform addresses. The emitter names its blocks with
 * `id`, and the estimator names the resource of each cost line with `awsAddress`, so the two
 * cannot drift apart (a test checks every estimate line against the generated blocks).
 */

/** Terraform identifier for a component name (`api-images` -> `api_images`). */
export function id(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The Terraform address of a resource the AWS emitter creates: `type.local`, where `local` is the
 * component's identifier followed by `_suffix` when given (`awsAddress('aws_lb', 'api', 'alb')`
 * is `aws_lb.api_alb`). A suffix of `*` stands for every resource of that type and component
 * (`aws_ssm_parameter.app_*`). Without a component, `local` is `suffix` alone
 * (`awsAddress('aws_kms_key', undefined, 'main')` is `aws_kms_key.main`).
 */
export function awsAddress(
  type: string,
  component: string | undefined,
  suffix?: string,
): string {
  const local = [component === undefined ? undefined : id(component), suffix]
    .filter((part): part is string => part !== undefined)
    .join('_');
  return `${type}.${local}`;
}
