import type { Cloud } from '../model/resolved';

/** @public Component types whose `size`/`instanceType` is a cloud size checked against a catalog. */
export type SizedComponentType = 'postgres' | 'redis' | 'vm-group';

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
 * Naming patterns of each cloud's sizes, checked even without a catalog so that a size of the
 * wrong cloud or type (`cache.t3.micro` for a database) is caught early.
 */
export const SIZE_PATTERNS: Readonly<
  Record<
    Cloud,
    Record<SizedComponentType, { pattern: RegExp; example: string }>
  >
> = {
  aws: {
    postgres: { pattern: /^db\.[a-z0-9]+\.[a-z0-9]+$/, example: 'db.t3.micro' },
    redis: {
      pattern: /^cache\.[a-z0-9]+\.[a-z0-9]+$/,
      example: 'cache.t3.micro',
    },
    'vm-group': {
      pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
      example: 't3.small',
    },
  },
  azure: {
    postgres: { pattern: /^Standard_[A-Za-z0-9_]+$/, example: 'Standard_B1ms' },
    redis: { pattern: /^[CP]\d$/, example: 'C1' },
    'vm-group': {
      pattern: /^Standard_[A-Za-z0-9_]+$/,
      example: 'Standard_B2s',
    },
  },
  gcp: {
    postgres: { pattern: /^db-[a-z0-9-]+$/, example: 'db-custom-2-7680' },
    redis: { pattern: /^(basic|standard)-\d+gb$/, example: 'basic-1gb' },
    'vm-group': { pattern: /^[a-z][a-z0-9]*-[a-z0-9-]+$/, example: 'e2-small' },
  },
};
