import { parse } from '@cdktf/hcl2json';
import {
  AZURE_NAME_RULES,
  azureNamePlan,
  azureNameViolations,
  type AzureNameKind,
} from '@terrace/plugin-environments-common';
import { azureCases, generateCase } from '../__testUtils__/fixtures';

// generating whole cases takes seconds on a loaded machine (jest's default is 5 s)
jest.setTimeout(120_000);

type Parsed = Record<
  string,
  Record<string, Record<string, Array<Record<string, unknown>>>>
>;

/**
 * Generator and validation read one naming table: every name the Azure emitter writes (with
 * `count.index` as 0) obeys its row of AZURE_NAME_RULES, and is a name validation checked
 * (`azureNamePlan`), so what validation accepts is what the Terraform asks Azure for.
 */
describe.each(azureCases().map(c => [c.name, c] as const))('%s', (_name, c) => {
  it('writes only names that obey their Azure rule and that validation checked', async () => {
    const files = await generateCase(c);
    const spec = c.spec as {
      metadata: { name: string };
      spec: { components: Array<Record<string, unknown>> };
    };
    const planned = new Set(
      azureNamePlan(
        spec.metadata.name,
        spec.spec.components.map(x => ({
          name: x.name as string,
          type: x.type as string,
          names: x.names as string[] | undefined,
          authToken: x.authToken as boolean | undefined,
          public: x.public as boolean | undefined,
          origins: x.origins as string[] | undefined,
        })),
        {
          postgres: ['cpu-high', 'free-storage-low', 'replica-lag-high'],
          redis: ['cpu-high', 'memory-high', 'evictions'],
          service: ['unhealthy-targets', '5xx-high', 'cpu-high', 'memory-high'],
          'vm-group': ['unhealthy-targets', 'cpu-high', 'memory-high'],
        },
      ).map(p => `${p.kind}=${p.name}`),
    );
    const problems: string[] = [];
    let checked = 0;
    for (const [file, content] of Object.entries(files)) {
      if (!file.endsWith('.tf')) continue;
      const doc = (await parse(file, content)) as Parsed;
      for (const [type, byLabel] of Object.entries(doc.resource ?? {})) {
        for (const [label, [body]] of Object.entries(byLabel)) {
          for (const attribute of ['name', 'short_name']) {
            const kind = `${type}.${attribute}` as AzureNameKind;
            const value = body[attribute];
            if (!(kind in AZURE_NAME_RULES) || typeof value !== 'string') {
              continue;
            }
            if (/\$\{(?!count\.index\})/.test(value)) continue;
            const name = value.replace('${count.index}', '0');
            checked++;
            const broken = azureNameViolations(kind, name);
            if (broken.length > 0) {
              problems.push(
                `${type}.${label}: "${name}" must ${broken.join(', ')}`,
              );
            }
            // Per-zone names (subnets, NSGs, NAT) and fixed child names are not spec-driven.
            const fixed = [
              'azurerm_subnet',
              'azurerm_network_security_group',
              'azurerm_nat_gateway',
              'azurerm_private_dns_zone_virtual_network_link',
              'azurerm_private_endpoint',
              'azurerm_private_dns_zone',
            ];
            if (!fixed.includes(type) && !planned.has(`${kind}=${name}`)) {
              problems.push(
                `${type}.${label}: "${name}" is not in the name plan validation checks`,
              );
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(15);
  });
});
