/**
 * The ci executor: nothing runs on the Backstage host. The generated repository carries
 * `.github/workflows/terraform.yml`, which plans on pull requests and applies on merge to main.
 */
import {
  TerraformExecutor,
  TerraformRunRequest,
  TerraformRunResult,
} from './types';

/** @public */
export class CiTerraformExecutor implements TerraformExecutor {
  readonly kind = 'ci' as const;

  async run(request: TerraformRunRequest): Promise<TerraformRunResult> {
    const message = request.destroy
      ? `Environment "${request.environment}" is managed by CI: nothing was destroyed here. Run the destroy through the repository's workflow.`
      : `Environment "${request.environment}" is applied by CI: nothing was applied here. The repository's workflow (.github/workflows/terraform.yml) plans on pull request and applies on merge to main.`;
    request.log(message);
    return { executor: 'ci', status: 'delegated', message };
  }
}
