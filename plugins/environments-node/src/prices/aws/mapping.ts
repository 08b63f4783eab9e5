/**
 * Which Price List products are the catalog's prices: one query and one matcher per catalog
 * group. The matchers are exact about the attributes that change the price (engine, deployment,
 * tenancy, operating system, licence) so a Valkey node, a Windows instance or a readable-standby
 * cluster never stands in for what the generator creates.
 */
import type {
  FlatPriceGroup,
  SizedPriceGroup,
} from '../../estimate/aws/catalog';
import { type PricedProduct, usageTypeName } from './priceList';

/** @public A TERM_MATCH filter of GetProducts. */
export interface ProductFilter {
  field: string;
  value: string;
}

/** @public What to ask GetProducts for, and how to read each product it returns. */
export interface PriceQuery {
  serviceCode: string;
  filters: ProductFilter[];
  /** The Price List unit a matching product must have. */
  unit: string;
  /** For sized groups: the size a product prices (undefined: not ours). */
  sizeOf?: (p: PricedProduct) => string | undefined;
  /** For flat groups: true when the product is the one price of the group. */
  matches?: (p: PricedProduct) => boolean;
  /** Ask once per size (adds an `instanceType` filter); keeps big offers (EC2) small. */
  perSize?: boolean;
}

const attr = (p: PricedProduct, name: string) => p.attributes[name];

function rdsInstance(deployment: 'Single-AZ' | 'Multi-AZ'): PriceQuery {
  return {
    serviceCode: 'AmazonRDS',
    filters: [
      { field: 'productFamily', value: 'Database Instance' },
      { field: 'databaseEngine', value: 'PostgreSQL' },
      { field: 'deploymentOption', value: deployment },
    ],
    unit: 'Hrs',
    sizeOf: p =>
      attr(p, 'databaseEngine') === 'PostgreSQL' &&
      attr(p, 'deploymentOption') === deployment &&
      (attr(p, 'licenseModel') ?? 'No license required') ===
        'No license required'
        ? attr(p, 'instanceType')
        : undefined,
  };
}

function rdsStorage(deployment: 'Single-AZ' | 'Multi-AZ'): PriceQuery {
  return {
    serviceCode: 'AmazonRDS',
    filters: [
      { field: 'productFamily', value: 'Database Storage' },
      { field: 'volumeType', value: 'General Purpose-GP3' },
      { field: 'deploymentOption', value: deployment },
    ],
    unit: 'GB-Mo',
    matches: p =>
      attr(p, 'volumeType') === 'General Purpose-GP3' &&
      attr(p, 'deploymentOption') === deployment &&
      ['Any', 'PostgreSQL', undefined].includes(attr(p, 'databaseEngine')) &&
      !/aurora/i.test(usageTypeName(attr(p, 'usagetype'))),
  };
}

function byUsageType(
  serviceCode: string,
  productFamily: string,
  usageType: string,
  unit: string,
): PriceQuery {
  return {
    serviceCode,
    filters: [{ field: 'productFamily', value: productFamily }],
    unit,
    matches: p => usageTypeName(attr(p, 'usagetype')) === usageType,
  };
}

/** @public The groups `terrace prices refresh` rebuilds; the others keep their recorded source. */
export const SIZED_QUERIES: Partial<Record<SizedPriceGroup, PriceQuery>> = {
  'rds.postgres.singleAz': rdsInstance('Single-AZ'),
  'rds.postgres.multiAz': rdsInstance('Multi-AZ'),
  'elasticache.redis': {
    serviceCode: 'AmazonElastiCache',
    filters: [
      { field: 'productFamily', value: 'Cache Instance' },
      { field: 'cacheEngine', value: 'Redis' },
    ],
    unit: 'Hrs',
    // The generator creates engine "redis"; Valkey nodes are priced at 0.8x and are not ours.
    sizeOf: p =>
      attr(p, 'cacheEngine') === 'Redis' ? attr(p, 'instanceType') : undefined,
  },
  'ec2.linux': {
    serviceCode: 'AmazonEC2',
    filters: [
      { field: 'productFamily', value: 'Compute Instance' },
      { field: 'operatingSystem', value: 'Linux' },
      { field: 'tenancy', value: 'Shared' },
      { field: 'preInstalledSw', value: 'NA' },
      { field: 'capacitystatus', value: 'Used' },
      { field: 'licenseModel', value: 'No License required' },
    ],
    unit: 'Hrs',
    perSize: true,
    sizeOf: p =>
      attr(p, 'operatingSystem') === 'Linux' &&
      attr(p, 'tenancy') === 'Shared' &&
      attr(p, 'preInstalledSw') === 'NA' &&
      attr(p, 'capacitystatus') === 'Used' &&
      /^BoxUsage:/.test(usageTypeName(attr(p, 'usagetype')))
        ? attr(p, 'instanceType')
        : undefined,
  },
};

