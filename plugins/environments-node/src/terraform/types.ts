/**
 * The Terraform runner's public types: one request shape for every executor, one result shape.
 */

/** @public Where `terraform apply` runs. */
export type TerraformExecutorKind = 'local' | 'ci' | 'hcp';

/** @public A line of Terraform output, already masked. */
export type TerraformLogSink = (line: string) => void;

/** @public What to run, for which environment. */
export interface TerraformRunRequest {
  /** Environment name: the lock key and the HCP workspace name suffix. */
  environment: string;
  /** The Terraform root module (the generated repo's `terraform/` folder). */
  workingDirectory: string;
  /**
   * The repository root: local module sources must stay inside it. Defaults to the parent of
   * `workingDirectory`.
   */
  repositoryRoot?: string;
  /** Values for root module variables, passed as `TF_VAR_<name>` to this run only. */
  variables?: Record<string, string>;
  /**
   * Environment variables for this run only (cloud credentials). Their values are masked in the
   * log, and they never reach `process.env` of the host.
   */
  env?: Record<string, string>;
  /** Plan only: no apply. */
  planOnly?: boolean;
  /** Plan and apply a destroy. */
  destroy?: boolean;
  /**
   * Plan only, with `terraform plan -detailed-exitcode` (exit 0: no changes, 2: changes, 1:
   * error): the result's `changes` says whether the plan found any, as a drift check needs.
   * Implies `planOnly`. Only the local executor runs it; others ignore it.
   */
  detailedExitCode?: boolean;
  /** Stop the run (cleanly: interrupt, then terminate) after this many milliseconds. */
  timeoutMs?: number;
  /** Abort the run (e.g. the scaffolder task was cancelled). */
  signal?: AbortSignal;
  /** Receives every line Terraform prints, masked. */
  log: TerraformLogSink;
}

/** @public What a plan will do. */
export interface TerraformPlanSummary {
  add: number;
  change: number;
  destroy: number;
  /** Resources the plan touches, with Terraform's actions, e.g. `["create"]`. */
  resources: Array<{ address: string; actions: string[] }>;
}

/** @public A root module output; sensitive values are never returned. */
export interface TerraformOutput {
  sensitive: boolean;
  /** The value, or undefined for a sensitive output. */
  value?: unknown;
}

/** @public The outcome of a run. */
export interface TerraformRunResult {
  executor: TerraformExecutorKind;
  /** `applied`: changes made; `planned`: plan only; `delegated`: someone else applies (ci). */
  status: 'applied' | 'planned' | 'delegated';
  /** A one-line human summary, e.g. `Plan: 2 to add, 0 to change, 0 to destroy.` */
  message: string;
  plan?: TerraformPlanSummary;
  outputs?: Record<string, TerraformOutput>;
  /** A link to the run, when the executor has one (HCP). */
  runUrl?: string;
  /**
   * With `detailedExitCode`: whether `terraform plan` exited 2 (the infrastructure or the
   * configuration differs from the state). Undefined otherwise.
   */
  changes?: boolean;
}

/** @public Runs Terraform for an environment. */
export interface TerraformExecutor {
  readonly kind: TerraformExecutorKind;
  run(request: TerraformRunRequest): Promise<TerraformRunResult>;
}

/** @public Formats a plan summary the way Terraform does. */
export function formatPlanSummary(plan: TerraformPlanSummary): string {
  return `Plan: ${plan.add} to add, ${plan.change} to change, ${plan.destroy} to destroy.`;
}
