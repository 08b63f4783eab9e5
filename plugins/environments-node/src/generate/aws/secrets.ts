import type { ResolvedSecrets } from '@terrace/plugin-environments-common';
import { attr, block, comment, raw, resource } from '../hcl';
import {
  AwsContext,
  AwsEmitted,
  componentTags,
  id,
  KMS_KEY_ARN,
} from './context';

/** The value Terraform writes once; the real value is set outside Terraform and never read back. */
export const SECRET_PLACEHOLDER = 'set-outside-terraform';

/** SSM parameter path of one secret: `/<environment>/<component>/<name>`. */
export function secretParameterName(
  environment: string,
  component: string,
  name: string,
) {
  return `/${environment}/${component}/${name}`;
}

/** Gives each name a distinct form: the first keeps `base(name)`, later clashes get `_2`, `_3`... */
export function uniqueNames(
  names: string[],
  base: (name: string) => string,
  taken: Set<string> = new Set(),
): string[] {
  return names.map(name => {
    const first = base(name);
    let candidate = first;
    for (let i = 2; taken.has(candidate); i++) candidate = `${first}_${i}`;
    taken.add(candidate);
    return candidate;
  });
}

/** Terraform names of a secrets component's parameters (`stripe.key` and `stripe-key` stay apart). */
export function parameterResourceNames(secrets: ResolvedSecrets): string[] {
  return uniqueNames(secrets.names, name => `${id(secrets.name)}_${id(name)}`);
}

/**
 * `<name>.tf` for a `secrets` component: one SecureString parameter per name, encrypted with the
 * environment key. Terrace writes only a placeholder; the value is set with
 * `aws ssm put-parameter --overwrite` and Terraform ignores it from then on.
 */
export function emitSecrets(
  ctx: AwsContext,
  secrets: ResolvedSecrets,
): AwsEmitted {
  const n = id(secrets.name);
  const names = parameterResourceNames(secrets);
  return {
    file: `secrets-${secrets.name}.tf`,
    items: secrets.names.map((secret, i) =>
      resource('aws_ssm_parameter', names[i], [
        comment(
          'Placeholder only: set the value outside Terraform (aws ssm put-parameter --overwrite).',
        ),
        attr('name', secretParameterName(ctx.env.name, secrets.name, secret)),
        attr(
          'description',
          `Secret ${secret} of ${ctx.env.name}; value managed outside Terraform`,
        ),
        attr('type', 'SecureString'),
        attr('key_id', KMS_KEY_ARN),
        attr('value', SECRET_PLACEHOLDER),
        attr('tags', componentTags(secrets.name)),
        block('lifecycle', [], { ignore_changes: [raw('value')] }),
      ]),
    ),
    outputs: [
      block('output', [`${n}_parameter_arns`], {
        description: `${secrets.name}: SSM parameters to fill in`,
        value: names.map(r => raw(`aws_ssm_parameter.${r}.arn`)),
      }),
    ],
  };
}
