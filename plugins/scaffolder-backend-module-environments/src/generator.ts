/**
 * The repository generator behind `terrace:environment:generate`: the same calls as
 * `terrace generate` — resolve, estimate (for cost.json and the README table), generate.
 */
import {
  resolveEnvironment,
  type Environment,
} from '@terrace/plugin-environments-common';
import { generateEnvironmentRepo } from '@terrace/plugin-environments-node';
import type { GeneratedFiles } from './actions/generateEnvironment';

/**
 * `options.accountId`: the AWS account an AWS environment is placed in when the spec names none
 * (the portal's only configured account); it becomes the entity's `terrace.dev/account-id` and
 * part of the state bucket's name.
 */
export async function generateEnvironmentFiles(
  environment: Environment,
  options: { sourceLocation?: string; accountId?: string },
): Promise<GeneratedFiles> {
  const base = resolveEnvironment(environment);
  const resolved =
    options.accountId && base.cloud === 'aws' && !base.accountId
      ? { ...base, accountId: options.accountId }
      : base;
  // generateEnvironmentRepo estimates `resolved` itself (no cost.json for a region not priced yet).
  return generateEnvironmentRepo(resolved, {
    spec: environment,
    sourceLocation: options.sourceLocation,
  });
}
