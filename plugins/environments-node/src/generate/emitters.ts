import type { TerraformEmitters } from './emitter';
import { awsTerraformEmitter } from './aws/emitter';
import { azureTerraformEmitter } from './azure/emitter';
import { gcpTerraformEmitter } from './gcp/emitter';

/**
 * The emitters of the clouds Terrace generates: a new cloud is a folder `generate/<cloud>/` with
 * its `TerraformEmitter`, and one line here.
 * @public
 */
export const terraformEmitters: TerraformEmitters = {
  aws: awsTerraformEmitter,
  azure: azureTerraformEmitter,
  gcp: gcpTerraformEmitter,
};
