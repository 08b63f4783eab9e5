import type { UnpricedRegion } from '@terrace/plugin-environments-common';
import { FLAT_QUERIES, SIZED_QUERIES } from '../../prices/aws/mapping';
import type { PriceCatalog } from './catalog';

/** The groups `terrace prices refresh` reads from the AWS Price List Query API, and their offers. */
const REFRESHED = { ...SIZED_QUERIES, ...FLAT_QUERIES };

/**
 * Why the AWS price catalog cannot estimate `region`, and how its prices are added; undefined for
 * a fully priced region. A region without a file: `terrace prices refresh` writes one with the
 * groups the Price List Query API answers (the `SIZED_QUERIES` and `FLAT_QUERIES` of
 * `prices/aws/mapping.ts`), and every other group needs a researched price with its source. A
 * region whose file lacks groups (us-east-2, generated from the Price List snapshot): `terrace
 * prices refresh` adds the missing groups the Price List Query API answers, and the others are
 * added to the file with their source.
 * @public
 */
export function awsUnpricedRegion(
  catalog: PriceCatalog,
  region: string,
): UnpricedRegion | undefined {
  const file = `${region}.json`;
  const missing = catalog.missingGroups(region);
  if (missing) {
    if (missing.length === 0) return undefined;
    const refreshed = missing.filter(g => g in REFRESHED);
    const researched = missing.filter(g => !(g in REFRESHED));
    const byHand = `add ${
      refreshed.length ? `the others (${researched.join(', ')})` : 'them'
    } to its catalog file ${file}, each with its source`;
    return {
      missing,
      remedy: refreshed.length
        ? `\`terrace prices refresh --cloud aws --region ${region}\` (credentials allowed pricing:GetProducts) adds the ones the AWS Price List API answers (${refreshed.join(
            ', ',
          )})${researched.length ? `; ${byHand}` : ''}`
        : byHand,
    };
  }
  const others = catalog.pricedParts().filter(g => !(g in REFRESHED));
  const offers = [
    ...new Set(Object.values(REFRESHED).map(q => q!.serviceCode)),
  ].join(', ');
  return {
    remedy: `\`terrace prices refresh --cloud aws --region ${region}\` (credentials allowed pricing:GetProducts) writes its catalog file ${file} with the prices the AWS Price List API answers (${offers}); the ${
      others.length
    } other price groups (${others.join(
      ', ',
    )}) must then be added to it, each with its source, before it can be estimated`,
  };
}
