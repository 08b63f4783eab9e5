import type { TerraformEmitter } from '../emitter';
import { generateGcpTerraform } from './index';
import { gcpAddress } from './naming';
import { gcpReadme } from './readme';
import { gcpWorkflowCredentialSteps } from './workflow';

/**
 * The Google Cloud emitter: Terraform for the google provider 6.x (state in GCS), the README's
 * Google Cloud notes and the workflow's Workload Identity Federation.
 * @public
 */
export const gcpTerraformEmitter: TerraformEmitter = {
  cloud: 'gcp',
  generate: generateGcpTerraform,
  address: gcpAddress,
  readme: gcpReadme,
  workflowCredentialSteps: gcpWorkflowCredentialSteps,
};
