/**
 * The Azure price catalog: versioned data files under `prices/azure/<region>.json` (one per Azure
 * region, in its ARM name), `prices/azure/global.json` (Front Door, priced by zone, not region)
 * and `prices/azure/atlas.json` (MongoDB Atlas on Azure, Atlas's own table). Every Azure price
 * carries its Retail Prices API meter (serviceName / productName / skuName / meterName and the
 * API's unitOfMeasure), so `terrace prices refresh --cloud azure` can re-derive it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MissingPriceError, type PricePoint, catalogDir } from '../prices';

export { MissingPriceError } from '../prices';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const usd = z.number().finite().nonnegative();

/** @public The Retail Prices API fields that name a price (its meter), as the API spells them. */
export const azureMeterSchema = z.object({
  serviceName: z.string().min(1),
  productName: z.string().min(1),
  skuName: z.string().min(1),
  meterName: z.string().min(1),
  /** The API's `unitOfMeasure` of the meter (`1 Hour`, `1 GB/Month`, `10K`, `1/Day`). */
  unitOfMeasure: z.string().min(1),
  /**
   * How the catalog's price follows from the meter's `retailPrice`, when not 1:1 (e.g. `× 2
   * vCores` for a per-vCore meter, `÷ 3600` for a per-hour meter stored per second).
   */
  derivation: z.string().optional(),
});

/** @public */
export type AzureMeter = z.infer<typeof azureMeterSchema>;

const pricedItemSchema = z.object({
  usd,
  meter: azureMeterSchema,
  /** The item's own source, when it is not the group's. */
  source: z.string().min(1).optional(),
});

const sourceSchema = z.object({
  title: z.string().min(1),
  url: z.string().url(),
  retrieved: isoDate,
  /**
   * `recorded`: the price was read from Retail Prices API answers (live, or a dump generated from
   * them); `documented`: from a published document (pricing page, a tool's test output).
   */
  kind: z.enum(['recorded', 'documented']),
  note: z.string().optional(),
  checkedAgainst: z.array(z.string()).optional(),
});

const groupSchema = z
  .object({
    unit: z.string().min(1),
    source: z.string().min(1),
    /** One price for the whole group (`nat.hour`). */
    price: pricedItemSchema.optional(),
    /** A price per size, SKU, tier or zone (`postgres.compute`: `Standard_B1ms`). */
    prices: z.record(z.string(), pricedItemSchema).optional(),
  })
  .refine(g => (g.price === undefined) !== (g.prices === undefined), {
    message: 'a group has either `price` or `prices`',
  });

/** @public The format of `prices/azure/<region>.json` and `prices/azure/global.json`. */
export const azureCatalogFileSchema = z
  .object({
    catalogVersion: z.string().min(1),
    cloud: z.literal('azure'),
    /** ARM region name (`westeurope`), or `global`. */
    region: z.string().min(1),
    /** The Retail Prices API's `location` (`EU West`), or `global`. */
    location: z.string().min(1),
    currency: z.literal('USD'),
    /** The Front Door (and bandwidth) zone of the region: `Zone 1` (North America, Europe) ... */
    frontDoorZone: z.string().optional(),
    sources: z.record(z.string(), sourceSchema),
    groups: z.record(z.string(), groupSchema),
  })
  .superRefine((file, ctx) => {
    for (const [key, group] of Object.entries(file.groups)) {
      const refs: Array<[Array<string>, string]> = [[[], group.source]];
      for (const [item, p] of Object.entries(group.prices ?? {})) {
        if (p.source) refs.push([['prices', item], p.source]);
      }
      for (const [at, source] of refs) {
        if (!file.sources[source]) {
          ctx.addIssue({
            code: 'custom',
            path: ['groups', key, ...at, 'source'],
            message: `unknown source "${source}"`,
          });
        }
      }
    }
  });

/** @public */
export type AzureCatalogFile = z.infer<typeof azureCatalogFileSchema>;

/** @public The format of `prices/azure/atlas.json`: MongoDB Atlas on Azure, by Atlas region and tier. */
export const atlasAzureTableSchema = z.object({
  source: sourceSchema.omit({ kind: true }),
  unit: z.string().min(1),
  /** Atlas region name (`EUROPE_WEST`) to tier (`M10`) to USD per cluster-hour (3-node replica set). */
  regions: z.record(z.string(), z.record(z.string(), usd)),
});

/** @public */
export type AtlasAzureTable = z.infer<typeof atlasAzureTableSchema>;

/** @public Groups with a price per key (size, SKU, storage tier and redundancy, zone). */
export type AzureSizedGroup =
  | 'postgres.compute'
  | 'redis.managed'
  | 'vm.linux'
  | 'storage.blob'
  | 'registry.sku'
  | 'frontDoor.egress'
  | 'frontDoor.requests';

