import type {
  Estimate,
  ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import {
  ANNOTATION_ACCOUNT_ID,
  ANNOTATION_CLOUD,
  ANNOTATION_DESTROY_ON_EXPIRY,
  ANNOTATION_EXPIRES_AT,
  ANNOTATION_REGION,
  ANNOTATION_SCAFFOLDER_TASK_ID,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_TERRAFORM_EXECUTOR,
  ANNOTATION_TIER,
  ENVIRONMENT_ENTITY_TYPE,
  type TerraformExecutorName,
} from '@terrace/plugin-environments-common';
import { InputError } from '@backstage/errors';
import { stringify } from 'yaml';
import {
  cloudPricers,
  estimateEnvironment,
  isPricedRegion,
  type CloudPricers,
} from '../estimate';
import type { TerraformEmitters } from './emitter';
import { terraformEmitters } from './emitters';
import { environmentGitignore } from './gitignore';
import { environmentReadme } from './readme';
import { terraformWorkflow } from './workflow';

/** @public */
export interface GenerateRepoOptions {
  /** The spec as given (validated, normalised); written as `environment.yaml`. */
  spec: unknown;
  /** The estimate for `cost.json` and the README's cost table; made from `resolved` when absent. */
  estimate?: Estimate;
  /** Where the repo will live, for the entity's `backstage.io/source-location`. */
  sourceLocation?: string;
  /**
   * The scaffolder task creating the environment, for the entity's
   * `terrace.dev/scaffolder-task-id` (its page reads the apply state from that task).
   */
  taskId?: string;
  /**
   * The executor that owns the environment (the Create form's "Apply with"), for the entity's
   * `terrace.dev/terraform-executor`: drift is checked with it. Absent: no annotation.
   */
  executor?: TerraformExecutorName;
  /** The emitter per cloud; `terraformEmitters` by default. */
  emitters?: TerraformEmitters;
  /** The pricer per cloud for the estimate made when none is given; `cloudPricers` by default. */
  pricers?: CloudPricers;
}

/**
 * The estimate of `resolved`, or why there is none: every region of a cloud can be generated, but
 * one its price catalog holds no prices for yet cannot be estimated (the repo then has no
 * `cost.json`, and its README says why and how to price the region). Any other refusal throws.
 */
function estimateUnlessUnpriced(
  resolved: ResolvedEnvironment,
  pricers: CloudPricers | undefined,
): { estimate: Estimate } | { reason: string } {
  if (!(pricers ?? cloudPricers)[resolved.cloud]) {
    return {
      reason: `Terrace has no price catalog for ${resolved.cloud} yet, so this environment has no estimate`,
    };
  }
  try {
    return { estimate: estimateEnvironment(resolved, { pricers }) };
  } catch (e) {
    if (
      e instanceof InputError &&
      !isPricedRegion(resolved.cloud, resolved.region, pricers)
    ) {
      return { reason: e.message };
    }
    throw e;
  }
}

/** @public Path (relative to the repo root, `/`-separated) to file content, sorted by path. */
export type GeneratedFiles = ReadonlyMap<string, string>;

const YAML_OPTIONS = { lineWidth: 0 } as const;

/**
 * The environment entity of contract section 2; `executor` becomes its
 * `terrace.dev/terraform-executor` annotation when given.
 */
export function environmentEntity(
  env: ResolvedEnvironment,
  sourceLocation?: string,
  taskId?: string,
  executor?: TerraformExecutorName,
) {
  const annotations: Record<string, string> = {
    [ANNOTATION_CLOUD]: env.cloud,
    [ANNOTATION_REGION]: env.region,
    [ANNOTATION_TIER]: env.tier,
  };
  if (env.accountId) annotations[ANNOTATION_ACCOUNT_ID] = env.accountId;
  if (sourceLocation) {
    annotations[ANNOTATION_SOURCE_LOCATION] = `url:${sourceLocation}`;
  }
  if (taskId) annotations[ANNOTATION_SCAFFOLDER_TASK_ID] = taskId;
  if (executor) annotations[ANNOTATION_TERRAFORM_EXECUTOR] = executor;
  if (env.expiresAt) annotations[ANNOTATION_EXPIRES_AT] = env.expiresAt;
  if (env.destroyOnExpiry) annotations[ANNOTATION_DESTROY_ON_EXPIRY] = 'true';
  const tags = [...new Set([env.cloud, env.tier, ...env.labels])];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: env.name,
      ...(env.title ? { title: env.title } : {}),
      ...(env.description ? { description: env.description } : {}),
      tags,
      annotations,
    },
    spec: {
      type: ENVIRONMENT_ENTITY_TYPE,
      owner: env.owner,
      ...(env.system ? { system: env.system } : {}),
    },
  };
}

/**
 * Generates the environment repo (contract section 2) from the resolved model: the same input
 * always gives byte-identical files, every `.tf` formatted as `terraform fmt` would, and no
 * secret value anywhere. A region whose prices the catalog does not hold yet is generated without
 * `cost.json` (the README says why); any other estimate refusal throws its InputError.
 * @public
 */
export async function generateEnvironmentRepo(
  resolved: ResolvedEnvironment,
  options: GenerateRepoOptions,
): Promise<Map<string, string>> {
  const emitters = options.emitters ?? terraformEmitters;
  const emitter = emitters[resolved.cloud];
  if (!emitter) {
    throw new InputError(
      `spec.cloud: Terraform generation for ${
        resolved.cloud
      } is not available yet; only ${Object.keys(emitters).join(
        ', ',
      )} environments can be generated`,
    );
  }
  // The estimate prices exactly this resolved model; callers may pass one they already made.
  const priced = options.estimate
    ? { estimate: options.estimate }
    : estimateUnlessUnpriced(resolved, options.pricers);
  const estimate = 'estimate' in priced ? priced.estimate : undefined;
  const files: Record<string, string> = {
    'environment.yaml': stringify(options.spec, YAML_OPTIONS),
    'catalog-info.yaml': stringify(
      environmentEntity(
        resolved,
        options.sourceLocation,
        options.taskId,
        options.executor,
      ),
      YAML_OPTIONS,
    ),
    'README.md': environmentReadme(
      resolved,
      emitter,
      estimate,
      'reason' in priced ? priced.reason : undefined,
    ),
    '.github/workflows/terraform.yml': terraformWorkflow(resolved, emitter),
    '.gitignore': environmentGitignore(),
  };
  if (estimate) files['cost.json'] = `${JSON.stringify(estimate, null, 2)}\n`;
  const terraform = await emitter.generate(resolved);
  for (const [name, content] of Object.entries(terraform)) {
    files[`terraform/${name}`] = content;
  }
  const byPath = ([a]: [string, string], [b]: [string, string]) => {
    if (a === b) return 0;
    return a < b ? -1 : 1;
  };
  return new Map(Object.entries(files).sort(byPath));
}
