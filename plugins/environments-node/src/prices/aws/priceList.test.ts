import fs from 'node:fs';
import path from 'node:path';
import {
  FLAT_QUERIES,
  readFlatGroup,
  readSizedGroup,
  SIZED_QUERIES,
} from './mapping';
import {
  parsePriceListItem,
  PriceListFormatError,
  type PricedProduct,
} from './priceList';

function answer(service: string): PricedProduct[] {
  const file = path.join(
    __dirname,
    '__fixtures__',
    `getProducts-${service}.json`,
  );
  const { PriceList } = JSON.parse(fs.readFileSync(file, 'utf8'));
  return PriceList.map(parsePriceListItem).filter(Boolean);
}

describe('parsePriceListItem', () => {
  it('reads the on-demand price, unit and attributes of a GetProducts entry, ignoring reserved terms', () => {
    const [first] = answer('AmazonRDS');
    expect(first).toMatchObject({
      serviceCode: 'AmazonRDS',
      productFamily: 'Database Instance',
      unit: 'Hrs',
      usd: 0.018,
      attributes: expect.objectContaining({
        instanceType: 'db.t3.micro',
        databaseEngine: 'PostgreSQL',
        deploymentOption: 'Single-AZ',
        regionCode: 'us-east-1',
      }),
    });
  });

  it('takes the first tier of a tiered price (S3 Standard: first 50 TB)', () => {
    const [s3] = answer('AmazonS3');
    expect(s3.usd).toBe(0.023);
    expect(s3.unit).toBe('GB-Mo');
  });

  it('accepts an entry the SDK already parsed into an object', () => {
    const file = path.join(
      __dirname,
      '__fixtures__',
      'getProducts-AWSELB.json',
    );
    const entry = JSON.parse(
      JSON.parse(fs.readFileSync(file, 'utf8')).PriceList[0],
    );
    expect(parsePriceListItem(entry)?.usd).toBe(0.0225);
  });

  it('gives undefined for a product with no on-demand term', () => {
    expect(
      parsePriceListItem(
        JSON.stringify({
          product: { sku: 'X', attributes: {} },
          serviceCode: 'AmazonRDS',
          terms: { Reserved: {} },
        }),
      ),
    ).toBeUndefined();
  });

  it('names what is wrong with a malformed entry', () => {
    expect(() => parsePriceListItem('{')).toThrow(PriceListFormatError);
    expect(() =>
      parsePriceListItem(JSON.stringify({ product: {}, terms: {} })),
    ).toThrow(/^PriceList entry product\.sku: /);
  });
});

describe('mapping GetProducts answers onto the catalog', () => {
  const rds = answer('AmazonRDS');
  const ec2 = answer('AmazonEC2');

  it('reads PostgreSQL Single-AZ and Multi-AZ apart, never MySQL or readable-standby clusters', () => {
    expect(
      readSizedGroup(SIZED_QUERIES['rds.postgres.singleAz']!, rds, [
        'db.t3.micro',
        'db.t3.medium',
      ]),
    ).toEqual({
      ok: true,
      prices: { 'db.t3.micro': 0.018, 'db.t3.medium': 0.072 },
    });
    expect(
      readSizedGroup(SIZED_QUERIES['rds.postgres.multiAz']!, rds, [
        'db.t3.micro',
        'db.t3.medium',
      ]),
    ).toEqual({
      ok: true,
      prices: { 'db.t3.micro': 0.036, 'db.t3.medium': 0.145 },
    });
    expect(
      readSizedGroup(SIZED_QUERIES['rds.postgres.multiAz']!, rds, [
        'db.m6gd.large',
      ]),
    ).toEqual({
      ok: false,
      reason: 'no price returned for db.m6gd.large',
    });
  });

  it('prices ElastiCache nodes for the Redis OSS engine, not Valkey (0.8x) or Memcached', () => {
    expect(
      readSizedGroup(
        SIZED_QUERIES['elasticache.redis']!,
        answer('AmazonElastiCache'),
        ['cache.t3.micro', 'cache.t4g.micro'],
      ),
    ).toEqual({
      ok: true,
      prices: { 'cache.t3.micro': 0.017, 'cache.t4g.micro': 0.016 },
    });
  });

  it('prices EC2 as Linux, shared tenancy, used capacity, no pre-installed software', () => {
    expect(
      readSizedGroup(SIZED_QUERIES['ec2.linux']!, ec2, [
        't3.micro',
        'm5.large',
      ]),
    ).toEqual({
      ok: true,
      prices: { 't3.micro': 0.0104, 'm5.large': 0.096 },
    });
  });

  it('reads the flat prices by usage type, whatever the region prefix', () => {
    const us = ec2.filter(p => p.attributes.regionCode === 'us-east-1');
    const syd = ec2.filter(p => p.attributes.regionCode === 'ap-southeast-2');
    expect(readFlatGroup(FLAT_QUERIES['vpc.natGateway.hour']!, us)).toEqual({
      ok: true,
      price: 0.045,
    });
    expect(readFlatGroup(FLAT_QUERIES['vpc.natGateway.hour']!, syd)).toEqual({
      ok: true,
      price: 0.059,
    });
    expect(readFlatGroup(FLAT_QUERIES['vpc.natGateway.gb']!, us)).toEqual({
      ok: true,
      price: 0.045,
    });
    expect(readFlatGroup(FLAT_QUERIES['ebs.gp3']!, us)).toEqual({
      ok: true,
      price: 0.08,
    });
    expect(
      readFlatGroup(FLAT_QUERIES['rds.storage.gp3.singleAz']!, rds),
    ).toEqual({ ok: true, price: 0.115 });
    expect(
      readFlatGroup(FLAT_QUERIES['rds.storage.gp3.multiAz']!, rds),
    ).toEqual({ ok: true, price: 0.23 });
    const elb = answer('AWSELB');
    expect(readFlatGroup(FLAT_QUERIES['elb.alb.hour']!, elb)).toEqual({
      ok: true,
      price: 0.0225,
    });
    expect(readFlatGroup(FLAT_QUERIES['elb.alb.lcu']!, elb)).toEqual({
      ok: true,
      price: 0.008,
    });
    const ecs = answer('AmazonECS');
    expect(readFlatGroup(FLAT_QUERIES['fargate.vcpu']!, ecs)).toEqual({
      ok: true,
      price: 0.04048,
    });
    expect(readFlatGroup(FLAT_QUERIES['fargate.memory']!, ecs)).toEqual({
      ok: true,
      price: 0.004445,
    });
  });

  it('refuses an ambiguous answer instead of picking one', () => {
    const twice = [
      ...ec2,
      {
        ...ec2.find(p => p.attributes.usagetype === 'NatGateway-Hours')!,
        usd: 0.05,
      },
    ];
    expect(
      readFlatGroup(
        FLAT_QUERIES['vpc.natGateway.hour']!,
        twice.filter(p => p.attributes.regionCode === 'us-east-1'),
      ),
    ).toEqual({
      ok: false,
      reason: 'more than one price (0.045, 0.05)',
    });
  });
});
