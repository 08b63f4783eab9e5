/**
 * The repository generator behind `terrace:environment:generate`: the same calls as
 * `terrace generate` — resolve, estimate (for cost.json and the README table), generate.
 */
import {
  resolveEnvironment,
  type Cloud,
  type Environment,
} from '@terrace/plugin-environments-common';
import { generateEnvironmentRepo } from '@terrace/plugin-environments-node';
import type { GeneratedFiles } from './actions/generateEnvironment';

/**
 * `options.accounts`: the portal's account on each cloud (`portalAccounts`); an environment of
 * that cloud whose spec names no account is placed in it. It becomes the entity's
 * `terrace.dev/account-id` and, on AWS, part of the state bucket's name.
 */
export async function generateEnvironmentFiles(
  environment: Environment,
  options: {
    sourceLocation?: string;
    taskId?: string;
    accounts?: Partial<Record<Cloud, string>>;
  },
): Promise<GeneratedFiles> {
  const base = resolveEnvironment(environment);
  const portalAccount = options.accounts?.[base.cloud];
  const resolved =
    portalAccount && !base.accountId
      ? { ...base, accountId: portalAccount }
      : base;
  // generateEnvironmentRepo estimates `resolved` itself (no cost.json for a region not priced yet).
  return generateEnvironmentRepo(resolved, {
    spec: environment,
    sourceLocation: options.sourceLocation,
    taskId: options.taskId,
  });
}
