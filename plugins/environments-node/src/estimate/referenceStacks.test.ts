import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  getAwsPriceCatalog,
  GLOBAL_PRICES,
  type FlatPriceGroup,
  type SizedPriceGroup,
} from './aws/catalog';
import { estimateSpec } from './estimateSpec';
import { PRICING_DAY } from '../generate/__testUtils__/fixtures';

/**
 * For each reference stack, the expected monthly total worked out by hand: the stack's own
 * numbers (from its environment.yaml, or the documented defaults) times the catalog's unit
 * prices, 730 hours a month, each line rounded to the cent. The estimator must match to the cent.
 */
const catalog = getAwsPriceCatalog();
const cents = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

function load(name: string) {
  const raw = parse(
    fs.readFileSync(
      path.join(__dirname, '__fixtures__', `${name}.yaml`),
      'utf8',
    ),
  );
  const result = estimateSpec(raw, { today: PRICING_DAY });
  if (!result.ok) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result;
}

function pricesIn(region: string) {
  return {
    flat: (g: FlatPriceGroup) => catalog.flat(g, region).usd,
    // Volumes here stay in the first tier: CloudFront at its price class's edge rate (not the
    // region's), S3 Standard at its first 50 TB.
    edge: (priceClass: 'PriceClass_100') =>
      catalog.tiered(`cloudfront.transfer.${priceClass}`, GLOBAL_PRICES)
        .tiers[0].price,
    s3FirstTier: () =>
      catalog.tiered('s3.standard.tiered', region).tiers[0].price,
    sized: (g: SizedPriceGroup, size: string) =>
      catalog.sized(g, region, size).usd,
  };
}

