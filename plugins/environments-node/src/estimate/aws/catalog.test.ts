import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  defaultAwsPricesDir,
  getAwsPriceCatalog,
  loadPriceCatalog,
  MissingPriceError,
  parseRegionCatalogFile,
} from './catalog';

const REQUIRED_REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'ap-northeast-1',
];

describe('the AWS price catalog files', () => {
  const catalog = getAwsPriceCatalog();

  it('covers the required regions, each file checked against the schema', () => {
    expect(catalog.regionNames()).toEqual(
      expect.arrayContaining(REQUIRED_REGIONS),
    );
    expect(catalog.version()).toMatch(/^\d{4}\.\d{2}\.\d+$/);
  });

  it('gives every price a source and a retrieval date', () => {
    for (const region of catalog.regionNames()) {
      const file = catalog.regionFile(region)!;
      for (const [key, group] of Object.entries(file.groups)) {
        const source = file.sources[group.source];
        expect({ region, key, source: !!source }).toEqual({
          region,
          key,
          source: true,
        });
        expect(source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(source.url).toMatch(/^https:\/\//);
      }
    }
  });

  it('prices the same sizes and parts in every region (no region silently lacks one)', () => {
    const reference = catalog.regionFile('us-east-1')!;
    // Extended Support rates are held only where sourced; elsewhere the estimate says it has none.
    const parts = (f: typeof reference) =>
      Object.keys(f.groups)
        .filter(k => !k.startsWith('rds.extendedSupport.'))
        .sort();
    const sizes = (f: typeof reference) =>
      Object.entries(f.groups)
        .filter(([key]) => !key.startsWith('rds.extendedSupport.'))
        .map(([key, g]) => [
          key,
          'prices' in g ? Object.keys(g.prices).sort() : 'flat',
        ]);
    const generated = (region: string) =>
      Object.keys(catalog.regionFile(region)!.sources).every(
        s => s === 'aws-price-list-snapshot',
      );
    const handMade = catalog.regionNames().filter(r => !generated(r));
    expect(
      handMade.map(r => ({ r, parts: parts(catalog.regionFile(r)!) })),
    ).toEqual(handMade.map(r => ({ r, parts: parts(reference) })));
    expect(
      handMade.map(r => ({ r, sizes: sizes(catalog.regionFile(r)!) })),
    ).toEqual(handMade.map(r => ({ r, sizes: sizes(reference) })));
    // A file generated from the Price List snapshot holds only what the snapshot answers for
    // every size (with the reference's sizes), and its source note names each group it leaves out.
    const fromSnapshot = catalog.regionNames().filter(generated);
    expect(fromSnapshot).toEqual(['us-east-2']);
    const referenceSizes = new Map(
      sizes(reference).map(([k, v]) => [k, JSON.stringify(v)]),
    );
    const wrongSizes = fromSnapshot.flatMap(r =>
      sizes(catalog.regionFile(r)!)
        .filter(([k, v]) => referenceSizes.get(k) !== JSON.stringify(v))
        .map(([k]) => `${r} ${k}`),
    );
    expect(wrongSizes).toEqual([]);
    const unnamed = fromSnapshot.flatMap(r => {
      const file = catalog.regionFile(r)!;
      const note = file.sources['aws-price-list-snapshot'].note ?? '';
      return Object.keys(reference.groups)
        .filter(k => !(k in file.groups) && !note.includes(k))
        .map(k => `${r} ${k}`);
    });
    expect(unnamed).toEqual([]);
  });

  it('stores Multi-AZ RDS prices separately, not derived (db.t3.medium us-east-1 is not 2x)', () => {
    const single = catalog.sized(
      'rds.postgres.singleAz',
      'us-east-1',
      'db.t3.medium',
    );
    const multi = catalog.sized(
      'rds.postgres.multiAz',
      'us-east-1',
      'db.t3.medium',
    );
    expect(single.usd).toBe(0.072);
    expect(multi.usd).toBe(0.145);
  });

  it('never falls back to another region: a region or size without a price throws', () => {
    expect(() =>
      catalog.sized('rds.postgres.singleAz', 'sa-east-1', 'db.t3.micro'),
    ).toThrow(new MissingPriceError('no price catalog for region "sa-east-1"'));
    expect(() =>
      catalog.sized('rds.postgres.singleAz', 'us-east-1', 'db.t9.huge'),
    ).toThrow(MissingPriceError);
    expect(catalog.flat('vpc.natGateway.hour', 'ap-southeast-2').usd).not.toBe(
      catalog.flat('vpc.natGateway.hour', 'us-east-1').usd,
    );
  });

  it('is read once per process', () => {
    expect(getAwsPriceCatalog()).toBe(catalog);
  });

  it('resolves each price to its unit, source and date', () => {
    const p = catalog.sized('elasticache.redis', 'eu-west-1', 'cache.t3.micro');
    expect(p).toEqual({
      usd: expect.any(Number),
      unit: 'hours',
      source: expect.stringContaining('ElastiCache'),
      url: expect.stringMatching(/^https:\/\//),
      retrieved: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });
});

describe('catalog file validation', () => {
  const good = () =>
    JSON.parse(
      fs.readFileSync(
        path.join(defaultAwsPricesDir(), 'us-east-1.json'),
        'utf8',
      ),
    );

  it('names the file and the field of a bad entry', () => {
    const doc = good();
    doc.groups['rds.postgres.singleAz'].prices['db.t3.micro'] = -1;
    expect(() =>
      parseRegionCatalogFile(JSON.stringify(doc), 'us-east-1.json'),
    ).toThrow(
      /us-east-1\.json: groups\.rds\.postgres\.singleAz\.prices\.db\.t3\.micro: /,
    );
  });

  it('rejects a group whose source is not declared', () => {
    const doc = good();
    doc.groups['kms.key'].source = 'nowhere';
    expect(() =>
      parseRegionCatalogFile(JSON.stringify(doc), 'us-east-1.json'),
    ).toThrow(
      'us-east-1.json: groups.kms.key.source: unknown source "nowhere"',
    );
  });

  it('rejects a file whose region does not match its name', () => {
    expect(() =>
      parseRegionCatalogFile(JSON.stringify(good()), 'eu-west-1.json'),
    ).toThrow(
      'eu-west-1.json: region "us-east-1" does not match the file name',
    );
  });

  it('rejects a file that is not JSON', () => {
    expect(() => parseRegionCatalogFile('{', 'us-east-1.json')).toThrow(
      /^us-east-1\.json: not valid JSON/,
    );
  });

  it('loads a directory of region files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-prices-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'us-east-1.json'),
        JSON.stringify(good()),
      );
      fs.writeFileSync(path.join(dir, 'README.md'), 'not a catalog file');
      expect(loadPriceCatalog(dir).regionNames()).toEqual(['us-east-1']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
