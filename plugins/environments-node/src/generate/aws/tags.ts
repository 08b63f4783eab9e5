import { attr, block, map, raw } from '../hcl';
import { AwsContext, AwsEmitted } from './context';

/**
 * `providers.tf`: the AWS provider with the environment's tags as `default_tags`, so every
 * taggable resource carries `terrace:environment` (contract section 2); `terrace:component`
 * is set per resource by its emitter.
 */
export function emitProviders(ctx: AwsContext): AwsEmitted {
  const tags = Object.fromEntries(
    Object.entries(ctx.env.tags).sort(([a], [b]) => a.localeCompare(b, 'en')),
  );
  const items = [
    block(
      'provider',
      ['aws'],
      [
        attr('region', raw('var.region')),
        // the account chosen in the form (terrace.dev/account-id): Terraform refuses to plan or
        // apply with credentials of any other account
        ...(ctx.env.accountId
          ? [attr('allowed_account_ids', [ctx.env.accountId])]
          : []),
        block('default_tags', [], { tags: map(tags) }),
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
        ['region'],
        [
          attr('type', raw('string')),
          attr('description', 'AWS region of the environment.'),
          attr('default', ctx.env.region),
        ],
      ),
    ],
  };
}
