/**
 * Which Retail Prices API prices make each group of the Azure catalog (`prices/azure/<region>.json`):
 * the OData filter per group, how an item of the answer becomes a key (size, SKU, tier) and a
 * price in the catalog's unit. Service, product, SKU and meter names are the API's own; each
 * group's first consumption price wins per key (a later duplicate must agree, else it is an error).
 */
import type { AzureMeter } from '../../estimate/azure/catalog';
import type { RetailPriceItem } from './retailPrices';

/** @public A price read from the API for one catalog key. */
export interface MappedPrice {
  key: string;
  usd: number;
  meter: AzureMeter;
}

/** @public How one catalog group is read from the Retail Prices API. */
export interface GroupQuery {
  /** The catalog unit of the group (`hours`, `GB-months`, `vCPU-seconds` ...). */
  unit: string;
  /** The OData filter, without the region and price type the refresher adds. */
  filter: string;
  /** The key and price of an item; undefined for an item the group does not hold. */
  map(item: RetailPriceItem): MappedPrice | undefined;
  /** A keyed group (`prices`) or one price (`price`, key `price`). */
  keyed: boolean;
  /**
   * Where the API lists the group's meters when not under the region's own `armRegionName`:
   * `Global`, one price for every commercial region (NAT gateway and private endpoint meters;
   * infracost's Azure resources look them up there too, `convertRegion` in
   * internal/resources/azure/nat_gateway.go and private_endpoint.go).
   */
  priceRegion?: 'Global';
}

/** `1 Hour` -> { count: 1, what: 'Hour' }; `10K` -> { count: 10000, what: '' }; `1/Day` -> '/Day'. */
export function parseUnit(uom: string): { count: number; what: string } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KM])?\s*(.*)$/.exec(uom);
  if (!m) return { count: 1, what: uom.trim() };
  const mult =
    ({ K: 1_000, M: 1_000_000 } as Record<string, number>)[m[2]] ?? 1;
  return { count: Number(m[1]) * mult, what: m[3].trim() };
}

/**
 * The price of one catalog unit from an item: `retailPrice` per `unitOfMeasure`, times `per`
 * (the catalog unit's own count, e.g. 10,000 operations), times the factor of its unit word
 * (`Hour` to a per-second price: 1/3600). Undefined when the unit word is not one of `units`.
 */
function perCatalogUnit(
  item: RetailPriceItem,
  units: Record<string, number>,
  per = 1,
): { usd: number; derivation?: string } | undefined {
  const { count, what } = parseUnit(item.unitOfMeasure);
  const factor = units[what];
  if (factor === undefined) return undefined;
  const usd = Number(
    ((item.retailPrice / count) * per * factor).toPrecision(10),
  );
  const steps = [
    count !== per ? `/ ${count} × ${per}` : '',
    factor !== 1 ? `× ${factor === 1 / 3600 ? '1/3600' : factor}` : '',
  ].filter(Boolean);
  return steps.length > 0
    ? { usd, derivation: `retailPrice ${steps.join(' ')}` }
    : { usd };
}

function meterOf(item: RetailPriceItem, derivation?: string): AzureMeter {
  return {
    serviceName: item.serviceName,
    productName: item.productName,
    skuName: item.skuName,
    meterName: item.meterName,
    unitOfMeasure: item.unitOfMeasure,
    ...(derivation ? { derivation } : {}),
  };
}

const HOURS = { Hour: 1, Hours: 1, '/Hour': 1 };
const GB_MONTH = { 'GB/Month': 1, '/GB/Month': 1 };
const GB = { GB: 1 };
const MONTH = { '/Month': 1, Month: 1 };
const OPS = { '': 1 };
/** Skips prices that are not plain pay-as-you-go (Spot, Low Priority, DevTest, Windows). */
function payAsYouGo(item: RetailPriceItem): boolean {
  return (
    item.type === 'Consumption' &&
    !/Spot|Low Priority/i.test(`${item.skuName} ${item.meterName}`)
  );
}

/** `B1MS` -> `Standard_B1ms` (Burstable flexible server compute). */
function burstableSize(sku: string): string | undefined {
  const m = /^B(\d+)([A-Za-z]*)$/.exec(sku.trim());
  return m ? `Standard_B${m[1]}${m[2].toLowerCase()}` : undefined;
}

