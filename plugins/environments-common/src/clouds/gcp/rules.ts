/**
 * The GCP rules of validation (the GCP profile's `checkSpec`): every name the GCP generator will
 * emit checked against Google's naming rules (names.ts) before anything is generated, each
 * problem at the field it comes from.
 */
import type { Path, Report } from '../../spec/rules/types';
import type { CloudSpecInput } from '../types';
import {
  GCP_NAME_RULES,
  gcpNamePlan,
  gcpNameViolations,
  type GcpNamedComponent,
} from './names';

/** A component name no one would write, to tell the environment's share of a fault from the component's. */
const NEUTRAL = 'x';

/**
 * Checks every GCP name of the environment. A name that breaks a rule is reported at
 * `metadata.name` when the environment name alone breaks it, at `spec.components[i].names[j]`
 * for a secret id, else at the component's name; two names that come out the same (in a scope
 * where they must differ) are reported at the later component's name.
 */
export function checkGcpSpec(input: CloudSpecInput, report: Report): void {
  const { environment, components } = input;
  if (environment === undefined) return;
  const named: GcpNamedComponent[] = components.map(({ component: c }) => ({
    name: c.name,
    type: c.type,
    names: c.type === 'secrets' ? c.names : undefined,
    origins: c.type === 'cdn' ? c.origins : undefined,
    // Without a valid tier, check the Private Service Connect names too.
    privateLink:
      c.type === 'mongodb'
        ? input.preset?.mongodb.privateLink ?? true
        : undefined,
  }));
  const plan = gcpNamePlan(environment, named);
  const faults = new Map<string, { path: Path; texts: string[] }>();
  const fault = (path: Path, text: string) => {
    const key = path.join('.');
    const entry = faults.get(key) ?? { path, texts: [] };
    if (!entry.texts.includes(text)) entry.texts.push(text);
    faults.set(key, entry);
  };
  const seen = new Map<string, number | undefined>();
  plan.forEach((planned, i) => {
    const rule = GCP_NAME_RULES[planned.kind];
    const broken = gcpNameViolations(planned.kind, planned.name);
    if (broken.length > 0) {
      let path: Path = ['metadata', 'name'];
      if (planned.component !== undefined) {
        const neutral = gcpNamePlan(
          environment,
          named.map((c, k) =>
            k === planned.component
              ? {
                  ...c,
                  name: NEUTRAL,
                  names: c.names?.map(() => NEUTRAL),
                }
              : c,
          ),
        )[i];
        const envAlone =
          neutral !== undefined &&
          gcpNameViolations(neutral.kind, neutral.name).some(v =>
            broken.includes(v),
          );
        const at = components[planned.component].index;
        if (!envAlone) {
          path =
            planned.secret === undefined
              ? ['spec', 'components', at, 'name']
              : ['spec', 'components', at, 'names', planned.secret];
        }
      }
      fault(path, `${rule.what} "${planned.name}" must ${broken.join(', ')}`);
    }
    const key = `${planned.kind}\u0000${planned.name}`;
    if (seen.has(key)) {
      const first = seen.get(key);
      const sameComponent =
        first !== undefined &&
        planned.component !== undefined &&
        named[first].name === named[planned.component].name;
      if (planned.component !== undefined && !sameComponent) {
        const other =
          first === undefined
            ? 'an environment-wide resource'
            : `spec.components[${components[first].index}]`;
        fault(
          ['spec', 'components', components[planned.component].index, 'name'],
          `${rule.what} "${planned.name}" is already the name of ${other}; names must be unique`,
        );
      }
    } else {
      seen.set(key, planned.component);
    }
  });
  for (const { path, texts } of faults.values()) {
    const shown = texts.slice(0, 3).join('; ');
    const more = texts.length > 3 ? ` (and ${texts.length - 3} more)` : '';
    report(
      path,
      `makes Google Cloud names that Google refuses: ${shown}${more}`,
    );
  }
}