describe('reference stacks, totals worked out by hand', () => {
  it('shop-staging (ap-southeast-2)', () => {
    const { estimate } = load('shop-staging');
    const { flat, sized, edge, s3FirstTier } = pricesIn('ap-southeast-2');
    const expected = [
      // network: 1 NAT gateway, 50 GB processed (spec.usage)
      cents(730 * flat('vpc.natGateway.hour')),
      cents(730 * flat('vpc.publicIpv4.hour')),
      cents(50 * flat('vpc.natGateway.gb')),
      // db: db.t3.small single-AZ, 50 GB gp3, PI (free), master password secret, 3 alarms
      cents(730 * sized('rds.postgres.singleAz', 'db.t3.small')),
      cents(50 * flat('rds.storage.gp3.singleAz')),
      cents(1 * flat('rds.performanceInsights.freeTier')),
      cents(flat('secretsManager.secret')),
      cents(3 * flat('cloudwatch.alarm')),
      // cache: cache.t3.micro, primary + 1 replica, auth token secret, 3 alarms
      cents(2 * 730 * sized('elasticache.redis', 'cache.t3.micro')),
      cents(flat('secretsManager.secret')),
      cents(3 * flat('cloudwatch.alarm')),
      // assets: 20 GB S3 Standard
      cents(20 * s3FirstTier()),
      // web: 200 GB out (spec.usage), 10 M requests (default with a cdn)
      cents(200 * edge('PriceClass_100')),
      cents(10 * flat('cloudfront.requests')),
      // api: 2 tasks × 0.5 vCPU × 1 GB, its ALB with 1 LCU (default), 4 alarms
      cents(2 * 0.5 * 730 * flat('fargate.vcpu')),
      cents(2 * 1 * 730 * flat('fargate.memory')),
      cents(730 * flat('elb.alb.hour')),
      cents(2 * 730 * flat('vpc.publicIpv4.hour')), // public: an address in each of 2 zones
      cents(1 * 730 * flat('elb.alb.lcu')),
      cents(4 * flat('cloudwatch.alarm')),
      // images: 1 GB (resolver's registry default)
      cents(1 * flat('ecr.storage')),
      // app-secrets: 2 SSM standard parameters
      cents(2 * flat('ssm.parameter.standard')),
      // the environment's KMS key
      cents(flat('kms.key')),
      // logs: 1 GB per service + 0.5 GB flow logs (default)
      cents(1.5 * flat('cloudwatch.logs.ingest')),
    ];
    expect(estimate.monthly).toBe(cents(expected.reduce((a, b) => a + b, 0)));
    expect(estimate.lines).toHaveLength(expected.length);
  });

  it('shop-production (us-east-1)', () => {
    const { estimate } = load('shop-production');
    const { flat, sized, edge, s3FirstTier } = pricesIn('us-east-1');
    const expected = [
      // network: a NAT gateway per zone (3), 800 GB processed
      cents(3 * 730 * flat('vpc.natGateway.hour')),
      cents(3 * 730 * flat('vpc.publicIpv4.hour')),
      cents(800 * flat('vpc.natGateway.gb')),
      // db: db.m6g.large Multi-AZ + 200 GB Multi-AZ gp3, 1 read replica (single-AZ) with its storage
      cents(730 * sized('rds.postgres.multiAz', 'db.m6g.large')),
      cents(200 * flat('rds.storage.gp3.multiAz')),
      cents(730 * sized('rds.postgres.singleAz', 'db.m6g.large')),
      cents(200 * flat('rds.storage.gp3.singleAz')),
      cents(2 * flat('rds.performanceInsights.freeTier')),
      cents(flat('secretsManager.secret')),
      cents(4 * flat('cloudwatch.alarm')),
      // sessions: cache.r6g.large, primary + 2 replicas
      cents(3 * 730 * sized('elasticache.redis', 'cache.r6g.large')),
      cents(flat('secretsManager.secret')),
      cents(3 * flat('cloudwatch.alarm')),
      // catalog: Atlas M30, PrivateLink endpoint in 3 zones (prod), user password secret
      cents(730 * sized('atlas.cluster', 'M30')),
      cents(3 * 730 * flat('vpc.interfaceEndpoint.hour')),
      cents(flat('secretsManager.secret')),
      // media: 500 GB
      cents(500 * s3FirstTier()),
      // cdn: 5000 GB, 50 M requests
      cents(5000 * edge('PriceClass_100')),
      cents(50 * flat('cloudfront.requests')),
      // api: 3 tasks × 1 vCPU × 2 GB, ALB at 3 LCU
      cents(3 * 1 * 730 * flat('fargate.vcpu')),
      cents(3 * 2 * 730 * flat('fargate.memory')),
      cents(730 * flat('elb.alb.hour')),
      cents(3 * 730 * flat('vpc.publicIpv4.hour')), // public: an address in each of 3 zones
      cents(3 * 730 * flat('elb.alb.lcu')),
      cents(4 * flat('cloudwatch.alarm')),
      // workers: 2 × m6i.large, 2 × 50 GB gp3 (resolver default), internal ALB at 3 LCU
      cents(2 * 730 * sized('ec2.linux', 'm6i.large')),
      cents(2 * 50 * flat('ebs.gp3')),
      cents(730 * flat('elb.alb.hour')),
      cents(3 * 730 * flat('elb.alb.lcu')),
      cents(4 * flat('cloudwatch.alarm')),
      // images: 2 GB (prod default)
      cents(2 * flat('ecr.storage')),
      cents(flat('kms.key')),
      // logs: 40 GB
      cents(40 * flat('cloudwatch.logs.ingest')),
    ];
    expect(estimate.monthly).toBe(cents(expected.reduce((a, b) => a + b, 0)));
    expect(estimate.lines).toHaveLength(expected.length);
  });

  it('payments-dev (eu-west-1), priced on defaults only', () => {
    const { estimate, resolved } = load('payments-dev');
    const { flat, sized } = pricesIn('eu-west-1');
    const api = resolved.components.find(c => c.name === 'api')!;
    const batch = resolved.components.find(c => c.name === 'batch')!;
    if (api.type !== 'service' || batch.type !== 'vm-group')
      throw new Error('fixture');
    const nat = resolved.network.natGateways;
    const alarmsOf = (c: string) =>
      resolved.alarms.filter(a => a.component === c).length;
    const publicIps = (c: { public: boolean }) =>
      c.public
        ? [cents(resolved.network.zones * 730 * flat('vpc.publicIpv4.hour'))]
        : [];
    const expected = [
      ...(nat > 0
        ? [
            cents(nat * 730 * flat('vpc.natGateway.hour')),
            cents(nat * 730 * flat('vpc.publicIpv4.hour')),
            cents(resolved.usage.natProcessedGb * flat('vpc.natGateway.gb')),
          ]
        : []),
      cents(730 * sized('rds.postgres.singleAz', 'db.t4g.micro')),
      cents(20 * flat('rds.storage.gp3.singleAz')),
      cents(flat('secretsManager.secret')),
      cents(alarmsOf('ledger') * flat('cloudwatch.alarm')),
      cents(api.minCount * api.cpu * 730 * flat('fargate.vcpu')),
      cents(
        ((api.minCount * api.memoryMb) / 1024) * 730 * flat('fargate.memory'),
      ),
      cents(730 * flat('elb.alb.hour')),
      ...publicIps(api),
      cents(730 * flat('elb.alb.lcu')),
      cents(alarmsOf('api') * flat('cloudwatch.alarm')),
      cents(batch.desiredCount * 730 * sized('ec2.linux', 't3.small')),
      cents(batch.desiredCount * batch.volumeGb * flat('ebs.gp3')),
      cents(730 * flat('elb.alb.hour')),
      ...publicIps(batch),
      cents(730 * flat('elb.alb.lcu')),
      cents(alarmsOf('batch') * flat('cloudwatch.alarm')),
      cents(flat('kms.key')),
      cents(2.5 * flat('cloudwatch.logs.ingest')),
    ];
    expect(resolved.components[0]).toMatchObject({
      storageGb: 20,
      performanceInsights: false,
    });
    expect(estimate.monthly).toBe(cents(expected.reduce((a, b) => a + b, 0)));
    expect(estimate.lines).toHaveLength(expected.length);
  });
});
