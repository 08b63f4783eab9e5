/**
 * The repository generator behind `terrace:environment:generate`: the same calls as
 * `terrace generate` — resolve, estimate (for cost.json and the README table), generate.
 */
import {
  resolveEnvironment,
  type Environment,
  type TerraformExecutorName,
} from '@terrace/plugin-environments-common';
import { generateEnvironmentRepo } from '@terrace/plugin-environments-node';
import type { GeneratedFiles } from './actions/generateEnvironment';

/**
 * `options.accountId`: the account the environment is placed in, already checked against the
 * configured accounts (`ConfiguredAccounts.choose`). It becomes the entity's
 * `terrace.dev/account-id` and, on AWS, part of the state bucket's name
 * (`terrace-tfstate-<account>-<region>`); without one, neither names an account.
 * `options.executor`: the executor that owns the environment, for the entity's
 * `terrace.dev/terraform-executor` (absent: no annotation).
 */
export async function generateEnvironmentFiles(
  environment: Environment,
  options: {
    sourceLocation?: string;
    taskId?: string;
    accountId?: string;
    executor?: TerraformExecutorName;
  },
): Promise<GeneratedFiles> {
  const base = resolveEnvironment(environment);
  const resolved = options.accountId
    ? { ...base, accountId: options.accountId }
    : base;
  // generateEnvironmentRepo estimates `resolved` itself (no cost.json for a region not priced yet).
  return generateEnvironmentRepo(resolved, {
    spec: environment,
    sourceLocation: options.sourceLocation,
    taskId: options.taskId,
    executor: options.executor,
  });
}
