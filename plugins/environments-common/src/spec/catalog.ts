import { cloudProfiles } from '../clouds';
import type { SizedComponentType } from '../clouds/types';
import type { Cloud } from '../model/resolved';

export type { SizedComponentType } from '../clouds/types';

/**
 * What validation needs to know of a price catalog. The common package cannot read the
 * catalog files itself (it has no Node imports), so the Node package passes one in.
 * @public
 */
export interface SizeCatalog {
  /** True when the catalog holds a price for this size in this region. */
  isKnownSize(
    cloud: Cloud,
    componentType: SizedComponentType,
    size: string,
    region: string,
  ): boolean;
  /**
   * Whether the catalog has sizes for this cloud and type at all; when it returns false only the
   * size's naming pattern is checked. Absent means the catalog covers every cloud and type.
   */
  covers?(cloud: Cloud, componentType: SizedComponentType): boolean;
  /** The sizes it knows, used to suggest alternatives in the message. */
  knownSizes?(
    cloud: Cloud,
    componentType: SizedComponentType,
    region: string,
  ): string[];
  /** The regions the catalog holds prices for; a region outside them is reported. */
  knownRegions?(cloud: Cloud): string[] | undefined;
}

/**
 * Naming patterns of each cloud's sizes (from its profile), checked even without a catalog so
 * that a size of the wrong cloud or type (`cache.t3.micro` for a database) is caught early.
 * @public
 */
export const SIZE_PATTERNS: Readonly<
  Record<
    Cloud,
    Readonly<Record<SizedComponentType, { pattern: RegExp; example: string }>>
  >
> = {
  aws: cloudProfiles.aws.sizePatterns,
  azure: cloudProfiles.azure.sizePatterns,
  gcp: cloudProfiles.gcp.sizePatterns,
};
