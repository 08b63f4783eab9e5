import type { Cloud, Tier } from '../../model/resolved';
import { cloudProfiles } from '../../clouds';
import type { SizeCatalog } from '../catalog';
import type { ComponentSpec, PostgresSpec, ServiceSpec } from '../components';
import { parseCidr } from '../network';
import { tierPresets } from '../tiers';
import { checkSizes } from './sizes';
import { isRecord, type Path, type Report } from './types';

/** Name and type of every component that has them, valid or not, for reference checks. */
export function declaredComponents(value: unknown): Map<string, string> {
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

export function checkComponents(
  components: Array<{ index: number; component: ComponentSpec }>,
  declared: Map<string, string>,
  ctx: { cloud?: Cloud; tier?: Tier; region?: string },
  catalog: SizeCatalog | undefined,
  report: Report,
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
  report: Report,
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

function checkService(
  c: ServiceSpec,
  index: number,
  preset: (typeof tierPresets)[Tier] | undefined,
  cloud: Cloud | undefined,
  at: (index: number, ...rest: Path) => Path,
  report: Report,
) {
  const min = c.minCount ?? preset?.service.minCount;
  const max = c.maxCount ?? preset?.service.maxCount;
  if (min !== undefined && max !== undefined && min > max) {
    report(
      at(index, 'minCount'),
      `(${min}) must not be more than maxCount (${max})`,
    );
  }
  const checkSize = cloud ? cloudProfiles[cloud].checkContainerSize : undefined;
  if (checkSize && (c.cpu !== undefined || c.memoryMb !== undefined)) {
    const cpu = c.cpu ?? preset?.service.cpu;
    const memory = c.memoryMb ?? preset?.service.memoryMb;
    if (cpu === undefined || memory === undefined) return;
    const problem = checkSize(cpu, memory);
    if (problem) report(at(index, problem.field), problem.message);
  }
}
