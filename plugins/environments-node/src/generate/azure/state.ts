import { fnv1a } from '@terrace/plugin-environments-common';
import { attr, block, map, raw } from '../hcl';
import { AzureContext, AzureEmitted } from './context';

/**
 * Terraform and provider versions. azurerm 4.50.0 is the first release with
 * `azurerm_managed_redis`; the configuration is checked against the 4.40.0 schema and, for the
 * resources 4.40 lacks, against their 4.50.0 schema (tools/azurerm-provider-schema).
 */
export const AZURERM_PROVIDER_CONSTRAINT = '>= 4.50.0, < 5.0.0';
export const RANDOM_PROVIDER_CONSTRAINT = '>= 3.6.0, < 4.0.0';
export const ATLAS_PROVIDER_CONSTRAINT = '>= 1.21.0, < 2.0.0';
export const TERRAFORM_CONSTRAINT = '>= 1.5.7';

/**
 * Where the state lives: one storage account per subscription and region (bootstrap once), a
 * `tfstate` container, one key per environment. Storage account names are global: the name ends
 * in FNV-1a of the subscription (when the environment names one) and the region.
 */
export function azureStateLocation(env: {
  name: string;
  region: string;
  accountId?: string;
}) {
  return {
    resourceGroup: 'rg-terrace-tfstate',
    storageAccount: `terracetfstate${fnv1a(
      `${env.accountId ?? ''}/${env.region}`,
    )}`,
    container: 'tfstate',
    key: `environments/${env.name}/terraform.tfstate`,
  };
}

/** `versions.tf` */
export function emitVersions(ctx: AzureContext): AzureEmitted {
  const providers: Array<[string, string, string]> = [
    ['azurerm', 'hashicorp/azurerm', AZURERM_PROVIDER_CONSTRAINT],
    ['random', 'hashicorp/random', RANDOM_PROVIDER_CONSTRAINT],
  ];
  if (ctx.ofType('mongodb').length > 0) {
    providers.push([
      'mongodbatlas',
      'mongodb/mongodbatlas',
      ATLAS_PROVIDER_CONSTRAINT,
    ]);
  }
  return {
    file: 'versions.tf',
    items: [
      block(
        'terraform',
        [],
        [
          attr('required_version', TERRAFORM_CONSTRAINT),
          block(
            'required_providers',
            [],
            Object.fromEntries(
              providers.map(([name, source, version]) => [
                name,
                map({ source, version }),
              ]),
            ),
          ),
        ],
      ),
    ],
  };
}

/** `backend.tf`: remote state in Azure Storage with Entra ID auth (no shared keys). */
export function emitBackend(ctx: AzureContext): AzureEmitted {
  const state = azureStateLocation(ctx.env);
  return {
    file: 'backend.tf',
    items: [
      block(
        'terraform',
        [],
        [
          block('backend', ['azurerm'], {
            resource_group_name: state.resourceGroup,
            storage_account_name: state.storageAccount,
            container_name: state.container,
            key: state.key,
            use_azuread_auth: true,
          }),
        ],
      ),
    ],
  };
}

/**
 * `providers.tf`: azurerm for the subscription in `var.subscription_id`, with storage data-plane
 * calls made with Entra ID (the storage account takes no shared keys); Atlas when there is a
 * mongodb component.
 */
export function emitProviders(ctx: AzureContext): AzureEmitted {
  const items = [
    block(
      'provider',
      ['azurerm'],
      [
        attr('subscription_id', raw('var.subscription_id')),
        attr('storage_use_azuread', true),
        block(
          'features',
          [],
          [
            block('key_vault', [], {
              purge_soft_delete_on_destroy: false,
              recover_soft_deleted_key_vaults: true,
            }),
            block('resource_group', [], {
              prevent_deletion_if_contains_resources: true,
            }),
          ],
        ),
      ],
    ),
  ];
  if (ctx.ofType('mongodb').length > 0) {
    items.push(
      block('provider', ['mongodbatlas'], {
        public_key: raw('var.atlas_public_key'),
        private_key: raw('var.atlas_private_key'),
      }),
    );
  }
  return {
    file: 'providers.tf',
    items,
    variables: [
      block(
        'variable',
        ['location'],
        [
          attr('type', raw('string')),
          attr('description', 'Azure region of the environment.'),
          attr('default', ctx.env.region),
        ],
      ),
      block(
        'variable',
        ['subscription_id'],
        [
          attr('type', raw('string')),
          attr('description', 'Azure subscription the environment lives in.'),
          ...(ctx.env.accountId ? [attr('default', ctx.env.accountId)] : []),
        ],
      ),
    ],
  };
}
