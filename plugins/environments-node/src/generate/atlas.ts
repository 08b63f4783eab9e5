import { attr, block, raw } from './hcl';

/**
 * MongoDB Atlas, shared by the clouds Atlas runs on: its API keys and organisation as variables,
 * never in the spec or the repo.
 */
export function atlasVariables() {
  return [
    block(
      'variable',
      ['atlas_public_key'],
      [
        attr('type', raw('string')),
        attr(
          'description',
          'MongoDB Atlas API public key (set it as TF_VAR_atlas_public_key in CI).',
        ),
        attr('sensitive', true),
      ],
    ),
    block(
      'variable',
      ['atlas_private_key'],
      [
        attr('type', raw('string')),
        attr(
          'description',
          'MongoDB Atlas API private key (set it as TF_VAR_atlas_private_key in CI).',
        ),
        attr('sensitive', true),
      ],
    ),
    block(
      'variable',
      ['atlas_org_id'],
      [
        attr('type', raw('string')),
        attr(
          'description',
          'MongoDB Atlas organisation that owns the projects.',
        ),
      ],
    ),
  ];
}
