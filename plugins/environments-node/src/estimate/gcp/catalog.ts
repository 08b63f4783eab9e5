/**
 * The Google Cloud price catalog: one data file per region under `prices/gcp/<region>.json`, read
 * and checked once per process. Each price names its Cloud Billing Catalog SKU (id and
 * description), its unit, its source and the date it was retrieved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MissingPriceError, type PricePoint, catalogDir } from '../prices';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const sourceSchema = z.object({
  title: z.string().min(1),
  url: z.string().url(),
  retrieved: isoDate,
  note: z.string().optional(),
  checkedAgainst: z.array(z.string()).optional(),
});

/**
 * A SKU of the Cloud Billing Catalog: `id` like `3E1A-85BB-7956` (null where the sources read
 * offline did not give it; `terrace prices refresh --cloud gcp` fills it) and its description,
 * e.g. `Cloud SQL for PostgreSQL: Zonal - vCPU in Americas`.
 */
const skuSchema = z.object({
  id: z
    .string()
    .regex(
      /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/,
      'expected a SKU id like 3E1A-85BB-7956',
    )
    .nullable(),
  description: z.string().min(1),
});

const priceSchema = z.object({
  unit: z.string().min(1),
  usd: z.number().finite().nonnegative(),
  source: z.string().min(1),
  sku: skuSchema,
});

/** @public The format of one catalog file, `prices/gcp/<region>.json`. */
export const gcpRegionCatalogFileSchema = z
  .object({
    catalogVersion: z.string().min(1),
    cloud: z.literal('gcp'),
    region: z.string().min(1),
    /** The location Google names the region by in SKU descriptions, e.g. `Iowa`. */
    location: z.string().min(1),
    currency: z.literal('USD'),
    sources: z.record(z.string(), sourceSchema),
    prices: z.record(z.string(), priceSchema),
  })
  .superRefine((file, ctx) => {
    for (const [key, price] of Object.entries(file.prices)) {
      if (!file.sources[price.source]) {
        ctx.addIssue({
          code: 'custom',
          path: ['prices', key, 'source'],
          message: `unknown source "${price.source}"`,
        });
      }
    }
  });

/** @public */
export type GcpRegionCatalogFile = z.infer<typeof gcpRegionCatalogFileSchema>;

/** @public A price of the GCP catalog with the SKU it was read from. */
export interface GcpPricePoint extends PricePoint {
  sku: { id: string | null; description: string };
}

/**
 * @public The GCP price catalog, all regions. Prices are keyed by group, e.g.
 * `cloudsql.postgres.zonal.vcpu`, `memorystore.standard.M2`, `atlas.M10` (see prices/gcp/README.md).
 */
export class GcpPriceCatalog {
  private readonly regions: Map<string, GcpRegionCatalogFile>;

  constructor(files: GcpRegionCatalogFile[]) {
    this.regions = new Map(files.map(f => [f.region, f]));
  }

  /** Regions with a catalog file, sorted. */
  regionNames(): string[] {
    return [...this.regions.keys()].sort();
  }

  /** Every group the catalog prices in some region, sorted: what a complete region holds. */
  pricedParts(): string[] {
    return [
      ...new Set(
        [...this.regions.values()].flatMap(f => Object.keys(f.prices)),
      ),
    ].sort();
  }

  /** The groups (see pricedParts) `region`'s file lacks; undefined when it has no file. */
  missingGroups(region: string): string[] | undefined {
    const file = this.regions.get(region);
    if (!file) return undefined;
    return this.pricedParts().filter(g => !(g in file.prices));
  }

  /** Regions whose file holds every group: the regions an estimate can be made for. */
  completeRegionNames(): string[] {
    return this.regionNames().filter(r => this.missingGroups(r)?.length === 0);
  }

  hasRegion(region: string): boolean {
    return this.regions.has(region);
  }

  has(group: string, region: string): boolean {
    return Boolean(this.regions.get(region)?.prices[group]);
  }

  regionFile(region: string): GcpRegionCatalogFile | undefined {
    return this.regions.get(region);
  }

  /** A price; throws MissingPriceError naming the group and region when the catalog has none. */
  price(group: string, region: string): GcpPricePoint {
    const file = this.regions.get(region);
    if (!file) {
      throw new MissingPriceError(
        `no gcp price catalog for region "${region}"`,
      );
    }
    const p = file.prices[group];
    if (!p) {
      throw new MissingPriceError(
        `no ${group} price in ${region} (prices/gcp/${region}.json)`,
      );
    }
    const source = file.sources[p.source];
    return {
      usd: p.usd,
      unit: p.unit,
      source: source.title,
      url: source.url,
      retrieved: source.retrieved,
      sku: p.sku,
    };
  }
}

/** @public Parses and checks one catalog file; the message names the file and the field. */
export function parseGcpRegionCatalogFile(
  text: string,
  fileName: string,
): GcpRegionCatalogFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fileName}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = gcpRegionCatalogFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues
        .map(i => `${fileName}: ${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('\n'),
    );
  }
  if (parsed.data.region !== path.basename(fileName, '.json')) {
    throw new Error(
      `${fileName}: region "${parsed.data.region}" does not match the file name`,
    );
  }
  return parsed.data;
}

/** @public Reads every `<region>.json` of a directory into a catalog. */
export function loadGcpPriceCatalog(dir: string): GcpPriceCatalog {
  const names = fs
    .readdirSync(dir)
    .filter(n => /^[a-z]+-[a-z]+\d+\.json$/.test(n))
    .sort();
  if (names.length === 0) {
    throw new Error(`no gcp price catalog files in ${dir}`);
  }
  return new GcpPriceCatalog(
    names.map(n =>
      parseGcpRegionCatalogFile(fs.readFileSync(path.join(dir, n), 'utf8'), n),
    ),
  );
}

/**
 * Where the GCP catalog files live: `prices/gcp` in this package. `TERRACE_GCP_PRICES_DIR`
 * points elsewhere, e.g. at a refreshed copy.
 */
export function defaultGcpPricesDir(): string {
  return catalogDir('gcp');
}

let gcpCatalog: GcpPriceCatalog | undefined;

/** @public The GCP price catalog, read from disk on first use and kept for the process. */
export function getGcpPriceCatalog(): GcpPriceCatalog {
  if (!gcpCatalog) gcpCatalog = loadGcpPriceCatalog(defaultGcpPricesDir());
  return gcpCatalog;
}
