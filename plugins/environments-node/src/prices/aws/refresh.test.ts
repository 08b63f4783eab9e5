import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  defaultAwsPricesDir,
  parseRegionCatalogFile,
} from '../../estimate/aws/catalog';
import { PRICE_LIST_API_SOURCE, refreshRegion } from './refresh';
import { recordedSource } from './__testUtils__/recordedSource';

describe('refreshRegion', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terrace-refresh-'));
    for (const f of ['us-east-1.json', 'ap-southeast-2.json']) {
      fs.copyFileSync(path.join(defaultAwsPricesDir(), f), path.join(dir, f));
    }
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function trimSizes(region: string, group: string, sizes: string[]) {
    const file = path.join(dir, `${region}.json`);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.groups[group].prices = Object.fromEntries(
      sizes.map(s => [s, doc.groups[group].prices[s]]),
    );
    fs.writeFileSync(file, JSON.stringify(doc));
  }

  it('rebuilds the groups the API answers completely, records the API as their source, keeps the rest', async () => {
    trimSizes('us-east-1', 'elasticache.redis', [
      'cache.t3.micro',
      'cache.t4g.micro',
    ]);
    trimSizes('us-east-1', 'ec2.linux', ['t3.micro', 'm5.large']);
    const result = await refreshRegion({
      region: 'us-east-1',
      dir,
      source: recordedSource(),
      today: '2026-12-01',
    });
    expect(result.updated).toEqual(
      expect.arrayContaining([
        'elasticache.redis',
        'ec2.linux',
        'rds.storage.gp3.singleAz',
        'vpc.natGateway.hour',
        'elb.alb.lcu',
        'fargate.memory',
        'ebs.gp3',
      ]),
    );
    // The recorded answer has only two PostgreSQL classes: the group keeps its prices.
    expect(result.kept).toEqual(
      expect.arrayContaining([
        {
          group: 'rds.postgres.singleAz',
          reason: expect.stringMatching(
            /^no price returned for db\.t3\.small, /,
          ),
        },
      ]),
    );
    const file = parseRegionCatalogFile(
      fs.readFileSync(path.join(dir, 'us-east-1.json'), 'utf8'),
      'us-east-1.json',
    );
    expect(file.catalogVersion).toBe('2026.12.01');
    expect(file.sources[PRICE_LIST_API_SOURCE].retrieved).toBe('2026-12-01');
    expect(file.groups['ec2.linux']).toEqual({
      unit: 'hours',
      source: PRICE_LIST_API_SOURCE,
      prices: { 't3.micro': 0.0104, 'm5.large': 0.096 },
    });
    expect(file.groups['rds.postgres.singleAz'].source).toBe(
      'aws-rds-postgresql',
    );
    expect(file.groups['cloudfront.requests'].source).toBe('aws-cloudfront');
    expect(result.changed).toEqual([]);
  });

  it("reads each region's own prices (Sydney NAT gateway)", async () => {
    const result = await refreshRegion({
      region: 'ap-southeast-2',
      dir,
      source: recordedSource(),
      today: '2026-12-01',
    });
    expect(result.updated).toContain('vpc.natGateway.hour');
    // Nothing recorded for Sydney's load balancers: kept, never filled from us-east-1.
    expect(result.kept.map(k => k.group)).toContain('elb.alb.hour');
    const file = JSON.parse(
      fs.readFileSync(path.join(dir, 'ap-southeast-2.json'), 'utf8'),
    );
    expect(file.groups['vpc.natGateway.hour'].price).toBe(0.059);
    expect(file.groups['elb.alb.hour'].price).toBe(0.0252);
  });

  it('reports each price that changed, old and new', async () => {
    const file = path.join(dir, 'us-east-1.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.groups['vpc.natGateway.hour'].price = 0.05;
    fs.writeFileSync(file, JSON.stringify(doc));
    const result = await refreshRegion({
      region: 'us-east-1',
      dir,
      source: recordedSource(),
      today: '2026-12-01',
    });
    expect(result.changed).toEqual([
      { group: 'vpc.natGateway.hour', from: 0.05, to: 0.045 },
    ]);
  });

  it('writes no new region file when the API answers nothing for it', async () => {
    await expect(
      refreshRegion({
        region: 'sa-east-1',
        dir,
        source: recordedSource(),
        today: '2026-12-01',
      }),
    ).rejects.toThrow(
      'the Price List answered no complete group for sa-east-1 (does the region run these services?); nothing written',
    );
    expect(fs.existsSync(path.join(dir, 'sa-east-1.json'))).toBe(false);
  });

  it('builds a new region file from the API alone: what it answers completely, nothing borrowed', async () => {
    fs.rmSync(path.join(dir, 'us-east-1.json'));
    const result = await refreshRegion({
      region: 'us-east-1',
      dir,
      source: recordedSource(),
      today: '2026-12-01',
    });
    const file = parseRegionCatalogFile(
      fs.readFileSync(path.join(dir, 'us-east-1.json'), 'utf8'),
      'us-east-1.json',
    );
    expect(file.location).toBe('US East (N. Virginia)');
    expect(Object.keys(file.groups).sort()).toEqual([...result.updated].sort());
    for (const group of Object.values(file.groups)) {
      expect(group.source).toBe(PRICE_LIST_API_SOURCE);
    }
    expect(file.groups['vpc.natGateway.hour']).toMatchObject({ price: 0.045 });
    // What the API mapping cannot answer is reported, never copied from ap-southeast-2.
    expect(result.kept).toEqual(
      expect.arrayContaining([
        {
          group: 's3.standard.tiered',
          reason: expect.stringMatching(/^left out: /),
        },
        {
          group: 'rds.postgres.singleAz',
          reason: expect.stringMatching(/^left out: no price returned for /),
        },
      ]),
    );
    expect(file.groups['s3.standard.tiered']).toBeUndefined();
  });

  it('adds to a partly priced file the groups the API answers that it lacks, and nothing else', async () => {
    // Sydney without its NAT gateway and load balancer prices (as us-east-2 lacks groups);
    // us-east-1 stays complete and lists the sizes
    const file = path.join(dir, 'ap-southeast-2.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    delete doc.groups['vpc.natGateway.hour'];
    delete doc.groups['elb.alb.hour'];
    fs.writeFileSync(file, JSON.stringify(doc));
    const result = await refreshRegion({
      region: 'ap-southeast-2',
      dir,
      source: recordedSource(),
      today: '2026-12-01',
    });
    const after = parseRegionCatalogFile(
      fs.readFileSync(file, 'utf8'),
      'ap-southeast-2.json',
    );
    // answered: added with the API as its source, Sydney's own price
    expect(result.updated).toContain('vpc.natGateway.hour');
    expect(after.groups['vpc.natGateway.hour']).toEqual({
      unit: expect.any(String),
      source: PRICE_LIST_API_SOURCE,
      price: 0.059,
    });
    // nothing recorded for Sydney's load balancers: left out, never added with zeros or
    // us-east-1's price
    expect(after.groups['elb.alb.hour']).toBeUndefined();
    expect(result.kept).toEqual(
      expect.arrayContaining([
        { group: 'elb.alb.hour', reason: expect.stringMatching(/^left out: /) },
      ]),
    );
    // what the file held and the API cannot answer stays as it was
    expect(after.groups['cloudfront.requests']).toEqual(
      doc.groups['cloudfront.requests'],
    );
  });
});
