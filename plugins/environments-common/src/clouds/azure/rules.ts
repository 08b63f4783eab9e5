/**
 * The Azure rules of validation (the Azure profile's `checkSpec`): Atlas only in regions it runs
 * in, zone-redundant HA only on sizes that have it, and every name the
 * generator will emit checked against Azure's naming rules (names.ts), each problem at the field it
 * comes from.
 */
import type { ComponentSpec } from '../../spec/components';
import type { Path, Report } from '../../spec/rules/types';
import type { CloudSpecInput } from '../types';
import { ATLAS_AZURE_REGIONS } from './atlas';
import {
  AZURE_NAME_RULES,
  azureNamePlan,
  azureNameViolations,
  type AzureNamedComponent,
} from './names';

/** The alarm checks of each component type, for their metric alert names. */
const ALARM_CHECKS: Record<string, readonly string[]> = {
  postgres: ['cpu-high', 'free-storage-low', 'replica-lag-high'],
  redis: ['cpu-high', 'memory-high', 'evictions'],
  service: ['unhealthy-targets', '5xx-high', 'cpu-high', 'memory-high'],
  'vm-group': ['unhealthy-targets', 'cpu-high', 'memory-high'],
};

/** A component name no one would write, to tell the environment's share of a fault from the component's. */
const NEUTRAL = 'x';

/** The Azure rules of a spec. */
export function checkAzureSpec(
  input: CloudSpecInput,
  report: Report,
  _warn: Report,
): void {
  const { components, preset, environment } = input;
  for (const { index, component: c } of components) {
    if (
      c.type === 'mongodb' &&
      input.region !== undefined &&
      !(input.region in ATLAS_AZURE_REGIONS)
    ) {
      report(
        ['spec', 'components', index, 'type'],
        `MongoDB Atlas does not run in Azure ${input.region}; choose a region Atlas lists (e.g. westeurope, eastus2)`,
      );
    }
    if (c.type === 'postgres') {
      const size = c.size ?? preset?.postgres.size.azure;
      const ha = c.highAvailability ?? preset?.postgres.highAvailability;
      if (ha && size && /^Standard_B/.test(size)) {
        report(
          ['spec', 'components', index, 'highAvailability'],
          `zone-redundant high availability needs a General Purpose or Memory Optimized size; "${size}" is Burstable (use e.g. Standard_D2ds_v5)`,
        );
      }
    }
  }
  if (environment !== undefined) {
    checkAzureNames(environment, components, report, preset, input.tier);
  }
}

/**
 * Checks every Azure name of the environment. A name that breaks a rule is reported at
 * `metadata.name` when the environment name alone breaks it, else at the component's name (or the
 * secret's name); two names that come out the same are reported at the later component's name.
 * `preset` (the tier's) says whether a mongodb goes over Private Link, which adds its private
 * endpoint's name; without one, that name is checked too. `tier` says whether the Key Vault and
 * storage account get private endpoints (prod; checked too when the tier is not known).
 */
export function checkAzureNames(
  environment: string,
  components: ReadonlyArray<{ index: number; component: ComponentSpec }>,
  report: Report,
  preset?: CloudSpecInput['preset'],
  tier?: CloudSpecInput['tier'],
): void {
  const named: AzureNamedComponent[] = components.map(({ component: c }) => ({
    name: c.name,
    type: c.type,
    names: c.type === 'secrets' ? c.names : undefined,
    authToken: c.type === 'redis' ? c.authToken : undefined,
    public: c.type === 'bucket' ? c.public : undefined,
    origins: c.type === 'cdn' ? c.origins : undefined,
    // Without a valid tier, check the private endpoint's name too.
    privateLink:
      c.type === 'mongodb' ? preset?.mongodb.privateLink ?? true : undefined,
  }));
  const plan = azureNamePlan(environment, named, ALARM_CHECKS, { tier });
  const neutralPlan = (index: number) =>
    azureNamePlan(
      environment,
      named.map((c, i) => (i === index ? { ...c, name: NEUTRAL } : c)),
      ALARM_CHECKS,
      { tier },
    );
  const byPath = new Map<string, { path: Path; faults: string[] }>();
  const fault = (path: Path, text: string) => {
    const key = path.join('.');
    const entry = byPath.get(key) ?? { path, faults: [] };
    if (!entry.faults.includes(text)) entry.faults.push(text);
    byPath.set(key, entry);
  };
  const seen = new Map<string, number | undefined>();
  plan.forEach((planned, i) => {
    const rule = AZURE_NAME_RULES[planned.kind];
    const broken = azureNameViolations(planned.kind, planned.name);
    if (broken.length > 0) {
      let path: Path = ['metadata', 'name'];
      if (planned.component !== undefined) {
        const { index, component } = components[planned.component];
        const secrets: readonly string[] =
          component.type === 'secrets' ? component.names ?? [] : [];
        const secretIndex =
          component.type === 'secrets'
            ? secrets.findIndex(s => `${component.name}-${s}` === planned.name)
            : -1;
        const neutral = neutralPlan(planned.component)[i];
        const envAlone =
          neutral &&
          neutral.kind === planned.kind &&
          azureNameViolations(neutral.kind, neutral.name).some(v =>
            broken.includes(v),
          );
        if (
          secretIndex >= 0 &&
          azureNameViolations(
            planned.kind,
            `${NEUTRAL}-${secrets[secretIndex]}`,
          ).length > 0
        ) {
          // The secret's own name is at fault (Key Vault secret names hold no environment name).
          path = ['spec', 'components', index, 'names', secretIndex];
        } else if (!envAlone) {
          path = ['spec', 'components', index, 'name'];
        }
      }
      fault(path, `${rule.what} "${planned.name}" must ${broken.join(', ')}`);
    }
    const key = `${planned.kind}\u0000${planned.name}`;
    if (seen.has(key) && planned.component !== undefined) {
      const first = seen.get(key);
      const sameSource =
        first !== undefined &&
        named[first].name === named[planned.component].name;
      if (!sameSource && rule.unique !== 'parent') {
        fault(
          ['spec', 'components', components[planned.component].index, 'name'],
          `${rule.what} "${planned.name}" is already the name of ${
            first === undefined
              ? 'an environment-wide resource'
              : `spec.components[${components[first].index}]`
          }; names must be unique`,
        );
      } else if (
        !sameSource &&
        // Every Key Vault secret of the environment lives in its one vault.
        planned.kind === 'azurerm_key_vault_secret.name' &&
        first !== planned.component
      ) {
        fault(
          ['spec', 'components', components[planned.component].index, 'name'],
          `${rule.what} "${
            planned.name
          }" is already taken in the same key vault by ${
            first === undefined
              ? 'an environment-wide resource'
              : `spec.components[${components[first].index}]`
          }; names must be unique`,
        );
      }
    } else if (!seen.has(key)) {
      seen.set(key, planned.component);
    }
  });
  for (const { path, faults } of byPath.values()) {
    const shown = faults.slice(0, 3).join('; ');
    const more = faults.length > 3 ? ` (and ${faults.length - 3} more)` : '';
    report(path, `makes Azure names that Azure refuses: ${shown}${more}`);
  }
}
