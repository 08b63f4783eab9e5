import type { Cloud } from '../../model/resolved';
import { SIZE_PATTERNS, type SizeCatalog } from '../catalog';
import type { ComponentSpec } from '../components';
import type { Path, Report } from './types';

export function checkSizes(
  components: Array<{ index: number; component: ComponentSpec }>,
  cloud: Cloud,
  region: string | undefined,
  catalog: SizeCatalog | undefined,
  at: (index: number, ...rest: Path) => Path,
  report: Report,
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
    // A region without prices is reported once, at spec.region (the estimate is not available).
    const priced = catalog.knownRegions?.(cloud);
    if (priced && priced.length > 0 && !priced.includes(region)) continue;
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
