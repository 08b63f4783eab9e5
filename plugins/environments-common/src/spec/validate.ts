import type { SpecProblem, Tier } from '../model/resolved';
import { componentSchemas, type ComponentSpec } from './components';
import {
  dedupeProblems,
  formatPath,
  inDocumentOrder,
  issuesToProblems,
  show,
} from './problems';
import {
  cloudSchema,
  ENVIRONMENT_API_VERSION,
  ENVIRONMENT_KIND,
  environmentSchema,
  expiresAtSchema,
  metadataSchema,
  networkSchema,
  tierSchema,
  usageSchema,
  type Environment,
} from './schema';
import type { SizeCatalog } from './catalog';
import { checkComponents, declaredComponents } from './rules/components';
import { checkNetwork } from './rules/network';
import { checkRegion } from './rules/region';
import { checkExpiry } from './rules/expiry';
import { cloudProfiles } from '../clouds';
import { tierPresets } from './tiers';
import {
  scanForCredentials,
  SECRET_HINT,
  unknownFieldMessage,
  withSecretHints,
} from './rules/secrets';
import { isRecord, type Path, type Report } from './rules/types';

/** @public */
export interface ValidateOptions {
  /** The price catalog's sizes; without it sizes are only checked against each cloud's naming. */
  sizes?: SizeCatalog;
  /**
   * The day (YYYY-MM-DD, UTC) support calendars are read on, e.g. whether an engine version is in
   * paid Extended Support; defaults to today.
   */
  today?: string;
}

/**
 * @public
 * `problems` stop generation; `warnings` do not (a version in paid Extended Support), but the
 * form and the CLI show them.
 */
export type ValidationResult =
  | { ok: true; environment: Environment; warnings: SpecProblem[] }
  | { ok: false; problems: SpecProblem[]; warnings: SpecProblem[] };

/**
 * Validates a parsed spec document: every problem in one pass, each with its field path and a
 * sentence. Checks each field (zod schema), then the cross-field rules of the contract, the
 * region against the cloud's region list and sizes against the catalog.
 * @public
 */
export function validateEnvironment(
  raw: unknown,
  options: ValidateOptions = {},
): ValidationResult {
  const problems: SpecProblem[] = [];
  const warnings: SpecProblem[] = [];
  const report = (path: Path, message: string) =>
    problems.push({ path: formatPath(path), message });
  const warn = (path: Path, message: string) =>
    warnings.push({ path: formatPath(path), message });

  if (!isRecord(raw)) {
    return {
      ok: false,
      warnings,
      problems: [
        {
          path: '(document)',
          message: `must be a mapping with apiVersion, kind, metadata and spec, not ${show(
            raw,
          )}`,
        },
      ],
    };
  }

  scanForCredentials(raw, [], report);

  // Top level.
  for (const key of Object.keys(raw)) {
    if (!['apiVersion', 'kind', 'metadata', 'spec'].includes(key)) {
      report([key], unknownFieldMessage(key, 'an Environment'));
    }
  }
  if (raw.apiVersion !== ENVIRONMENT_API_VERSION) {
    report(
      ['apiVersion'],
      raw.apiVersion === undefined
        ? `is required and must be "${ENVIRONMENT_API_VERSION}"`
        : `must be "${ENVIRONMENT_API_VERSION}", not ${show(raw.apiVersion)}`,
    );
  }
  if (raw.kind !== ENVIRONMENT_KIND) {
    report(
      ['kind'],
      raw.kind === undefined
        ? `is required and must be "${ENVIRONMENT_KIND}"`
        : `must be "${ENVIRONMENT_KIND}", not ${show(raw.kind)}`,
    );
  }

  // Metadata.
  const metadata = metadataSchema.safeParse(raw.metadata, {
    reportInput: true,
  });
  if (!metadata.success) {
    problems.push(
      ...withSecretHints(
        issuesToProblems(metadata.error.issues, ['metadata'], 'metadata'),
      ),
    );
  }

  // Spec, field by field, so that one bad field does not hide the others.
  const spec = raw.spec;
  if (!isRecord(spec)) {
    report(
      ['spec'],
      spec === undefined
        ? 'is required'
        : `must be an object, not ${show(spec)}`,
    );
    return {
      ok: false,
      warnings,
      problems: inDocumentOrder(dedupeProblems(problems), raw),
    };
  }
  const known = [
    'cloud',
    'region',
    'tier',
    'network',
    'components',
    'usage',
    'expiresAt',
    'destroyOnExpiry',
  ];
  for (const key of Object.keys(spec)) {
    if (!known.includes(key)) {
      report(['spec', key], unknownFieldMessage(key, 'spec'));
    }
  }
  const cloud = field(cloudSchema, spec.cloud, ['spec', 'cloud'], problems);
  const tier = field(tierSchema, spec.tier, ['spec', 'tier'], problems) as
    | Tier
    | undefined;
  const region = checkRegion(spec.region, cloud, options.sizes, report, warn);
  const network =
    spec.network === undefined
      ? {}
      : field(
          networkSchema,
          spec.network,
          ['spec', 'network'],
          problems,
          'network',
        );
  if (spec.usage !== undefined) {
    field(usageSchema, spec.usage, ['spec', 'usage'], problems, 'usage');
  }

  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (spec.expiresAt !== undefined) {
    field(expiresAtSchema, spec.expiresAt, ['spec', 'expiresAt'], problems);
  }
  if (
    spec.destroyOnExpiry !== undefined &&
    typeof spec.destroyOnExpiry !== 'boolean'
  ) {
    report(
      ['spec', 'destroyOnExpiry'],
      `must be true or false, not ${show(spec.destroyOnExpiry)}`,
    );
  }
  checkExpiry(spec, tier, today, report, warn);

  const components = parseComponents(spec.components, problems, report);
  const declared = declaredComponents(spec.components);

  // Cross-field rules, on the parts that parsed.
  if (network && tier) {
    checkNetwork(network, tier, cloud, components, report);
  }
  if (components) {
    checkComponents(
      components,
      declared,
      { cloud, tier, region },
      options.sizes,
      report,
    );
    // The cloud's own rules (its naming rules, engine versions).
    const checkSpec = cloud ? cloudProfiles[cloud].checkSpec : undefined;
    checkSpec?.(
      {
        environment: metadata.success ? metadata.data.name : undefined,
        components,
        preset: tier ? tierPresets[tier] : undefined,
        tier,
        today,
        region:
          cloud && region && cloudProfiles[cloud].regions.includes(region)
            ? region
            : undefined,
      },
      report,
      warn,
    );
  }

  if (problems.length > 0) {
    return {
      ok: false,
      warnings,
      problems: inDocumentOrder(dedupeProblems(problems), raw),
    };
  }
  const parsed = environmentSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    return {
      ok: false,
      warnings,
      problems: dedupeProblems(issuesToProblems(parsed.error.issues, [])),
    };
  }
  return { ok: true, environment: parsed.data, warnings };
}

