/**
 * The repository generator behind `terrace:environment:generate`: the same calls as
 * `terrace generate` — resolve, estimate (for cost.json and the README table), generate.
 */
import {
  resolveEnvironment,
  type Environment,
} from '@terrace/plugin-environments-common';
import {
  estimateEnvironment,
  generateEnvironmentRepo,
} from '@terrace/plugin-environments-node';
import type { GeneratedFiles } from './actions/generateEnvironment';

export async function generateEnvironmentFiles(
  environment: Environment,
  options: { sourceLocation?: string },
): Promise<GeneratedFiles> {
  const resolved = resolveEnvironment(environment);
  const estimate = estimateEnvironment(resolved);
  return generateEnvironmentRepo(resolved, {
    spec: environment,
    estimate,
    sourceLocation: options.sourceLocation,
  });
}