/** @public */
export const FLAT_QUERIES: Partial<Record<FlatPriceGroup, PriceQuery>> = {
  'rds.storage.gp3.singleAz': rdsStorage('Single-AZ'),
  'rds.storage.gp3.multiAz': rdsStorage('Multi-AZ'),
  'vpc.natGateway.hour': byUsageType(
    'AmazonEC2',
    'NAT Gateway',
    'NatGateway-Hours',
    'Hrs',
  ),
  'vpc.natGateway.gb': byUsageType(
    'AmazonEC2',
    'NAT Gateway',
    'NatGateway-Bytes',
    'GB',
  ),
  'ebs.gp3': byUsageType(
    'AmazonEC2',
    'Storage',
    'EBS:VolumeUsage.gp3',
    'GB-Mo',
  ),
  'elb.alb.hour': byUsageType(
    'AWSELB',
    'Load Balancer-Application',
    'LoadBalancerUsage',
    'Hrs',
  ),
  'elb.alb.lcu': byUsageType(
    'AWSELB',
    'Load Balancer-Application',
    'LCUUsage',
    'LCU-Hrs',
  ),
  'fargate.vcpu': byUsageType(
    'AmazonECS',
    'Compute',
    'Fargate-vCPU-Hours:perCPU',
    'hours',
  ),
  'fargate.memory': byUsageType(
    'AmazonECS',
    'Compute',
    'Fargate-GB-Hours',
    'hours',
  ),
};

/** @public The outcome of reading one group from the products of its query. */
export type GroupReading =
  | { ok: true; prices: Record<string, number> }
  | { ok: true; price: number }
  | { ok: false; reason: string };

function sameUnit(p: PricedProduct, unit: string) {
  return p.unit.toLowerCase() === unit.toLowerCase();
}

/**
 * Reads the prices of a sized group for the wanted sizes. Every wanted size must be found
 * exactly once (or with one price): a missing or ambiguous size fails the group, which then
 * keeps its recorded prices.
 * @public
 */
export function readSizedGroup(
  query: PriceQuery,
  products: PricedProduct[],
  wanted: string[],
): GroupReading {
  const found = new Map<string, Set<number>>();
  for (const p of products) {
    if (!sameUnit(p, query.unit)) continue;
    const size = query.sizeOf?.(p);
    if (!size || !wanted.includes(size)) continue;
    if (!found.has(size)) found.set(size, new Set());
    found.get(size)!.add(p.usd);
  }
  const missing = wanted.filter(s => !found.has(s));
  if (missing.length > 0) {
    return { ok: false, reason: `no price returned for ${missing.join(', ')}` };
  }
  const ambiguous = wanted.filter(s => found.get(s)!.size > 1);
  if (ambiguous.length > 0) {
    return {
      ok: false,
      reason: `more than one price for ${ambiguous
        .map(s => `${s} (${[...found.get(s)!].join(', ')})`)
        .join(', ')}`,
    };
  }
  return {
    ok: true,
    prices: Object.fromEntries(wanted.map(s => [s, [...found.get(s)!][0]])),
  };
}

/** @public Reads the one price of a flat group; none or several distinct prices fail it. */
export function readFlatGroup(
  query: PriceQuery,
  products: PricedProduct[],
): GroupReading {
  const prices = new Set(
    products
      .filter(p => sameUnit(p, query.unit) && query.matches?.(p))
      .map(p => p.usd),
  );
  if (prices.size === 0)
    return { ok: false, reason: 'no matching product returned' };
  if (prices.size > 1) {
    return {
      ok: false,
      reason: `more than one price (${[...prices].join(', ')})`,
    };
  }
  return { ok: true, price: [...prices][0] };
}
