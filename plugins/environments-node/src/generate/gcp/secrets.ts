import {
  gcpSecretId,
  type ResolvedSecrets,
} from '@terrace/plugin-environments-common';
import { block, raw } from '../hcl';
import { GcpContext, GcpEmitted, id } from './context';
import { secretManagerSecret } from './secretStore';

/**
 * `secrets-<name>.tf` for a `secrets` component: one Secret Manager secret per name, replicated in
 * the environment's region, with no version: values are never written by Terrace, owners add
 * them with `gcloud secrets versions add`.
 */
export function emitSecrets(ctx: GcpContext, s: ResolvedSecrets): GcpEmitted {
  const n = id(s.name);
  return {
    file: `secrets-${s.name}.tf`,
    items: s.names.flatMap(secret =>
      secretManagerSecret({
        name: `${n}_${id(secret)}`,
        secretId: gcpSecretId(ctx.env.name, s.name, secret),
        component: s.name,
      }),
    ),
    outputs: [
      block('output', [`${n}_secret_ids`], {
        description: `${s.name}: Secret Manager secrets to add versions to`,
        value: {
          kind: 'map',
          entries: s.names.map(secret => [
            secret,
            raw(`google_secret_manager_secret.${n}_${id(secret)}.id`),
          ]),
        },
      }),
    ],
  };
}