function field<T>(
  schema: {
    safeParse(
      v: unknown,
      p: { reportInput: boolean },
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: any[] } };
  },
  value: unknown,
  path: Path,
  problems: SpecProblem[],
  describeObject?: string,
): T | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  problems.push(
    ...withSecretHints(
      issuesToProblems(result.error.issues, path, describeObject),
    ),
  );
  return undefined;
}

function parseComponents(
  value: unknown,
  problems: SpecProblem[],
  report: Report,
): Array<{ index: number; component: ComponentSpec }> | undefined {
  const path: Path = ['spec', 'components'];
  if (value === undefined) {
    report(path, 'is required: list at least one component');
    return undefined;
  }
  if (!Array.isArray(value)) {
    report(path, `must be a list of components, not ${show(value)}`);
    return undefined;
  }
  if (value.length === 0) {
    report(path, 'must have at least 1 component');
    return undefined;
  }
  if (value.length > 50) {
    report(path, `must have at most 50 components, not ${value.length}`);
  }
  const parsed: Array<{ index: number; component: ComponentSpec }> = [];
  value.forEach((item, index) => {
    const itemPath = [...path, index];
    if (!isRecord(item)) {
      report(
        itemPath,
        `must be an object with a name and a type, not ${show(item)}`,
      );
      return;
    }
    const type = item.type;
    const schema =
      typeof type === 'string' && Object.hasOwn(componentSchemas, type)
        ? componentSchemas[type as keyof typeof componentSchemas]
        : undefined;
    if (!schema) {
      report(
        [...itemPath, 'type'],
        type === undefined
          ? `is required: one of ${Object.keys(componentSchemas).join(', ')}`
          : `${show(type)} is not a component type (${Object.keys(
              componentSchemas,
            ).join(', ')})`,
      );
      return;
    }
    const special = new Set<string>();
    const reportSpecial = (p: Path, message: string) => {
      special.add(formatPath(p));
      report(p, message);
    };
    if (type === 'secrets' && Array.isArray(item.names)) {
      item.names.forEach((n: unknown, i: number) => {
        if (isRecord(n) || (typeof n === 'string' && /[=:]/.test(n))) {
          reportSpecial(
            [...itemPath, 'names', i],
            `must be a secret's name only; ${SECRET_HINT}`,
          );
        }
      });
    }
    if (type === 'redis' && typeof item.authToken === 'string') {
      reportSpecial(
        [...itemPath, 'authToken'],
        `must be true or false (true: Terraform generates the token); ${SECRET_HINT}`,
      );
    }
    const result = schema.safeParse(item, { reportInput: true });
    if (result.success) {
      parsed.push({ index, component: result.data as ComponentSpec });
    } else {
      problems.push(
        ...withSecretHints(
          issuesToProblems(
            result.error.issues,
            itemPath,
            `a ${type} component`,
          ),
        ).filter(p => !special.has(p.path)),
      );
    }
  });
  return parsed;
}
