/**
 * The price catalog: versioned data files under `prices/<cloud>/<region>.json`, read and checked
 * once per process. Each price resolves to its unit, its source and the date it was retrieved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  MissingPriceError,
  type PricePoint,
  type TieredPrice,
  catalogDir,
} from '../prices';

export { MissingPriceError } from '../prices';
export type { PricePoint, TieredPrice } from '../prices';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const usd = z.number().finite().nonnegative();

const sourceSchema = z.object({
  title: z.string().min(1),
  url: z.string().url(),
  retrieved: isoDate,
  note: z.string().optional(),
  checkedAgainst: z.array(z.string()).optional(),
});

const sizedGroupSchema = z.object({
  unit: z.string().min(1),
  source: z.string().min(1),
  prices: z.record(z.string(), usd),
});

const flatGroupSchema = z.object({
  unit: z.string().min(1),
  source: z.string().min(1),
  price: usd,
});

/**
 * A price by volume tier, as AWS bills monthly volume: `upTo` is the cumulative top of the tier
 * in the group's unit (null: no top, only the last tier); tiers ascend.
 */
const tieredGroupSchema = z
  .object({
    unit: z.string().min(1),
    source: z.string().min(1),
    tiers: z
      .array(z.object({ upTo: z.number().positive().nullable(), price: usd }))
      .min(1),
  })
  .superRefine((g, ctx) => {
    g.tiers.forEach((t, i) => {
      const last = i === g.tiers.length - 1;
      if (last !== (t.upTo === null)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'upTo'],
          message: 'only the last tier has no top (null)',
        });
      }
      const prev = g.tiers[i - 1]?.upTo;
      if (
        t.upTo !== null &&
        prev !== undefined &&
        prev !== null &&
        t.upTo <= prev
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'upTo'],
          message: 'tiers must ascend',
        });
      }
    });
  });

/** @public The format of one catalog file, `prices/aws/<region>.json`. */
export const regionCatalogFileSchema = z
  .object({
    catalogVersion: z.string().min(1),
    cloud: z.literal('aws'),
    region: z.string().min(1),
    location: z.string().min(1),
    currency: z.literal('USD'),
    sources: z.record(z.string(), sourceSchema),
    groups: z.record(
      z.string(),
      z.union([sizedGroupSchema, flatGroupSchema, tieredGroupSchema]),
    ),
  })
  .superRefine((file, ctx) => {
    for (const [key, group] of Object.entries(file.groups)) {
      if (!file.sources[group.source]) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', key, 'source'],
          message: `unknown source "${group.source}"`,
        });
      }
    }
  });

/** @public */
export type RegionCatalogFile = z.infer<typeof regionCatalogFileSchema>;

/** @public Groups priced per size (instance class, node type, Atlas tier). */
export type SizedPriceGroup =
  | 'rds.postgres.singleAz'
  | 'rds.postgres.multiAz'
  | 'elasticache.redis'
  | 'ec2.linux'
  | 'atlas.cluster';

/** @public RDS Extended Support per vCPU-hour, by period of the support calendar. */
export type ExtendedSupportGroup =
  | 'rds.extendedSupport.yr1yr2'
  | 'rds.extendedSupport.yr3';

/** @public Groups with one price per region. */
export type FlatPriceGroup =
  | 'rds.storage.gp3.singleAz'
  | 'rds.storage.gp3.multiAz'
  | 'rds.performanceInsights.freeTier'
  | 'ebs.gp3'
  | 'fargate.vcpu'
  | 'fargate.memory'
  | 'elb.alb.hour'
  | 'elb.alb.lcu'
  | 'vpc.natGateway.hour'
  | 'vpc.natGateway.gb'
  | 'vpc.publicIpv4.hour'
  | 'vpc.interfaceEndpoint.hour'
  | 's3.standard'
  | 's3.glacierFlexible'
  | 'cloudfront.transfer'
  | 'cloudfront.requests'
  | 'ecr.storage'
  | 'secretsManager.secret'
  | 'ssm.parameter.standard'
  | 'cloudwatch.alarm'
  | 'cloudwatch.logs.ingest'
  | 'kms.key';

/**
 * @public Groups priced by monthly volume tier. S3 storage per region; CloudFront transfer per
 * price class in the `global` file (edge rates, not the environment's region).
 */
export type TieredPriceGroup =
  | 's3.standard.tiered'
  | 'cloudfront.transfer.PriceClass_100'
  | 'cloudfront.transfer.PriceClass_200'
  | 'cloudfront.transfer.PriceClass_All';

/** @public The file of prices that do not depend on a region (CloudFront edge rates). */
export const GLOBAL_PRICES = 'global';

/** @public The price catalog of one cloud, all regions. */
export class PriceCatalog {
  private readonly regions: Map<string, RegionCatalogFile>;

  constructor(files: RegionCatalogFile[]) {
    this.regions = new Map(files.map(f => [f.region, f]));
  }

  /** Regions with a catalog file, sorted (the `global` edge file is not a region). */
  regionNames(): string[] {
    return [...this.regions.keys()].filter(r => r !== GLOBAL_PRICES).sort();
  }

  /**
   * Regions whose file prices every part the catalog prices anywhere (Extended Support rates,
   * held only where sourced, aside): the regions an estimate can be made for. A file generated
   * from the Price List snapshot (us-east-2) lacks the services the snapshot has no rows for, so
   * its region is validated and generated like one without prices, and its estimate names each
   * missing price.
   */
  completeRegionNames(): string[] {
    return this.regionNames().filter(r => this.missingGroups(r)?.length === 0);
  }

