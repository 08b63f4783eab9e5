import { getAwsPriceCatalog } from './catalog';

/**
 * Unit prices of common SKUs pinned to the published AWS on-demand list price, so a wrong
 * catalog entry fails here. Each was checked against a second source (the AWS Price List
 * bulk offer snapshot of 2026-10 where it holds the row, else the service's price page).
 */
const PUBLISHED: Array<{
  what: string;
  read: (c: ReturnType<typeof getAwsPriceCatalog>) => number;
  usd: number;
}> = [
  {
    what: 'RDS PostgreSQL db.t3.micro single-AZ, us-east-1',
    read: c => c.sized('rds.postgres.singleAz', 'us-east-1', 'db.t3.micro').usd,
    usd: 0.018,
  },
  {
    what: 'RDS PostgreSQL db.t3.micro Multi-AZ, us-east-1',
    read: c => c.sized('rds.postgres.multiAz', 'us-east-1', 'db.t3.micro').usd,
    usd: 0.036,
  },
  {
    what: 'RDS PostgreSQL db.t3.medium Multi-AZ, us-east-1',
    read: c => c.sized('rds.postgres.multiAz', 'us-east-1', 'db.t3.medium').usd,
    usd: 0.145,
  },
  {
    what: 'RDS PostgreSQL db.t4g.micro single-AZ, us-east-1',
    read: c =>
      c.sized('rds.postgres.singleAz', 'us-east-1', 'db.t4g.micro').usd,
    usd: 0.016,
  },
  {
    // Not 2 x 0.032: the bulk offer of 2026-10-06 lists 0.065, as does infracost's golden
    // db_instance_test ($47.45 for 730 hours).
    what: 'RDS PostgreSQL db.t4g.small Multi-AZ, us-east-1',
    read: c => c.sized('rds.postgres.multiAz', 'us-east-1', 'db.t4g.small').usd,
    usd: 0.065,
  },
  {
    what: 'RDS PostgreSQL db.m5.large single-AZ, us-east-1',
    read: c => c.sized('rds.postgres.singleAz', 'us-east-1', 'db.m5.large').usd,
    usd: 0.178,
  },
  {
    what: 'RDS PostgreSQL db.r6g.2xlarge single-AZ, us-east-1',
    read: c =>
      c.sized('rds.postgres.singleAz', 'us-east-1', 'db.r6g.2xlarge').usd,
    usd: 0.899,
  },
  {
    what: 'RDS gp3 storage single-AZ, us-east-1',
    read: c => c.flat('rds.storage.gp3.singleAz', 'us-east-1').usd,
    usd: 0.115,
  },
  {
    what: 'ElastiCache cache.t3.micro (Redis OSS), us-east-1',
    read: c => c.sized('elasticache.redis', 'us-east-1', 'cache.t3.micro').usd,
    usd: 0.017,
  },
  {
    what: 'ElastiCache cache.t4g.micro (Redis OSS), us-east-1',
    read: c => c.sized('elasticache.redis', 'us-east-1', 'cache.t4g.micro').usd,
    usd: 0.016,
  },
  {
    what: 'EC2 t3.micro Linux, us-east-1',
    read: c => c.sized('ec2.linux', 'us-east-1', 't3.micro').usd,
    usd: 0.0104,
  },
  {
    what: 'EC2 m5.large Linux, us-east-1',
    read: c => c.sized('ec2.linux', 'us-east-1', 'm5.large').usd,
    usd: 0.096,
  },
  {
    what: 'NAT gateway hour, us-east-1',
    read: c => c.flat('vpc.natGateway.hour', 'us-east-1').usd,
    usd: 0.045,
  },
  {
    what: 'NAT gateway GB processed, us-east-1',
    read: c => c.flat('vpc.natGateway.gb', 'us-east-1').usd,
    usd: 0.045,
  },
  {
    what: 'NAT gateway hour, ap-southeast-2',
    read: c => c.flat('vpc.natGateway.hour', 'ap-southeast-2').usd,
    usd: 0.059,
  },
  {
    what: 'ALB hour, us-east-1',
    read: c => c.flat('elb.alb.hour', 'us-east-1').usd,
    usd: 0.0225,
  },
  {
    what: 'ALB LCU-hour, us-east-1',
    read: c => c.flat('elb.alb.lcu', 'us-east-1').usd,
    usd: 0.008,
  },
  {
    what: 'Fargate vCPU-hour, us-east-1',
    read: c => c.flat('fargate.vcpu', 'us-east-1').usd,
    usd: 0.04048,
  },
  {
    what: 'Fargate GB-hour, us-east-1',
    read: c => c.flat('fargate.memory', 'us-east-1').usd,
    usd: 0.004445,
  },
  {
    what: 'S3 Standard GB-month, us-east-1',
    read: c => c.flat('s3.standard', 'us-east-1').usd,
    usd: 0.023,
  },
  {
    what: 'Secrets Manager secret-month, us-east-1',
    read: c => c.flat('secretsManager.secret', 'us-east-1').usd,
    usd: 0.4,
  },
  {
    what: 'CloudWatch standard alarm-month, us-east-1',
    read: c => c.flat('cloudwatch.alarm', 'us-east-1').usd,
    usd: 0.1,
  },
  {
    what: 'ECR storage GB-month, us-east-1',
    read: c => c.flat('ecr.storage', 'us-east-1').usd,
    usd: 0.1,
  },
  {
    what: 'KMS customer managed key-month, us-east-1',
    read: c => c.flat('kms.key', 'us-east-1').usd,
    usd: 1,
  },
  // Other regions, read from the AWS Price List bulk offer rows of 2026-10 (snapshot).
  {
    what: 'RDS PostgreSQL db.t3.micro single-AZ, ap-southeast-2',
    read: c =>
      c.sized('rds.postgres.singleAz', 'ap-southeast-2', 'db.t3.micro').usd,
    usd: 0.028,
  },
  {
    what: 'RDS PostgreSQL db.m6g.large Multi-AZ, ap-southeast-2',
    read: c =>
      c.sized('rds.postgres.multiAz', 'ap-southeast-2', 'db.m6g.large').usd,
    usd: 0.441,
  },
  {
    what: 'RDS PostgreSQL db.m5.large single-AZ, eu-central-1',
    read: c =>
      c.sized('rds.postgres.singleAz', 'eu-central-1', 'db.m5.large').usd,
    usd: 0.212,
  },
  {
    what: 'RDS PostgreSQL db.t3.large Multi-AZ, eu-central-1',
    read: c =>
      c.sized('rds.postgres.multiAz', 'eu-central-1', 'db.t3.large').usd,
    usd: 0.336,
  },
  {
    what: 'RDS PostgreSQL db.r6g.large single-AZ, eu-west-1',
    read: c =>
      c.sized('rds.postgres.singleAz', 'eu-west-1', 'db.r6g.large').usd,
    usd: 0.252,
  },
  {
    what: 'RDS PostgreSQL db.r6g.large Multi-AZ, eu-west-1',
    read: c => c.sized('rds.postgres.multiAz', 'eu-west-1', 'db.r6g.large').usd,
    usd: 0.504,
  },
  {
    what: 'RDS PostgreSQL db.t4g.micro single-AZ, eu-west-1',
    read: c =>
      c.sized('rds.postgres.singleAz', 'eu-west-1', 'db.t4g.micro').usd,
    usd: 0.017,
  },
  {
    what: 'RDS PostgreSQL db.t4g.micro single-AZ, ap-northeast-1',
    read: c =>
      c.sized('rds.postgres.singleAz', 'ap-northeast-1', 'db.t4g.micro').usd,
    usd: 0.025,
  },
  {
    what: 'RDS gp3 storage single-AZ, ap-northeast-1',
    read: c => c.flat('rds.storage.gp3.singleAz', 'ap-northeast-1').usd,
    usd: 0.138,
  },
  {
    what: 'EC2 t3.medium Linux, ap-northeast-1',
    read: c => c.sized('ec2.linux', 'ap-northeast-1', 't3.medium').usd,
    usd: 0.0544,
  },
  {
    what: 'NAT gateway GB processed, ap-northeast-1',
    read: c => c.flat('vpc.natGateway.gb', 'ap-northeast-1').usd,
    usd: 0.062,
  },
  {
    what: 'S3 Standard GB-month, eu-central-1',
    read: c => c.flat('s3.standard', 'eu-central-1').usd,
    usd: 0.0245,
  },
  {
    what: 'CloudWatch Logs ingestion GB, ap-northeast-1',
    read: c => c.flat('cloudwatch.logs.ingest', 'ap-northeast-1').usd,
    usd: 0.76,
  },
];

describe('published list prices of common SKUs', () => {
  const catalog = getAwsPriceCatalog();
  it.each(PUBLISHED.map(p => [p.what, p] as const))('%s', (_what, p) => {
    expect(p.read(catalog)).toBe(p.usd);
  });
});
