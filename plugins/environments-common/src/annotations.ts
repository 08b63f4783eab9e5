/**
 * Names shared by every Terrace package: catalog annotations on the environment entity and the
 * cloud tags every generated resource carries (contract section 2).
 */

/** @public */
export const ENVIRONMENT_ENTITY_TYPE = 'environment';

/** @public */
export const ANNOTATION_CLOUD = 'terrace.dev/cloud';
/** @public */
export const ANNOTATION_REGION = 'terrace.dev/region';
/** @public */
export const ANNOTATION_TIER = 'terrace.dev/tier';
/** @public AWS account id, Azure subscription id or GCP project id. */
export const ANNOTATION_ACCOUNT_ID = 'terrace.dev/account-id';
/** @public */
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';

/**
 * @public What to set when an environment's location cannot be read from its entity: the
 * annotations above. A section's own `configure` text (from the cloud's readers) comes first.
 */
export const CONFIGURE_LOCATION = `Set the ${ANNOTATION_CLOUD}, ${ANNOTATION_REGION}, ${ANNOTATION_ACCOUNT_ID} and ${ANNOTATION_TIER} annotations on this entity.`;

/** @public Tag (AWS/Azure) naming the environment a resource belongs to. */
export const TAG_ENVIRONMENT = 'terrace:environment';
/** @public Tag (AWS/Azure) naming the component a resource belongs to. */
export const TAG_COMPONENT = 'terrace:component';
/** @public GCP label forms of the tags (labels allow no colon). */
export const LABEL_ENVIRONMENT = 'terrace-environment';
/** @public */
export const LABEL_COMPONENT = 'terrace-component';

/** @public Alarm names are `<environment>/<component>/<check>`. */
export function alarmName(
  environment: string,
  component: string,
  check: string,
) {
  return `${environment}/${component}/${check}`;
}

/** @public Splits an alarm name into its parts, or undefined when it is not a Terrace alarm name. */
export function parseAlarmName(
  name: string,
): { environment: string; component: string; check: string } | undefined {
  const parts = name.split('/');
  if (parts.length !== 3 || parts.some(p => p.length === 0)) {
    return undefined;
  }
  const [environment, component, check] = parts;
  return { environment, component, check };
}

/** @public A minimal view of an entity, so this package needs no catalog-model import. */
export interface EntityLike {
  kind: string;
  metadata: { annotations?: Record<string, string> };
  spec?: { type?: unknown };
}

/** @public True for a `kind: Resource` entity with `spec.type: environment`. */
export function isEnvironmentEntity(entity: EntityLike): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === ENVIRONMENT_ENTITY_TYPE
  );
}

/**
 * @public The id of the scaffolder task that created the environment (written into
 * catalog-info.yaml by `terrace:environment:generate`): the status API reads the apply state from
 * that task, and the entity page links to it.
 */
export const ANNOTATION_SCAFFOLDER_TASK_ID = 'terrace.dev/scaffolder-task-id';

/**
 * @public When a preview environment expires (`spec.expiresAt`, normalised to an ISO 8601 UTC
 * date-time), written into catalog-info.yaml by generation: the backend's expiry task and the
 * overview read it from the entity, without the repository.
 */
export const ANNOTATION_EXPIRES_AT = 'terrace.dev/expires-at';
/**
 * @public `"true"` when the environment is destroyed on expiry (`spec.destroyOnExpiry`); absent
 * otherwise.
 */
export const ANNOTATION_DESTROY_ON_EXPIRY = 'terrace.dev/destroy-on-expiry';

/**
 * @public The executor that owns the environment — the one chosen in the Create form's "Apply
 * with" and given to `terrace:environment:generate`, which writes it into catalog-info.yaml:
 * `local` (Terraform on the Backstage host), `ci` (the repository's workflow) or `hcp` (HCP
 * Terraform / Terraform Enterprise runs). The drift check plans with it (for `ci` it reads the
 * workflow's drift job from the repository's checks). Absent on entities generated before it was
 * recorded; readers then fall back to `terrace.terraform.executor`.
 */
export const ANNOTATION_TERRAFORM_EXECUTOR = 'terrace.dev/terraform-executor';

/** @public The values of {@link ANNOTATION_TERRAFORM_EXECUTOR}. */
export const TERRAFORM_EXECUTORS = ['local', 'ci', 'hcp'] as const;

/** @public One of {@link TERRAFORM_EXECUTORS}. */
export type TerraformExecutorName = (typeof TERRAFORM_EXECUTORS)[number];

/** @public True when `value` is one of {@link TERRAFORM_EXECUTORS}. */
export function isTerraformExecutorName(
  value: unknown,
): value is TerraformExecutorName {
  return (TERRAFORM_EXECUTORS as readonly unknown[]).includes(value);
}
