import type { Cloud, SpecProblem, Tier } from '../model/resolved';
import { SIZE_PATTERNS, type SizeCatalog } from './catalog';
import {
  componentSchemas,
  type ComponentSpec,
  type PostgresSpec,
  type ServiceSpec,
} from './components';
import {
  isNetworkAddress,
  isPrivate,
  MAX_NETWORK_PREFIX,
  maxPrefixForZones,
  networkOf,
  formatBlock,
  parseCidr,
} from './network';
import {
  dedupeProblems,
  formatPath,
  inDocumentOrder,
  issuesToProblems,
  show,
} from './problems';
import { cloudRegions } from './regions';
import {
  cloudSchema,
  ENVIRONMENT_API_VERSION,
  ENVIRONMENT_KIND,
  environmentSchema,
  metadataSchema,
  networkSchema,
  tierSchema,
  usageSchema,
  type Environment,
} from './schema';
import { tierPresets } from './tiers';

/** @public */
export interface ValidateOptions {
  /** The price catalog's sizes; without it sizes are only checked against each cloud's naming. */
  sizes?: SizeCatalog;
}

/** @public */
export type ValidationResult =
  | { ok: true; environment: Environment }
  | { ok: false; problems: SpecProblem[] };

type Path = Array<string | number>;

/** Field names that suggest someone is pasting a secret value into the spec. */
const SECRET_FIELD =
  /pass(word|wd)?$|secret|token|api[-_]?key|private[-_]?key|credential|^values?$/i;

/** Strings that are credentials whatever field they sit in. */
const CREDENTIAL_PATTERNS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  {
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i,
    what: 'a URL with a password',
  },
  {
    pattern: /\b(ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}/,
    what: 'a GitHub token',
  },
];

const SECRET_HINT =
  "secret values must never be in the spec: list the name in a `secrets` component and set the value in the cloud's secret store";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
  const report = (path: Path, message: string) =>
    problems.push({ path: formatPath(path), message });

  if (!isRecord(raw)) {
    return {
      ok: false,
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
      problems: inDocumentOrder(dedupeProblems(problems), raw),
    };
  }
  const known = ['cloud', 'region', 'tier', 'network', 'components', 'usage'];
  for (const key of Object.keys(spec)) {
    if (!known.includes(key)) {
      report(['spec', key], unknownFieldMessage(key, 'spec'));
    }
  }
  const cloud = field(cloudSchema, spec.cloud, ['spec', 'cloud'], problems);
  const tier = field(tierSchema, spec.tier, ['spec', 'tier'], problems) as
    | Tier
    | undefined;
  const region = checkRegion(spec.region, cloud, options.sizes, report);
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

  const components = parseComponents(spec.components, problems, report);
  const declared = declaredComponents(spec.components);

  // Cross-field rules, on the parts that parsed.
  if (network && tier) {
    checkNetwork(network, tier, components, report);
  }
  if (components) {
    checkComponents(
      components,
      declared,
      { cloud, tier, region },
      options.sizes,
      report,
    );
  }

  if (problems.length > 0) {
    return {
      ok: false,
      problems: inDocumentOrder(dedupeProblems(problems), raw),
    };
  }
  const parsed = environmentSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    return {
      ok: false,
      problems: dedupeProblems(issuesToProblems(parsed.error.issues, [])),
    };
  }
  return { ok: true, environment: parsed.data };
}

function unknownFieldMessage(key: string, of: string) {
  return SECRET_FIELD.test(key)
    ? `looks like a secret value; ${SECRET_HINT}`
    : `is not a field of ${of}`;
}

