import {
  azureSecretName,
  type ResolvedSecrets,
} from '@terrace/plugin-environments-common';
import { block, raw } from '../hcl';
import { AzureContext, AzureEmitted, id } from './context';
import { keyVaultSecret, SECRET_PLACEHOLDER } from './secretStore';

/**
 * `secrets-<name>.tf`: one Key Vault secret slot per name, in the environment's vault, created
 * with a placeholder and `ignore_changes` on its value, so the value set outside Terraform
 * (`az keyvault secret set`) is never overwritten nor written to this repo.
 */
export function emitSecrets(
  ctx: AzureContext,
  secrets: ResolvedSecrets,
): AzureEmitted {
  const n = id(secrets.name);
  return {
    file: `secrets-${secrets.name}.tf`,
    items: secrets.names.map(secret =>
      keyVaultSecret(ctx, {
        name: `${n}_${id(secret)}`,
        secretName: azureSecretName(secrets.name, secret),
        component: secrets.name,
        value: SECRET_PLACEHOLDER,
        contentType: 'text/plain',
        ignoreValue: true,
      }),
    ),
    outputs: [
      block('output', [`${n}_secret_ids`], {
        description: `${secrets.name}: Key Vault secret IDs (versionless) by name`,
        value: {
          kind: 'map',
          entries: secrets.names.map(secret => [
            secret,
            raw(`azurerm_key_vault_secret.${n}_${id(secret)}.versionless_id`),
          ]),
        },
      }),
    ],
  };
}
