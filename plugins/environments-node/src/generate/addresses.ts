import { InputError } from '@backstage/errors';
import type { ResolvedEnvironment } from '@terrace/plugin-environments-common';
import type { BodyItem } from './hcl';

/**
 * Component names become parts of Terraform addresses (on AWS `api` -> `aws_lb.api_alb`; on Azure
 * a redis `key-vault` -> `azurerm_private_endpoint.key_vault`, the Key Vault's own endpoint in
 * prod). A component named like a generated resource could take an address twice. Such a spec is
 * refused with the component named (`spec.components[i].name`, or `spec.components` when no
 * component's label matches), rather than written as Terraform that cannot plan.
 *
 * @param files - the root module's items per file, as the cloud's builder made them
 * @param options.id - the cloud's component name -> address label function
 * @param options.taken - the words of the message saying which names generated resources take
 * @throws InputError - one line per address that appears twice
 */
export function assertUniqueAddresses(
  env: ResolvedEnvironment,
  files: ReadonlyMap<string, readonly BodyItem[]>,
  options: { id: (name: string) => string; taken: string },
): void {
  const seen = new Set<string>();
  const clashes = new Set<string>();
  for (const items of files.values()) {
    for (const item of items) {
      if (
        item.kind !== 'block' ||
        !['resource', 'data', 'variable', 'output'].includes(item.type)
      ) {
        continue;
      }
      const address = [item.type, ...item.labels].join('.');
      if (seen.has(address)) clashes.add(address);
      seen.add(address);
    }
  }
  if (clashes.size === 0) return;
  const problems = [...clashes].map(address => {
    const label = address.split('.').pop()!;
    const index = env.components.findIndex(c => options.id(c.name) === label);
    const at =
      index >= 0 ? `spec.components[${index}].name` : 'spec.components';
    return `${at}: gives the Terraform address ${address} twice; rename the component (${options.taken})`;
  });
  throw new InputError(problems.join('\n'));
}
