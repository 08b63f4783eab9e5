/**
 * Drift: whether the cloud still matches an environment's Terraform state, found by a plan with
 * the executor that owns the environment — `terraform plan -detailed-exitcode` on the local
 * runner, a plan-only run on HCP Terraform; the ci executor's drift job runs in the repository's
 * workflow, whose result is not readable here.
 */
import type { EnvironmentDrift } from '@terrace/plugin-environments-common';
import {
  formatPlanSummary,
  type TerraformExecutor,
  type TerraformRunRequest,
  type TerraformRunResult,
} from '../terraform/types';

/** @public Why a ci environment's drift is `unknown`. */
export const CI_DRIFT_REASON =
  "the ci executor's drift job result is read from the repository's checks: not available here";

/** @public What {@link checkDrift} runs: a run request without the apply/destroy switches. */
export type DriftCheckRequest = Omit<
  TerraformRunRequest,
  'planOnly' | 'destroy' | 'detailedExitCode'
>;

/** One line of an error for people: the first non-empty lines, at most 500 characters. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const short = text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
    .slice(0, 4)
    .join(' ');
  return short.length > 500 ? `${short.slice(0, 497)}...` : short;
}

/**
 * Plans the environment with `executor` and says whether it drifted. Never applies, never
 * throws for a failed plan: `local` runs `terraform plan -detailed-exitcode` (exit 0 → `none`,
 * 2 → `drifted` with each resource Terraform would change and its actions, 1 → `unknown` with
 * Terraform's error as `reason`); `hcp` runs a plan-only run (changes → `drifted`, whose
 * `reason` carries the plan summary and the run's address, since the run names no resources
 * here; a local plan changing outputs only says so there too); `ci` is
 * `unknown` with {@link CI_DRIFT_REASON}. `checkedAt` is `now()` when the plan finished (ISO 8601
 * UTC). Errors: rejects only when `signal` aborted the run (the caller stopped it).
 */
export async function checkDrift(options: {
  executor: TerraformExecutor;
  request: DriftCheckRequest;
  now?: () => Date;
}): Promise<EnvironmentDrift> {
  const { executor, request } = options;
  const now = options.now ?? (() => new Date());
  const environment = request.environment;
  if (executor.kind === 'ci') {
    return {
      environment,
      status: 'unknown',
      checkedAt: now().toISOString(),
      reason: CI_DRIFT_REASON,
    };
  }
  let result: TerraformRunResult;
  try {
    result = await executor.run({
      ...request,
      planOnly: true,
      detailedExitCode: executor.kind === 'local',
    });
  } catch (e) {
    if (request.signal?.aborted) throw e;
    return {
      environment,
      status: 'unknown',
      checkedAt: now().toISOString(),
      reason: `terraform plan failed: ${reasonOf(e)}`,
    };
  }
  const resources = result.plan?.resources ?? [];
  const changed =
    result.changes ??
    (result.plan
      ? result.plan.add + result.plan.change + result.plan.destroy > 0
      : undefined);
  if (changed === undefined) {
    return {
      environment,
      status: 'unknown',
      checkedAt: now().toISOString(),
      reason: `the ${executor.kind} executor returned no plan: ${result.message}`,
    };
  }
  if (!changed) {
    return { environment, status: 'none', checkedAt: now().toISOString() };
  }
  const drift: EnvironmentDrift = {
    environment,
    status: 'drifted',
    checkedAt: now().toISOString(),
    resources: resources.map(r => ({
      address: r.address,
      actions: [...r.actions],
    })),
  };
  if (resources.length === 0) {
    // HCP Terraform's run gives counts, not addresses; a local plan with changes to outputs only
    const summary = result.plan
      ? formatPlanSummary(result.plan)
      : result.message;
    drift.reason = result.runUrl
      ? `${summary} The resources are listed in the run: ${result.runUrl}`
      : `${summary} No resource changes: the outputs differ from the state.`;
  }
  return drift;
}