/** @public Groups with one price. */
export type AzureFlatGroup =
  | 'postgres.storage'
  | 'postgres.backup.grs'
  | 'containerApps.vcpu'
  | 'containerApps.memory'
  | 'loadBalancer.hour'
  | 'publicIp.hour'
  | 'nat.hour'
  | 'nat.gb'
  | 'privateEndpoint.hour'
  | 'keyVault.operations'
  | 'logAnalytics.ingest'
  | 'monitor.metricAlert'
  | 'frontDoor.base';

/**
 * Keys every region needs in a keyed group, whatever the spec: the blob redundancy and registry
 * SKU the emitter picks per tier (ZRS and Standard below prod, GZRS and Premium in prod).
 */
const REQUIRED_KEYS: Partial<Record<AzureSizedGroup, string[]>> = {
  'storage.blob': ['Hot_ZRS', 'Hot_GZRS'],
  'registry.sku': ['Standard', 'Premium'],
};

/**
 * @public The groups of a region file: everything the pricer reads per region (Front Door is
 * priced by zone, in `global.json`). `terrace prices refresh --cloud azure` reads each of them.
 */
export const AZURE_REGION_GROUPS: ReadonlyArray<
  Exclude<AzureSizedGroup | AzureFlatGroup, `frontDoor.${string}`>
> = [
  'postgres.compute',
  'postgres.storage',
  'postgres.backup.grs',
  'redis.managed',
  'vm.linux',
  'storage.blob',
  'registry.sku',
  'containerApps.vcpu',
  'containerApps.memory',
  'loadBalancer.hour',
  'publicIp.hour',
  'nat.hour',
  'nat.gb',
  'privateEndpoint.hour',
  'keyVault.operations',
  'logAnalytics.ingest',
  'monitor.metricAlert',
];

/** @public The file of prices that do not depend on a region (Front Door, priced by zone). */
export const AZURE_GLOBAL = 'global';

/** @public The Azure price catalog: every region file, the global file and the Atlas table. */
export class AzurePriceCatalog {
  private readonly regions: Map<string, AzureCatalogFile>;

  constructor(files: AzureCatalogFile[], readonly atlas: AtlasAzureTable) {
    this.regions = new Map(files.map(f => [f.region, f]));
  }

  /** Regions with a catalog file, sorted (`global` is not a region). */
  regionNames(): string[] {
    return [...this.regions.keys()].filter(r => r !== AZURE_GLOBAL).sort();
  }

  hasRegion(region: string): boolean {
    return region !== AZURE_GLOBAL && this.regions.has(region);
  }

  regionFile(region: string): AzureCatalogFile | undefined {
    return this.regions.get(region);
  }

  /** The parts every region file must price to be estimated (`AZURE_REGION_GROUPS`), sorted. */
  pricedParts(): string[] {
    return [...AZURE_REGION_GROUPS].sort();
  }

  /** The parts (see pricedParts) `region`'s file lacks; undefined when it has no file. */
  missingGroups(region: string): string[] | undefined {
    const file = this.hasRegion(region) ? this.regions.get(region) : undefined;
    if (!file) return undefined;
    const missing = this.pricedParts().filter(g => !(g in file.groups));
    for (const [group, keys] of Object.entries(REQUIRED_KEYS)) {
      if (!(group in file.groups)) continue;
      for (const key of keys) {
        if (!this.hasKey(group as AzureSizedGroup, region, key)) {
          missing.push(`${group} ${key}`);
        }
      }
    }
    if (!file.frontDoorZone) missing.push('frontDoorZone');
    return missing;
  }

  /** Regions whose file holds every part: those an estimate can be made for. */
  completeRegionNames(): string[] {
    return this.regionNames().filter(r => this.missingGroups(r)?.length === 0);
  }

  hasGroup(region: string, group: string): boolean {
    return Boolean(this.regions.get(region)?.groups[group]);
  }

  /** The keys (sizes, SKUs) priced in a keyed group of a region; empty when none. */
  keys(group: AzureSizedGroup, region: string): string[] {
    return Object.keys(this.regions.get(region)?.groups[group]?.prices ?? {});
  }

  hasKey(group: AzureSizedGroup, region: string, key: string): boolean {
    const prices = this.regions.get(region)?.groups[group]?.prices;
    return !!prices && Object.prototype.hasOwnProperty.call(prices, key);
  }

  /** The Front Door zone of a region, or MissingPriceError. */
  frontDoorZone(region: string): string {
    const zone = this.requireRegion(region).frontDoorZone;
    if (!zone) {
      throw new MissingPriceError(`no Front Door zone recorded for ${region}`);
    }
    return zone;
  }

  /** A keyed price; throws MissingPriceError naming the group, key and region. */
  sized(group: AzureSizedGroup, region: string, key: string): AzurePricePoint {
    const file = this.requireRegion(region);
    const g = file.groups[group];
    const item = g?.prices?.[key];
    if (!g || !item || !Object.prototype.hasOwnProperty.call(g.prices, key)) {
      throw new MissingPriceError(
        `no ${group} price for "${key}" in ${region}${this.remedy(region)}`,
      );
    }
    return this.point(file, g.source, g.unit, item);
  }