/**
 * The flexible server size of a per-vCore meter: product `... General Purpose Ddsv5 Series
 * Compute` and SKU `2 vCore` -> `Standard_D2ds_v5` (2 vCores).
 */
function vcoreSize(
  item: RetailPriceItem,
): { size: string; vcores: number } | undefined {
  const family = / ([A-Z])([a-z]*)v(\d+) Series Compute$/.exec(
    item.productName,
  );
  const cores = /^(\d+) vCore$/.exec(item.skuName);
  if (!family || !cores || item.meterName !== 'vCore') return undefined;
  const vcores = Number(cores[1]);
  return {
    size: `Standard_${family[1]}${vcores}${family[2]}_v${family[3]}`,
    vcores,
  };
}

/** Azure Managed Redis product tiers as `azurerm_managed_redis` names them in `sku_name`. */
const REDIS_TIERS: Record<string, string> = {
  Balanced: 'Balanced',
  'Memory Optimized': 'MemoryOptimized',
  'Compute Optimized': 'ComputeOptimized',
  'Flash Optimized': 'FlashOptimized',
};

function flat(
  filter: string,
  unit: string,
  test: (i: RetailPriceItem) => boolean,
  units: Record<string, number>,
  per = 1,
): GroupQuery {
  return {
    unit,
    filter,
    keyed: false,
    map(item) {
      if (!payAsYouGo(item) || !test(item) || item.retailPrice === 0) {
        return undefined;
      }
      const p = perCatalogUnit(item, units, per);
      return (
        p && { key: 'price', usd: p.usd, meter: meterOf(item, p.derivation) }
      );
    },
  };
}

/** A group whose meters the API lists under `armRegionName` `Global` (see `GroupQuery.priceRegion`). */
function global(query: GroupQuery): GroupQuery {
  return { ...query, priceRegion: 'Global' };
}

