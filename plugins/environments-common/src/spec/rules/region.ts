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
  // Every region of the cloud can be validated and generated; one the price catalog holds no
  // prices for cannot be estimated, which is said here rather than refused.
  const priced = catalog?.knownRegions?.(cloud);
  if (priced && priced.length > 0 && !priced.includes(value)) {
    warn(
      path,
      `${show(
        value,
      )} has no prices in the ${cloud} price catalog yet, so it cannot be estimated (priced: ${priced.join(
        ', ',
      )}); build its file with \`terrace prices refresh --cloud ${cloud} --region ${value}\``,
    );
  }
  return value;
}