  /**
   * The parts the catalog prices in some region, sorted: every group a region must hold to be
   * estimated (Extended Support rates, held only where sourced, aside).
   */
  pricedParts(): string[] {
    return [
      ...new Set(
        this.regionNames().flatMap(r =>
          Object.keys(this.regions.get(r)!.groups).filter(
            g => !g.startsWith('rds.extendedSupport.'),
          ),
        ),
      ),
    ].sort();
  }

  /** The parts (see pricedParts) `region`'s file lacks; undefined when it has no file. */
  missingGroups(region: string): string[] | undefined {
    const file = this.regions.get(region);
    if (!file || region === GLOBAL_PRICES) return undefined;
    return this.pricedParts().filter(g => !(g in file.groups));
  }

  /** Whether a region file holds a group (e.g. Extended Support rates sourced for it). */
  hasGroup(region: string, group: string): boolean {
    return Boolean(this.regions.get(region)?.groups[group]);
  }

  /**
   * A tiered price of a region (or of `global`); throws MissingPriceError when it has none.
   */
  tiered(group: TieredPriceGroup, region: string): TieredPrice {
    const file = this.requireRegion(region);
    const g = file.groups[group];
    if (!g || !('tiers' in g)) {
      throw new MissingPriceError(`no ${group} price in ${region}`);
    }
    const source = file.sources[g.source];
    return {
      unit: g.unit,
      tiers: g.tiers,
      source: source.title,
      url: source.url,
      retrieved: source.retrieved,
    };
  }

  hasRegion(region: string): boolean {
    return this.regions.has(region);
  }

  /** The catalog version, e.g. `2026.11.0`; the newest over the regions. */
  version(): string {
    return [...this.regions.values()]
      .map(r => r.catalogVersion)
      .sort()
      .reverse()[0];
  }

  regionFile(region: string): RegionCatalogFile | undefined {
    return this.regions.get(region);
  }

  /** Sizes priced in a sized group for a region (empty when none). */
  sizes(group: SizedPriceGroup, region: string): string[] {
    const g = this.regions.get(region)?.groups[group];
    return g && 'prices' in g ? Object.keys(g.prices) : [];
  }

  hasSize(group: SizedPriceGroup, region: string, size: string): boolean {
    const g = this.regions.get(region)?.groups[group];
    return (
      !!g &&
      'prices' in g &&
      Object.prototype.hasOwnProperty.call(g.prices, size)
    );
  }

  /** A sized price; throws MissingPriceError when the region or size has none. */
  sized(group: SizedPriceGroup, region: string, size: string): PricePoint {
    const file = this.requireRegion(region);
    const g = file.groups[group];
    if (
      !g ||
      !('prices' in g) ||
      !Object.prototype.hasOwnProperty.call(g.prices, size)
    ) {
      throw new MissingPriceError(
        `no ${group} price for "${size}" in ${region}`,
      );
    }
    return this.point(file, g.source, g.unit, g.prices[size]);
  }

  /** A per-region price; throws MissingPriceError when the region has none. */
  flat(
    group: FlatPriceGroup | ExtendedSupportGroup,
    region: string,
  ): PricePoint {
    const file = this.requireRegion(region);
    const g = file.groups[group];
    if (!g || !('price' in g)) {
      throw new MissingPriceError(`no ${group} price in ${region}`);
    }
    return this.point(file, g.source, g.unit, g.price);
  }

  private requireRegion(region: string): RegionCatalogFile {
    const file = this.regions.get(region);
    if (!file) {
      throw new MissingPriceError(`no price catalog for region "${region}"`);
    }
    return file;
  }

  private point(
    file: RegionCatalogFile,
    sourceId: string,
    unit: string,
    value: number,
  ): PricePoint {
    const source = file.sources[sourceId];
    return {
      usd: value,
      unit,
      source: source.title,
      url: source.url,
      retrieved: source.retrieved,
    };
  }
}

/** @public Parses and checks one catalog file; the message names the file and the field. */
export function parseRegionCatalogFile(
  text: string,
  fileName: string,
): RegionCatalogFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fileName}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = regionCatalogFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      i => `${fileName}: ${i.path.join('.') || '(root)'}: ${i.message}`,
    );
    throw new Error(problems.join('\n'));
  }
  const expected = path.basename(fileName, '.json');
  if (parsed.data.region !== expected) {
    throw new Error(
      `${fileName}: region "${parsed.data.region}" does not match the file name`,
    );
  }
  return parsed.data;
}

/** @public Reads every `<region>.json` in a directory into a catalog. */
export function loadPriceCatalog(dir: string): PriceCatalog {
  const names = fs
    .readdirSync(dir)
    .filter(
      n =>
        /^[a-z]{2}(-[a-z]+)+-\d\.json$/.test(n) ||
        n === `${GLOBAL_PRICES}.json`,
    )
    .sort();
  if (names.length === 0) {
    throw new Error(`no price catalog files in ${dir}`);
  }
  return new PriceCatalog(
    names.map(n =>
      parseRegionCatalogFile(fs.readFileSync(path.join(dir, n), 'utf8'), n),
    ),
  );
}

/**
 * Where the AWS catalog files live: `prices/aws` in this package (shipped with it, see `files`
 * in package.json). `TERRACE_AWS_PRICES_DIR` points elsewhere, e.g. at a refreshed copy.
 */
export function defaultAwsPricesDir(): string {
  return catalogDir('aws');
}

let awsCatalog: PriceCatalog | undefined;

/** @public The AWS price catalog, read from disk on first use and kept for the process. */
export function getAwsPriceCatalog(): PriceCatalog {
  if (!awsCatalog) {
    awsCatalog = loadPriceCatalog(defaultAwsPricesDir());
  }
  return awsCatalog;
}
