import type {
  SizeCatalog,
  SizedComponentType,
  UnpricedRegion,
} from '@terrace/plugin-environments-common';
import { getGcpPriceCatalog, type GcpPriceCatalog } from './catalog';
import {
  cloudSqlTier,
  gceMachineType,
  memorystoreCapacityTier,
  memorystoreGb,
} from './price';

/** Cloud SQL tiers offered in the form's list (any valid `db-custom-*` is accepted too). */
const LISTED_SQL_TIERS = [
  'db-f1-micro',
  'db-g1-small',
  'db-custom-1-3840',
  'db-custom-2-7680',
  'db-custom-4-15360',
  'db-custom-8-30720',
  'db-custom-16-61440',
];
/** Memorystore sizes offered in the form's list (1 to 300 GB are accepted). */
const LISTED_REDIS_GB = [1, 2, 5, 10, 16, 32, 64, 100];

/**
 * Whether the catalog prices a Cloud SQL tier in `region`, both ZONAL and REGIONAL (high
 * availability can be switched on later).
 */
function isPricedSqlTier(c: GcpPriceCatalog, region: string, size: string) {
  const tier = cloudSqlTier(size);
  if (!tier) return false;
  const parts = tier.kind === 'shared' ? [tier.group] : ['vcpu', 'ram'];
  return ['zonal', 'regional'].every(d =>
    parts.every(p => c.has(`cloudsql.postgres.${d}.${p}`, region)),
  );
}

/** Whether the catalog prices a Memorystore size in `region`, Basic and Standard (replicas may make it Standard). */
function isPricedRedisSize(c: GcpPriceCatalog, region: string, size: string) {
  const m = /^(basic|standard)-(\d+)gb$/.exec(size);
  if (!m) return false;
  const gb = Number(m[2]);
  if (gb < 1 || gb > 300) return false;
  const band = memorystoreCapacityTier(memorystoreGb(size));
  return (
    c.has(`memorystore.standard.${band}`, region) &&
    (m[1] === 'standard' || c.has(`memorystore.basic.${band}`, region))
  );
}

/** Machine types offered in the form's list (other valid E2/N2 names are accepted too). */
const LISTED_MACHINE_TYPES = [
  'e2-micro',
  'e2-small',
  'e2-medium',
  'e2-standard-2',
  'e2-standard-4',
  'n2-standard-2',
  'n2-standard-4',
  'n2-standard-8',
];

/** Whether the catalog prices a machine type's vCPUs and memory in `region`. */
function isPricedMachineType(c: GcpPriceCatalog, region: string, type: string) {
  const m = gceMachineType(type);
  return (
    !!m &&
    c.has(`gce.${m.family}.core`, region) &&
    c.has(`gce.${m.family}.ram`, region)
  );
}

/**
 * Why the GCP catalog cannot estimate `region` and how its prices are added; undefined for a
 * fully priced region.
 */
export function gcpUnpricedRegion(
  c: GcpPriceCatalog,
  region: string,
): UnpricedRegion | undefined {
  const missing = c.missingGroups(region);
  const refresh = `\`terrace prices refresh --cloud gcp --region ${region}\` (a Cloud Billing Catalog API key in TERRACE_GCP_BILLING_API_KEY) reads them`;
  if (!missing) {
    return {
      remedy: `${refresh} into a new catalog file prices/gcp/${region}.json; MongoDB Atlas rates are added by hand with their source`,
    };
  }
  if (missing.length === 0) return undefined;
  return {
    missing,
    remedy: `${refresh}, or add them to prices/gcp/${region}.json, each with its SKU and source`,
  };
}

/**
 * A SizeCatalog backed by the GCP price catalog, for spec validation and the form: a Cloud SQL
 * tier, Memorystore size or machine type is known in a region only when the catalog prices it there; the
 * regions are the fully priced ones. A vm-group's machine type is known where its family's vCPU
 * and memory rates are priced (E2 and N2).
 * @public
 */
export function createGcpSizeCatalog(
  catalog: () => GcpPriceCatalog = getGcpPriceCatalog,
): SizeCatalog {
  const covered: SizedComponentType[] = ['postgres', 'redis', 'vm-group'];
  return {
    covers(cloud, type) {
      return cloud === 'gcp' && covered.includes(type);
    },
    isKnownSize(cloud, type, size, region) {
      if (cloud !== 'gcp') return false;
      if (type === 'postgres') return isPricedSqlTier(catalog(), region, size);
      if (type === 'redis') return isPricedRedisSize(catalog(), region, size);
      return isPricedMachineType(catalog(), region, size);
    },
    knownSizes(cloud, type, region) {
      if (cloud !== 'gcp') return [];
      if (type === 'postgres') {
        return LISTED_SQL_TIERS.filter(s =>
          isPricedSqlTier(catalog(), region, s),
        );
      }
      if (type === 'redis') {
        return ['basic', 'standard']
          .flatMap(t => LISTED_REDIS_GB.map(gb => `${t}-${gb}gb`))
          .filter(s => isPricedRedisSize(catalog(), region, s));
      }
      return LISTED_MACHINE_TYPES.filter(s =>
        isPricedMachineType(catalog(), region, s),
      );
    },
    knownRegions(cloud) {
      return cloud === 'gcp' ? catalog().completeRegionNames() : undefined;
    },
    unpricedRegion(cloud, region) {
      return cloud === 'gcp' ? gcpUnpricedRegion(catalog(), region) : undefined;
    },
  };
}