/** @public The groups of a region file and how each is read. */
export const AZURE_GROUP_QUERIES: Record<string, GroupQuery> = {
  'postgres.compute': {
    unit: 'hours',
    keyed: true,
    filter:
      "serviceName eq 'Azure Database for PostgreSQL' and contains(productName, 'Flexible Server') and contains(productName, 'Compute')",
    map(item) {
      if (!payAsYouGo(item) || / HA$|Zone Redundan/i.test(item.productName)) {
        return undefined;
      }
      const vcore = vcoreSize(item);
      if (vcore) {
        const p = perCatalogUnit(item, HOURS);
        if (!p) return undefined;
        return {
          key: vcore.size,
          usd: Number((p.usd * vcore.vcores).toPrecision(10)),
          meter: meterOf(
            item,
            `per server-hour: retailPrice × ${vcore.vcores} vCores`,
          ),
        };
      }
      if (!/Burstable/.test(item.productName)) return undefined;
      const size = burstableSize(item.skuName);
      const p = size && perCatalogUnit(item, HOURS);
      return p
        ? { key: size!, usd: p.usd, meter: meterOf(item, p.derivation) }
        : undefined;
    },
  },
  'postgres.storage': flat(
    "serviceName eq 'Azure Database for PostgreSQL' and contains(productName, 'Flex') and contains(productName, 'Storage')",
    'GB-months',
    i =>
      i.meterName === 'Storage Data Stored' && !/Backup/i.test(i.productName),
    GB_MONTH,
  ),
  'postgres.backup.grs': flat(
    "serviceName eq 'Azure Database for PostgreSQL' and contains(productName, 'Flex') and contains(productName, 'Backup')",
    'GB-months',
    i =>
      /GRS/.test(`${i.skuName} ${i.meterName}`) && !/RA-GRS/.test(i.meterName),
    GB_MONTH,
  ),
  'redis.managed': {
    unit: 'node-hours',
    keyed: true,
    filter:
      "serviceName eq 'Redis Cache' and contains(productName, 'Azure Managed Redis')",
    map(item) {
      const tier = /Azure Managed Redis - (.+)$/.exec(item.productName)?.[1];
      const name = tier && REDIS_TIERS[tier.trim()];
      if (
        !payAsYouGo(item) ||
        !name ||
        !/Cache Instance$/.test(item.meterName)
      ) {
        return undefined;
      }
      const p = perCatalogUnit(item, HOURS);
      return (
        p && {
          key: `${name}_${item.skuName}`,
          usd: p.usd,
          meter: meterOf(item, p.derivation),
        }
      );
    },
  },
  'vm.linux': {
    unit: 'hours',
    keyed: true,
    filter: "serviceName eq 'Virtual Machines'",
    map(item) {
      if (
        !payAsYouGo(item) ||
        /Windows/.test(item.productName) ||
        !item.armSkuName
      ) {
        return undefined;
      }
      const p = perCatalogUnit(item, HOURS);
      return (
        p && {
          key: item.armSkuName,
          usd: p.usd,
          meter: meterOf(item, p.derivation),
        }
      );
    },
  },
  'storage.blob': {
    unit: 'GB-months',
    keyed: true,
    filter:
      "serviceName eq 'Storage' and productName eq 'General Block Blob v2'",
    map(item) {
      const m =
        /^(Hot|Cool|Cold|Archive) (LRS|ZRS|GRS|GZRS|RA-GRS|RA-GZRS) Data Stored$/.exec(
          item.meterName,
        );
      // The first volume tier (up to 50 TB) only.
      if (!payAsYouGo(item) || !m || item.tierMinimumUnits > 0)
        return undefined;
      const p = perCatalogUnit(item, GB_MONTH);
      return (
        p && {
          key: `${m[1]}_${m[2]}`,
          usd: p.usd,
          meter: meterOf(item, p.derivation),
        }
      );
    },
  },
  'registry.sku': {
    unit: 'days',
    keyed: true,
    filter: "serviceName eq 'Container Registry'",
    map(item) {
      const m = /^(Basic|Standard|Premium) Registry Unit$/.exec(item.meterName);
      if (!payAsYouGo(item) || !m) return undefined;
      const p = perCatalogUnit(item, { '/Day': 1, Day: 1 });
      return p && { key: m[1], usd: p.usd, meter: meterOf(item, p.derivation) };
    },
  },
  'containerApps.vcpu': flat(
    "serviceName eq 'Azure Container Apps'",
    'vCPU-seconds',
    i => i.meterName === 'Standard vCPU Active Usage',
    { Second: 1, Seconds: 1, Hour: 1 / 3600 },
  ),
  'containerApps.memory': flat(
    "serviceName eq 'Azure Container Apps'",
    'GiB-seconds',
    i => i.meterName === 'Standard Memory Active Usage',
    {
      Second: 1,
      Seconds: 1,
      'GiB Second': 1,
      Hour: 1 / 3600,
      'GiB Hour': 1 / 3600,
    },
  ),
  'loadBalancer.hour': flat(
    "serviceName eq 'Load Balancer'",
    'hours',
    i => /Included LB Rules/.test(i.meterName),
    HOURS,
  ),
  'publicIp.hour': flat(
    "serviceName eq 'Virtual Network' and productName eq 'IP Addresses'",
    'hours',
    i => i.skuName === 'Standard' && i.meterName === 'Static Public IP',
    HOURS,
  ),
  'nat.hour': global(
    flat(
      "serviceName eq 'NAT Gateway'",
      'hours',
      i => i.meterName === 'Standard Gateway',
      HOURS,
    ),
  ),
  'nat.gb': global(
    flat(
      "serviceName eq 'NAT Gateway'",
      'GB',
      i => i.meterName === 'Standard Data Processed',
      GB,
    ),
  ),
  'privateEndpoint.hour': global(
    flat(
      "serviceName eq 'Virtual Network' and productName eq 'Virtual Network Private Link'",
      'hours',
      i => i.meterName === 'Standard Private Endpoint',
      HOURS,
    ),
  ),
  'keyVault.operations': flat(
    "serviceName eq 'Key Vault'",
    '10K operations',
    i => i.skuName === 'Standard' && i.meterName === 'Operations',
    OPS,
    10_000,
  ),
  'logAnalytics.ingest': flat(
    "serviceName eq 'Log Analytics'",
    'GB',
    i => i.meterName === 'Analytics Logs Data Ingestion',
    GB,
  ),
  'monitor.metricAlert': flat(
    "serviceName eq 'Azure Monitor'",
    'alert rule-months',
    i => i.meterName === 'Alerts Metric Monitored',
    { ...MONTH, '': 1 },
  ),
};
