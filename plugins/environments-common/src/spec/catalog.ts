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
  /** The regions the catalog holds every price for; a region outside them is reported. */
  knownRegions?(cloud: Cloud): string[] | undefined;
  /**
   * For a region outside `knownRegions`: which prices it lacks and how they are added, for the
   * warning at `spec.region`. Absent or undefined: the warning only says it has no prices yet.
   */
  unpricedRegion?(cloud: Cloud, region: string): UnpricedRegion | undefined;
}

/**
 * Why a price catalog cannot estimate a region of its cloud, and what prices it.
 * @public
 */
export interface UnpricedRegion {
  /**
   * The price groups the region's catalog file lacks (e.g. `elasticache.redis`); undefined when
   * the catalog has no file for the region at all.
   */
  missing?: string[];
  /** How the missing prices are added, as one clause (the command or file, and what it covers). */
  remedy: string;
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