function withSecretHints(problems: SpecProblem[]): SpecProblem[] {
  return problems.map(p => {
    const last = p.path.split('.').pop() ?? '';
    return p.message.startsWith('is not a field of') && SECRET_FIELD.test(last)
      ? { ...p, message: `looks like a secret value; ${SECRET_HINT}` }
      : p;
  });
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

function scanForCredentials(
  value: unknown,
  path: Path,
  report: (path: Path, message: string) => void,
) {
  if (typeof value === 'string') {
    for (const { pattern, what } of CREDENTIAL_PATTERNS) {
      if (pattern.test(value)) {
        report(path, `looks like ${what}; ${SECRET_HINT}`);
        return;
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scanForCredentials(v, [...path, i], report));
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      scanForCredentials(v, [...path, k], report);
    }
  }
}

function checkRegion(
  value: unknown,
  cloud: Cloud | undefined,
  catalog: SizeCatalog | undefined,
  report: (path: Path, message: string) => void,
): string | undefined {
  const path = ['spec', 'region'];
  if (value === undefined) {
    report(path, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') {
    report(path, `must be text, not ${show(value)}`);
    return undefined;
  }
  if (!cloud) return undefined;
  const regions = cloudRegions[cloud];
  if (!regions.includes(value)) {
    const near = regions.filter(r => r.startsWith(value.split('-')[0]));
    report(
      path,
      `${show(value)} is not a known ${cloud} region${
        near.length > 0
          ? ` (did you mean one of ${near.slice(0, 8).join(', ')}?)`
          : ''
      }`,
    );
    return undefined;
  }
  const priced = catalog?.knownRegions?.(cloud);
  if (priced && priced.length > 0 && !priced.includes(value)) {
    report(
      path,
      `${show(
        value,
      )} is a region of ${cloud} that the price catalog has no prices for (priced: ${priced.join(
        ', ',
      )})`,
    );
    return undefined;
  }
  return value;
}

function parseComponents(
  value: unknown,
  problems: SpecProblem[],
  report: (path: Path, message: string) => void,
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

function checkNetwork(
  network: { cidr?: string; zones?: number; natGateways?: number },
  tier: Tier,
  components: Array<{ component: ComponentSpec }> | undefined,
  report: (path: Path, message: string) => void,
) {
  const preset = tierPresets[tier].network;
  const zones = network.zones ?? preset.zones;
  if (network.cidr !== undefined) {
    const block = parseCidr(network.cidr);
    if (block) {
      const path = ['spec', 'network', 'cidr'];
      if (!isNetworkAddress(block)) {
        report(
          path,
          `${show(
            network.cidr,
          )} has host bits set; the network address is ${formatBlock(
            networkOf(block),
          )}`,
        );
      }
      if (!isPrivate(block)) {
        report(
          path,
          `${show(
            network.cidr,
          )} is not a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)`,
        );
      }
      if (block.prefix < MAX_NETWORK_PREFIX) {
        report(
          path,
          `${show(
            network.cidr,
          )} is larger than a network can be (/${MAX_NETWORK_PREFIX} at most)`,
        );
      } else if (block.prefix > maxPrefixForZones(zones)) {
        report(
          path,
          `${show(
            network.cidr,
          )} is too small for ${zones} zones: public, private and data subnets per zone need a /${maxPrefixForZones(
            zones,
          )} or larger`,
        );
      }
    }
  }
  if (network.natGateways !== undefined) {
    const n = network.natGateways;
    if (n !== 0 && n !== 1 && n !== zones) {
      report(
        ['spec', 'network', 'natGateways'],
        `must be 0, 1 (shared) or ${zones} (one per zone), not ${n}`,
      );
    }
    const compute = components?.find(
      c => c.component.type === 'service' || c.component.type === 'vm-group',
    );
    if (n === 0 && compute) {
      report(
        ['spec', 'network', 'natGateways'],
        `is 0, but ${compute.component.type} "${compute.component.name}" runs in private subnets and needs outbound access (image pulls, updates); use 1 or more`,
      );
    }
  }
}

/** Name and type of every component that has them, valid or not, for reference checks. */
function declaredComponents(value: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(value)) return names;
  for (const item of value) {
    if (
      isRecord(item) &&
      typeof item.name === 'string' &&
      !names.has(item.name)
    ) {
      names.set(
        item.name,
        typeof item.type === 'string' ? item.type : 'unknown',
      );
    }
  }
  return names;
}

function checkComponents(
  components: Array<{ index: number; component: ComponentSpec }>,
  declared: Map<string, string>,
  ctx: { cloud?: Cloud; tier?: Tier; region?: string },
  catalog: SizeCatalog | undefined,
  report: (path: Path, message: string) => void,
) {
  const at = (index: number, ...rest: Path): Path => [
    'spec',
    'components',
    index,
    ...rest,
  ];
  const byName = new Map<string, { index: number; component: ComponentSpec }>();
  for (const entry of components) {
    const first = byName.get(entry.component.name);
    if (first) {
      report(
        at(entry.index, 'name'),
        `"${entry.component.name}" is already the name of spec.components[${first.index}]; component names must be unique`,
      );
    } else {
      byName.set(entry.component.name, entry);
    }
  }

  const servedBuckets = new Set<string>();
  for (const { index, component: c } of components) {
    if (c.type !== 'cdn') continue;
    if (!c.origins) {
      report(
        at(index, 'origins'),
        'is required: list the buckets and/or the public service the cdn serves',
      );
      continue;
    }
    let serviceOrigins = 0;
    c.origins.forEach((origin, i) => {
      const targetType = declared.get(origin);
      if (!targetType) {
        report(
          at(index, 'origins', i),
          `"${origin}" is not a component of this environment`,
        );
        return;
      }
      const target = byName.get(origin)?.component;
      if (targetType === 'bucket') {
        servedBuckets.add(origin);
      } else if (targetType === 'service' || targetType === 'vm-group') {
        serviceOrigins += 1;
        if (target && 'public' in target && !target.public) {
          report(
            at(index, 'origins', i),
            `${targetType} "${origin}" is not public; set public: true on it to serve it through the cdn`,
          );
        }
        if (serviceOrigins === 2) {
          report(
            at(index, 'origins', i),
            `"${origin}" is a second service origin; a cdn routes /api/* to one public service or vm-group`,
          );
        }
      } else {
        report(
          at(index, 'origins', i),
          `"${origin}" is a ${targetType} component; a cdn serves buckets and one public service or vm-group`,
        );
      }
      if (c.origins!.indexOf(origin) !== i) {
        report(at(index, 'origins', i), `"${origin}" is listed twice`);
      }
    });
  }

  const preset = ctx.tier ? tierPresets[ctx.tier] : undefined;
  const policy = preset?.policy;

  for (const { index, component: c } of components) {
    switch (c.type) {
      case 'postgres': {
        checkPostgres(c, index, preset, ctx.tier, at, report);
        break;
      }
      case 'mongodb': {
        if (policy?.minBackupRetentionDays && c.backup === false) {
          report(
            at(index, 'backup'),
            `${ctx.tier} requires backups (backup: true)`,
          );
        }
        if (c.pointInTimeRecovery && c.backup === false) {
          report(at(index, 'pointInTimeRecovery'), 'needs backup: true');
        }
        if (c.allowedCidr) {
          const block = parseCidr(c.allowedCidr);
          if (block && block.prefix === 0) {
            report(
              at(index, 'allowedCidr'),
              'must not open the database to the whole internet (0.0.0.0/0)',
            );
          }
        }
        break;
      }
      case 'redis':
        break;
      case 'bucket': {
        if (c.public && !servedBuckets.has(c.name)) {
          report(
            at(index, 'public'),
            `bucket "${c.name}" is public but no cdn component lists it in origins; public buckets are served only through a cdn`,
          );
        }
        if (
          c.expireDays !== undefined &&
          c.archiveDays !== undefined &&
          c.archiveDays >= c.expireDays
        ) {
          report(
            at(index, 'archiveDays'),
            `(${c.archiveDays}) must be less than expireDays (${c.expireDays}): objects would expire before they are archived`,
          );
        }
        break;
      }
      case 'service': {
        checkService(c, index, preset, ctx.cloud, at, report);
        break;
      }
      case 'vm-group': {
        const min = c.minCount ?? preset?.vmGroup.minCount;
        const max = c.maxCount ?? preset?.vmGroup.maxCount;
        const desired = c.desiredCount ?? min;
        if (min !== undefined && max !== undefined && min > max) {
          report(
            at(index, 'minCount'),
            `(${min}) must not be more than maxCount (${max})`,
          );
        } else if (
          desired !== undefined &&
          min !== undefined &&
          max !== undefined &&
          (desired < min || desired > max)
        ) {
          report(
            at(index, 'desiredCount'),
            `(${desired}) must be between minCount (${min}) and maxCount (${max})`,
          );
        }
        break;
      }
      case 'secrets': {
        c.names.forEach((n, i) => {
          if (c.names.indexOf(n) !== i) {
            report(at(index, 'names', i), `"${n}" is listed twice`);
          }
        });
        break;
      }
      default:
        break;
    }
  }

  if (ctx.cloud) {
    checkSizes(components, ctx.cloud, ctx.region, catalog, at, report);
  }
}

function checkPostgres(
  c: PostgresSpec,
  index: number,
  preset: (typeof tierPresets)[Tier] | undefined,
  tier: Tier | undefined,
  at: (index: number, ...rest: Path) => Path,
  report: (path: Path, message: string) => void,
) {
  const storage = c.storageGb ?? preset?.postgres.storageGb;
  if (
    c.maxStorageGb !== undefined &&
    storage !== undefined &&
    c.maxStorageGb < storage
  ) {
    report(
      at(index, 'maxStorageGb'),
      `(${c.maxStorageGb}) must be at least storageGb (${storage})`,
    );
  }
  const retention =
    c.backupRetentionDays ?? preset?.postgres.backupRetentionDays;
  if (c.pointInTimeRecovery && retention === 0) {
    report(
      at(index, 'pointInTimeRecovery'),
      'needs backups: set backupRetentionDays to 1 or more',
    );
  }
  if ((c.readReplicas ?? 0) > 0 && retention === 0) {
    report(
      at(index, 'readReplicas'),
      'need automated backups: set backupRetentionDays to 1 or more',
    );
  }
  const policy = preset?.policy;
  if (!policy || !tier) return;
  if (policy.requireHighAvailability && c.highAvailability === false) {
    report(
      at(index, 'highAvailability'),
      `${tier} requires highly available databases; set it to true (or remove it)`,
    );
  }
  if (
    c.backupRetentionDays !== undefined &&
    c.backupRetentionDays < policy.minBackupRetentionDays
  ) {
    report(
      at(index, 'backupRetentionDays'),
      `(${c.backupRetentionDays}) is below the ${tier} minimum of ${policy.minBackupRetentionDays} days`,
    );
  }
  if (policy.deletionProtection && c.deletionProtection === false) {
    report(
      at(index, 'deletionProtection'),
      `${tier} requires deletion protection; set it to true (or remove it)`,
    );
  }
}

/** Fargate's valid CPU (vCPU) and memory (MiB) pairs. */
const FARGATE: ReadonlyArray<{
  cpu: number;
  min: number;
  max: number;
  step: number;
}> = [
  { cpu: 0.25, min: 512, max: 2048, step: 512 },
  { cpu: 0.5, min: 1024, max: 4096, step: 1024 },
  { cpu: 1, min: 2048, max: 8192, step: 1024 },
  { cpu: 2, min: 4096, max: 16384, step: 1024 },
  { cpu: 4, min: 8192, max: 30720, step: 1024 },
  { cpu: 8, min: 16384, max: 61440, step: 4096 },
  { cpu: 16, min: 32768, max: 122880, step: 8192 },
];

function checkService(
  c: ServiceSpec,
  index: number,
  preset: (typeof tierPresets)[Tier] | undefined,
  cloud: Cloud | undefined,
  at: (index: number, ...rest: Path) => Path,
  report: (path: Path, message: string) => void,
) {
  const min = c.minCount ?? preset?.service.minCount;
  const max = c.maxCount ?? preset?.service.maxCount;
  if (min !== undefined && max !== undefined && min > max) {
    report(
      at(index, 'minCount'),
      `(${min}) must not be more than maxCount (${max})`,
    );
  }
  if (cloud === 'aws' && (c.cpu !== undefined || c.memoryMb !== undefined)) {
    const cpu = c.cpu ?? preset?.service.cpu;
    const memory = c.memoryMb ?? preset?.service.memoryMb;
    if (cpu === undefined || memory === undefined) return;
    const row = FARGATE.find(r => r.cpu === cpu);
    if (!row) {
      report(
        at(index, 'cpu'),
        `${cpu} is not a Fargate CPU size (${FARGATE.map(r => r.cpu).join(
          ', ',
        )})`,
      );
    } else if (
      memory < row.min ||
      memory > row.max ||
      (memory - row.min) % row.step !== 0
    ) {
      report(
        at(index, 'memoryMb'),
        `${memory} does not fit ${cpu} vCPU on Fargate: use ${row.min} to ${row.max} in steps of ${row.step}`,
      );
    }
  }
}

function checkSizes(
  components: Array<{ index: number; component: ComponentSpec }>,
  cloud: Cloud,
  region: string | undefined,
  catalog: SizeCatalog | undefined,
  at: (index: number, ...rest: Path) => Path,
  report: (path: Path, message: string) => void,
) {
  for (const { index, component: c } of components) {
    let size: string | undefined;
    let fieldName: string;
    if (c.type === 'postgres' || c.type === 'redis') {
      size = c.size;
      fieldName = 'size';
    } else if (c.type === 'vm-group') {
      size = c.instanceType;
      fieldName = 'instanceType';
    } else {
      continue;
    }
    if (size === undefined) continue;
    const type = c.type;
    const { pattern, example } = SIZE_PATTERNS[cloud][type];
    const what = `${cloud} ${
      type === 'vm-group' ? 'instance type' : `${type} size`
    }`;
    if (!pattern.test(size)) {
      report(
        at(index, fieldName),
        `"${size}" is not a known ${what} (sizes look like ${example})`,
      );
      continue;
    }
    if (!catalog || !region) continue;
    if (catalog.covers && !catalog.covers(cloud, type)) continue;
    if (!catalog.isKnownSize(cloud, type, size, region)) {
      const known = catalog.knownSizes?.(cloud, type, region) ?? [];
      report(
        at(index, fieldName),
        `"${size}" is not a known ${what} in ${region}${
          known.length > 0 ? ` (known: ${suggest(size, known).join(', ')})` : ''
        }`,
      );
    }
  }
}

/** Up to eight known sizes, those sharing the family of `size` first. */
function suggest(size: string, known: string[]): string[] {
  const family = size.split('.').slice(0, -1).join('.');
  const same = known.filter(k => family && k.startsWith(`${family}.`));
  const rest = known.filter(k => !same.includes(k));
  return [...same, ...rest].slice(0, 8);
}
