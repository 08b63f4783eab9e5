import type { TerraformEmitter } from '../emitter';
import { generateAzureTerraform } from './index';
import { azureAddress } from './naming';
import { azureReadme } from './readme';
import { azureWorkflowCredentialSteps } from './workflow';

/**
 * The Azure emitter: Terraform for azurerm 4.x (state in Azure Storage), the README's Azure notes
 * and the workflow's OIDC login. Generates postgres, mongodb, redis, bucket and secrets; other
 * component types are refused with their field path.
 * @public
 */
export const azureTerraformEmitter: TerraformEmitter = {
  cloud: 'azure',
  generate: generateAzureTerraform,
  address: azureAddress,
  readme: azureReadme,
  workflowCredentialSteps: azureWorkflowCredentialSteps,
};
