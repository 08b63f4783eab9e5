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
import {
  PRICING_DAY,
  referenceStackDir,
} from '../generate/__testUtils__/fixtures';

/**
 * The project's reference stacks (shared/reference-stacks): the expected monthly total worked out
 * by hand from each stack's own numbers and the catalog's unit prices, 730 hours a month, each
 * line rounded to the cent. The estimator must match it to the cent.
 */
const catalog = getAwsPriceCatalog();
const cents = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const sum = (xs: number[]) => cents(xs.reduce((a, b) => a + b, 0));

function estimateOf(stack: string) {
  const raw = parse(
    fs.readFileSync(path.join(referenceStackDir(), `${stack}.yaml`), 'utf8'),
  );
  const result = estimateSpec(raw, { today: PRICING_DAY });
  if (!result.ok) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result.estimate;
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

describe('shared reference stacks, totals worked out by hand', () => {
  it('aussie-markets-staging (ap-southeast-2, staging)', () => {
    const { flat, sized, s3FirstTier } = pricesIn('ap-southeast-2');
    const expected = sum([
      // network: natGateways 1, its public address, 10 GB processed (documented default)
      cents(730 * flat('vpc.natGateway.hour')),
      cents(730 * flat('vpc.publicIpv4.hour')),
      cents(10 * flat('vpc.natGateway.gb')),
      // db: db.t3.micro single-AZ (highAvailability false), 20 GB gp3, PI free tier,
      // master password secret, 3 alarms (no replicas: no replica-lag alarm)
      cents(730 * sized('rds.postgres.singleAz', 'db.t3.micro')),
      cents(20 * flat('rds.storage.gp3.singleAz')),
      cents(flat('rds.performanceInsights.freeTier')),
      cents(flat('secretsManager.secret')),
      cents(3 * flat('cloudwatch.alarm')),
      // cache: cache.t3.micro, replicas 0 (one node), auth token secret, 3 alarms
      cents(730 * sized('elasticache.redis', 'cache.t3.micro')),
      cents(flat('secretsManager.secret')),
      cents(3 * flat('cloudwatch.alarm')),
      // api: minCount 1 task of 0.25 vCPU and 512 MB; public ALB with an address per zone (2),
      // 1 LCU average (default); 4 alarms
      cents(1 * 0.25 * 730 * flat('fargate.vcpu')),
      cents(1 * 0.5 * 730 * flat('fargate.memory')),
      cents(730 * flat('elb.alb.hour')),
      cents(2 * 730 * flat('vpc.publicIpv4.hour')),
      cents(1 * 730 * flat('elb.alb.lcu')),
      cents(4 * flat('cloudwatch.alarm')),
      // api-images: 1 GB of images (documented default)
      cents(1 * flat('ecr.storage')),
      // logs: storageGb 10 of S3 Standard
      cents(10 * s3FirstTier()),
      // app: 2 SSM standard parameters
      cents(2 * flat('ssm.parameter.standard')),
      // the environment's KMS key; 1 GB of service logs + 0.5 GB of flow logs (defaults)
      cents(flat('kms.key')),
      cents(1.5 * flat('cloudwatch.logs.ingest')),
    ]);
    const estimate = estimateOf('aussie-markets-staging');
    expect(estimate.monthly).toBe(expected);
    expect(estimate.lines).toHaveLength(22);
    expect(estimate.currency).toBe('USD');
  });

  it('mve-production (us-east-1, prod)', () => {
    const { flat, sized, edge, s3FirstTier } = pricesIn('us-east-1');
    const expected = sum([
      // network: natGateways 1 and its address; spec.usage.natProcessedGb 100
      cents(730 * flat('vpc.natGateway.hour')),
      cents(730 * flat('vpc.publicIpv4.hour')),
      cents(100 * flat('vpc.natGateway.gb')),
      // db: db.t3.small Multi-AZ (highAvailability true), 20 GB gp3 Multi-AZ, PI free tier,
      // master password secret, 3 alarms
      cents(730 * sized('rds.postgres.multiAz', 'db.t3.small')),
      cents(20 * flat('rds.storage.gp3.multiAz')),
      cents(flat('rds.performanceInsights.freeTier')),
      cents(flat('secretsManager.secret')),
      cents(3 * flat('cloudwatch.alarm')),
      // cache: cache.t3.micro, replicas 0, auth token secret, 3 alarms
      cents(730 * sized('elasticache.redis', 'cache.t3.micro')),
      cents(flat('secretsManager.secret')),
      cents(3 * flat('cloudwatch.alarm')),
      // backend: minCount 1 task of 1 vCPU and 2048 MB; public ALB, 2 addresses, 1 LCU; 4 alarms
      cents(1 * 1 * 730 * flat('fargate.vcpu')),
      cents(1 * 2 * 730 * flat('fargate.memory')),
      cents(730 * flat('elb.alb.hour')),
      cents(2 * 730 * flat('vpc.publicIpv4.hour')),
      cents(1 * 730 * flat('elb.alb.lcu')),
      cents(4 * flat('cloudwatch.alarm')),
      // buckets: static 50 GB, documents 30 GB, attachments 20 GB of S3 Standard
      cents(50 * s3FirstTier()),
      cents(30 * s3FirstTier()),
      cents(20 * s3FirstTier()),
      // web: spec.usage.cdnTransferGb 1000, 10 million HTTPS requests (documented default)
      cents(1000 * edge('PriceClass_100')),
      cents(10 * flat('cloudfront.requests')),
      // KMS key; 1.5 GB of logs
      cents(flat('kms.key')),
      cents(1.5 * flat('cloudwatch.logs.ingest')),
    ]);
    const estimate = estimateOf('mve-production');
    expect(estimate.monthly).toBe(expected);
    expect(estimate.lines).toHaveLength(24);
    const db = estimate.lines.find(
      l => l.resource === 'aws_db_instance.db' && l.unit === 'hours',
    );
    expect(db?.description).toContain('Multi-AZ');
  });
});
