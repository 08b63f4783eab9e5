import type { Cloud } from '../../model/resolved';
import type { SizeCatalog } from '../catalog';
import { show } from '../problems';
import { cloudRegions } from '../regions';
import type { Report } from './types';

export function checkRegion(
  value: unknown,
  cloud: Cloud | undefined,
  catalog: SizeCatalog | undefined,
  report: Report,
  warn: Report = () => {},
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
  // Every region of the cloud can be validated and generated; one the price catalog does not
  // price completely cannot be estimated, which is said here (with what it lacks and how that is
  // added, when the catalog says) rather than refused.
  const priced = catalog?.knownRegions?.(cloud);
  if (priced && priced.length > 0 && !priced.includes(value)) {
    const unpriced = catalog?.unpricedRegion?.(cloud, value);
    const state = unpriced?.missing
      ? `is priced only in part in the ${cloud} price catalog (no prices for ${unpriced.missing.join(
          ', ',
        )})`
      : `has no prices in the ${cloud} price catalog yet`;
    warn(
      path,
      `${show(
        value,
      )} ${state}, so it cannot be estimated (fully priced: ${priced.join(
        ', ',
      )})${unpriced ? `; ${unpriced.remedy}` : ''}`,
    );
  }
  return value;
}