  /** A one-price group; throws MissingPriceError naming the group and region. */
  flat(group: AzureFlatGroup, region: string): AzurePricePoint {
    const file = this.requireRegion(region);
    const g = file.groups[group];
    if (!g?.price) {
      throw new MissingPriceError(
        `no ${group} price in ${region}${this.remedy(region)}`,
      );
    }
    return this.point(file, g.source, g.unit, g.price);
  }

  /** The Atlas on Azure price of a tier in an Atlas region, per cluster-hour. */
  atlasCluster(atlasRegion: string, tier: string): PricePoint {
    const usdPerHour = this.atlas.regions[atlasRegion]?.[tier];
    if (usdPerHour === undefined) {
      throw new MissingPriceError(
        `no MongoDB Atlas on Azure price for ${tier} in ${atlasRegion} (prices/azure/atlas.json holds ${
          Object.keys(this.atlas.regions).length === 0
            ? 'no rows yet'
            : `rows for ${Object.keys(this.atlas.regions).join(', ')}`
        }; add the hourly price the Atlas UI's cost estimate shows, with its date)`,
      );
    }
    return {
      usd: usdPerHour,
      unit: this.atlas.unit,
      source: this.atlas.source.title,
      url: this.atlas.source.url,
      retrieved: this.atlas.source.retrieved,
    };
  }

  /** The catalog version, the newest over the files. */
  version(): string {
    return [...this.regions.values()]
      .map(r => r.catalogVersion)
      .sort()
      .reverse()[0];
  }

  private remedy(region: string): string {
    return region === AZURE_GLOBAL
      ? ''
      : ` (\`terrace prices refresh --cloud azure --region ${region}\` reads it from the Azure Retail Prices API)`;
  }

  private requireRegion(region: string): AzureCatalogFile {
    const file = this.regions.get(region);
    if (!file) {
      throw new MissingPriceError(
        `no Azure price catalog for region "${region}"`,
      );
    }
    return file;
  }

  private point(
    file: AzureCatalogFile,
    sourceId: string,
    unit: string,
    item: { usd: number; meter: AzureMeter; source?: string },
  ): AzurePricePoint {
    const source = file.sources[item.source ?? sourceId];
    return {
      usd: item.usd,
      unit,
      source: source.title,
      url: source.url,
      retrieved: source.retrieved,
      meter: item.meter,
    };
  }
}

/** @public A price of the Azure catalog, with the Retail Prices API meter it comes from. */
export interface AzurePricePoint extends PricePoint {
  meter: AzureMeter;
}

/** Parses one JSON file with a zod schema; the message names the file and the field. */
function parseWith<T>(schema: z.ZodType<T>, text: string, fileName: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fileName}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues
        .map(i => `${fileName}: ${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('\n'),
    );
  }
  return parsed.data;
}

/** @public Parses and checks one Azure catalog file; the message names the file and the field. */
export function parseAzureCatalogFile(
  text: string,
  fileName: string,
): AzureCatalogFile {
  const file = parseWith(azureCatalogFileSchema, text, fileName);
  const expected = path.basename(fileName, '.json');
  if (file.region !== expected) {
    throw new Error(
      `${fileName}: region "${file.region}" does not match the file name`,
    );
  }
  return file;
}

/** @public Reads `<region>.json`, `global.json` and `atlas.json` of a directory into a catalog. */
export function loadAzurePriceCatalog(dir: string): AzurePriceCatalog {
  const names = fs
    .readdirSync(dir)
    .filter(n => /^[a-z0-9]+\.json$/.test(n) && n !== 'atlas.json')
    .sort();
  if (names.length === 0) {
    throw new Error(`no Azure price catalog files in ${dir}`);
  }
  const atlasFile = path.join(dir, 'atlas.json');
  const atlas = fs.existsSync(atlasFile)
    ? parseWith(
        atlasAzureTableSchema,
        fs.readFileSync(atlasFile, 'utf8'),
        'atlas.json',
      )
    : {
        source: {
          title: 'no Atlas table',
          url: 'https://www.mongodb.com/pricing',
          retrieved: '1970-01-01',
        },
        unit: 'cluster-hours',
        regions: {},
      };
  return new AzurePriceCatalog(
    names.map(n =>
      parseAzureCatalogFile(fs.readFileSync(path.join(dir, n), 'utf8'), n),
    ),
    atlas,
  );
}

/**
 * Where the Azure catalog files live: `prices/azure` in this package (shipped with it).
 * `TERRACE_AZURE_PRICES_DIR` points elsewhere, e.g. at a refreshed copy.
 * @public
 */
export function defaultAzurePricesDir(): string {
  return catalogDir('azure');
}

let azureCatalog: AzurePriceCatalog | undefined;

/** @public The Azure price catalog, read from disk on first use and kept for the process. */
export function getAzurePriceCatalog(): AzurePriceCatalog {
  if (!azureCatalog) {
    azureCatalog = loadAzurePriceCatalog(defaultAzurePricesDir());
  }
  return azureCatalog;
}
