/**
 * The AWS rules of validation (the AWS profile's `checkSpec`): every name the AWS generator will
 * emit checked against AWS's naming rules (names.ts), and engine versions against the engine
 * tables (engines.ts), before anything is generated, each problem at the field it comes from.
 */
import type { ComponentSpec } from '../../spec/components';
import type { Path, Report } from '../../spec/rules/types';
import type { CloudSpecInput } from '../types';
import {
  AWS_NAME_RULES,
  awsNamePlan,
  awsNameViolations,
  type AwsNamedComponent,
  type AwsPlannedName,
} from './names';
import {
  awsEngineVersion,
  awsEngineVersionList,
  engineSupportWarning,
} from './engines';

/**
 * The AWS rules of a spec: names when `metadata.name` is valid, engine versions (a version a
 * component leaves out is the tier preset's).
 */
export function checkAwsSpec(
  input: CloudSpecInput,
  report: Report,
  warn: Report,
): void {
  const { components, preset, today, environment } = input;
  checkAwsEngineVersions(
    components,
    { postgres: preset?.postgres.version, redis: preset?.redis.version },
    today,
    report,
    warn,
  );
  if (environment !== undefined) {
    checkAwsNames(environment, components, report);
  }
}

/** A component name no one would write, to tell the environment's share of a fault from the component's. */
const NEUTRAL = 'x';

/**
 * Checks every AWS name of the environment. A name that breaks a rule is reported at
 * `metadata.name` when the environment name alone breaks it, else at the component's name;
 * two names that come out the same are reported at the later component's name.
 */
export function checkAwsNames(
  environment: string,
  components: ReadonlyArray<{ index: number; component: ComponentSpec }>,
  report: Report,
): void {
  const named: AwsNamedComponent[] = components.map(({ component: c }) => ({
    name: c.name,
    type: c.type,
    names: c.type === 'secrets' ? c.names : undefined,
    authToken: c.type === 'redis' ? c.authToken : undefined,
  }));
  const plan = awsNamePlan(environment, named);
  const byPath = new Map<string, { path: Path; faults: string[] }>();
  const fault = (path: Path, text: string) => {
    const key = path.join('.');
    const entry = byPath.get(key) ?? { path, faults: [] };
    if (!entry.faults.includes(text)) entry.faults.push(text);
    byPath.set(key, entry);
  };

  const neutralPlan = (index: number) =>
    awsNamePlan(
      environment,
      named.map((c, i) => (i === index ? { ...c, name: NEUTRAL } : c)),
    );

  const seen = new Map<string, AwsPlannedName>();
  plan.forEach((planned, i) => {
    const rule = AWS_NAME_RULES[planned.kind];
    const broken = awsNameViolations(planned.kind, planned.name);
    if (broken.length > 0) {
      let path: Path = ['metadata', 'name'];
      if (planned.component !== undefined) {
        const neutral = neutralPlan(planned.component)[i];
        const envAlone =
          neutral &&
          neutral.kind === planned.kind &&
          awsNameViolations(neutral.kind, neutral.name).some(v =>
            broken.includes(v),
          );
        if (!envAlone) {
          path = [
            'spec',
            'components',
            components[planned.component].index,
            'name',
          ];
        }
      }
      fault(path, `${rule.what} "${planned.name}" must ${broken.join(', ')}`);
    }
    const key = `${planned.kind}\u0000${planned.name}`;
    const first = seen.get(key);
    // Repeated component or secret names are reported by their own rules.
    const sameSource =
      first?.component !== undefined &&
      planned.component !== undefined &&
      named[first.component].name === named[planned.component].name;
    if (
      first &&
      planned.component !== undefined &&
      !sameSource &&
      rule.unique !== 'parent'
    ) {
      const other =
        first.component === undefined
          ? 'an environment-wide resource'
          : `spec.components[${components[first.component].index}]`;
      fault(
        ['spec', 'components', components[planned.component].index, 'name'],
        `${rule.what} "${planned.name}" is already the name of ${other}; names must be unique`,
      );
    } else if (!first) {
      seen.set(key, planned);
    }
  });

  for (const { path, faults } of byPath.values()) {
    const shown = faults.slice(0, 3).join('; ');
    const more = faults.length > 3 ? ` (and ${faults.length - 3} more)` : '';
    report(path, `makes AWS names that AWS refuses: ${shown}${more}`);
  }
}

/**
 * Checks postgres and redis versions against AWS's engine tables: a version AWS does not run
 * is an error listing the versions it does; a version past standard support is a warning that
 * names the dates (and, for RDS, that Extended Support is charged).
 */
export function checkAwsEngineVersions(
  components: ReadonlyArray<{ index: number; component: ComponentSpec }>,
  defaults: { postgres?: string; redis?: string },
  today: string,
  report: Report,
  warn: Report,
): void {
  for (const { index, component: c } of components) {
    if (c.type !== 'postgres' && c.type !== 'redis') continue;
    const version = c.version ?? defaults[c.type];
    if (version === undefined) continue;
    const path: Path = ['spec', 'components', index, 'version'];
    const row = awsEngineVersion(c.type, version);
    const engine =
      c.type === 'postgres'
        ? 'RDS for PostgreSQL'
        : 'ElastiCache for Redis OSS';
    if (!row) {
      report(
        path,
        `"${version}" is not a version ${engine} runs (supported: ${awsEngineVersionList(
          c.type,
        )})`,
      );
      continue;
    }
    const warning = engineSupportWarning(c.type, row, today);
    if (warning) warn(path, warning);
  }
}
