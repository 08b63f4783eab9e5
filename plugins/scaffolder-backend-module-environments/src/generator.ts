/**
 * The repository generator the generate action uses: environments-node's
 * `generateEnvironmentRepo` (contract section 2).
 */
import type { Environment } from '@terrace/plugin-environments-common';
import type { GeneratedFiles } from './actions/generateEnvironment';

export async function generateEnvironmentFiles(_environment: Environment): Promise<GeneratedFiles> {
  // wired to generateEnvironmentRepo when it lands (H2)
  throw new Error('generateEnvironmentRepo is not available yet');
}
