import { attr, block, BodyItem, raw, resource, Value } from '../hcl';
import { AzureContext, KEY_VAULT_ID, skip, tags } from './context';

/** The placeholder a `secrets` slot is created with; the real value is set outside Terraform. */
export const SECRET_PLACEHOLDER = 'set-me-outside-terraform';

/** The checkov exception every Key Vault secret of Terrace carries. */
export function secretExpirySkip(): BodyItem {
  return skip(
    'CKV_AZURE_41',
    'no expiry date: Key Vault refuses to return an expired secret, so an expiry would break the application; rotate by replacing the value',
  );
}

/**
 * A Key Vault secret in the environment's vault, written after the deployer holds its role on
 * the vault. `value` is a Terraform expression (e.g. a `random_password`), never a literal.
 */
export function keyVaultSecret(
  ctx: AzureContext,
  opts: {
    name: string;
    secretName: string;
    component: string;
    value: Value;
    contentType: string;
    ignoreValue?: boolean;
  },
): BodyItem {
  return resource(
    'azurerm_key_vault_secret',
    opts.name,
    [
      secretExpirySkip(),
      attr('name', opts.secretName),
      attr('key_vault_id', KEY_VAULT_ID),
      attr('value', opts.value),
      attr('content_type', opts.contentType),
      attr('tags', tags(ctx, opts.component)),
      attr('depends_on', [raw('azurerm_role_assignment.deployer_secrets')]),
      opts.ignoreValue === true &&
        block('lifecycle', [], { ignore_changes: [raw('value')] }),
    ].filter((i): i is BodyItem => Boolean(i)),
  );
}

/** A password made by Terraform (`random_password.<name>`) and kept in Key Vault. */
export function generatedPassword(
  ctx: AzureContext,
  opts: {
    name: string;
    secretName: string;
    component: string;
    special?: boolean;
  },
): BodyItem[] {
  return [
    resource('random_password', opts.name, {
      length: 32,
      special: opts.special ?? false,
    }),
    keyVaultSecret(ctx, {
      name: opts.name,
      secretName: opts.secretName,
      component: opts.component,
      value: raw(`random_password.${opts.name}.result`),
      contentType: 'password',
    }),
  ];
}
