/**
 * Response shape of `GET /v1/environments/:namespace/:name/plan`: what a new environment's page
 * shows before the cloud answers — the estimate and the resources its Terraform creates (from the
 * repo's cost.json) and the state of the apply (from the scaffolder task that created it).
 */

import type { CostEstimateSummary } from './status';

/**
 * @public One resource Terraform creates for the environment: a Terraform address of the repo's
 * cost.json with its lines summed (`priced: true`), or a resource block of the repo's Terraform
 * that the estimate has no line for because it costs nothing by itself (a VPC, a subnet, a
 * random_id: `priced: false`, monthly 0).
 */
export interface PlannedResource {
  /** Terraform address as the estimate names it, e.g. `aws_db_instance.db` (`*` for several). */
  address: string;
  /** The component it belongs to (`network` for the shared network). */
  component: string;
  /** What is priced, in the estimate's words, e.g. "db.t3.micro PostgreSQL 16, single-AZ". */
  descriptions: string[];
  /** Sum of its estimate lines, per month, in the estimate's currency; 0 when not priced. */
  monthly: number;
  /** False for a resource the estimate has no line for (no charge by itself). */
  priced: boolean;
  /** True when the block has `count` or `for_each` (several instances, or none). */
  repeated?: boolean;
}

/**
 * @public Where the apply stands:
 * - `unknown`: the entity names no scaffolder task (created outside the template) or the task
 *   cannot be read (`message` says why);
 * - `pending`: the task has not reached its apply step yet;
 * - `applying`: the apply step is running (`at`: when the task started);
 * - `applied`: the apply step finished (`at`: when);
 * - `delegated`: the `ci` executor left the apply to the repository's workflow;
 * - `failed`: the task failed at or before its apply step (`message`: the step's last words).
 */
export type ApplyStateKind =
  | 'unknown'
  | 'pending'
  | 'applying'
  | 'applied'
  | 'delegated'
  | 'failed';

/** @public */
export interface ApplyState {
  state: ApplyStateKind;
  /** The scaffolder task, for the link `/create/tasks/<taskId>`. */
  taskId?: string;
  /** `ci`, `local` or `hcp`, as the form chose. */
  executor?: string;
  /** ISO-8601 time of the state (apply finished, failed, or task started). */
  at?: string;
  /** In words: why unknown, what failed, or where a delegated apply runs. */
  message?: string;
}

/** @public */
export interface PlanResponse {
  /** The repo's estimate; absent when its cost.json cannot be read. */
  estimate?: CostEstimateSummary;
  /**
   * The priced resources of the estimate, in its order, then every other resource block of the
   * repo's Terraform (as generated from its environment.yaml), by component; empty when neither
   * file can be read.
   */
  resources: PlannedResource[];
  /** How many resource blocks the repo's Terraform declares; absent without environment.yaml. */
  resourceBlocks?: number;
  /** Why there are no resources or estimate, in words. */
  error?: string;
  apply: ApplyState;
  /** ISO-8601 time of the answer. */
  updatedAt: string;
}
