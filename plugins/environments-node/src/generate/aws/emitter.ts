import type { TerraformEmitter } from '../emitter';
import { generateAwsTerraform } from './index';
import { awsAddress } from './naming';
import { awsReadme } from './readme';
import { awsWorkflowCredentialSteps } from './workflow';

/**
 * The AWS emitter: Terraform for the AWS provider (state in S3 with a DynamoDB lock), the README's
 * AWS notes and the workflow's OIDC role.
 * @public
 */
export const awsTerraformEmitter: TerraformEmitter = {
  cloud: 'aws',
  generate: generateAwsTerraform,
  address: awsAddress,
  readme: awsReadme,
  workflowCredentialSteps: awsWorkflowCredentialSteps,
};
