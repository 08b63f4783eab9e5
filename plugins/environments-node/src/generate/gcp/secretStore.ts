import { attr, block, Block, raw, resource, Value } from '../hcl';
import { componentLabels, REGION } from './context';

/**
 * A Secret Manager secret replicated in the environment's region only (data residency), labelled
 * with its component. `version` (a Terraform expression, e.g. a `random_password`'s result)
 * makes Terraform store a generated credential; without it the secret is an empty slot whose
 * value is added outside Terraform (`gcloud secrets versions add`).
 */
export function secretManagerSecret(opts: {
  name: string;
  secretId: string;
  component: string;
  version?: Value;
}): Block[] {
  const secret = resource('google_secret_manager_secret', opts.name, [
    attr('secret_id', opts.secretId),
    attr('labels', componentLabels(opts.component)),
    block(
      'replication',
      [],
      [
        block(
          'user_managed',
          [],
          [block('replicas', [], { location: REGION })],
        ),
      ],
    ),
  ]);
  if (opts.version === undefined) return [secret];
  return [
    secret,
    resource('google_secret_manager_secret_version', opts.name, {
      secret: raw(`google_secret_manager_secret.${opts.name}.id`),
      secret_data: opts.version,
    }),
  ];
}
