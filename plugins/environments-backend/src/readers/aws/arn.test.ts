import { consoleUrl, parseArn, resourceCategory } from './arn';

describe('parseArn', () => {
  it.each([
    ['arn:aws:rds:us-east-1:123456789012:db:shop-db', 'db', 'shop-db'],
    ['arn:aws:s3:::shop-assets', 'bucket', 'shop-assets'],
    [
      'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop/db/cpu-high',
      'alarm',
      'shop/db/cpu-high',
    ],
    ['arn:aws:ecs:us-east-1:123456789012:service/shop/web', 'service', 'web'],
    [
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-web/50dc6c495c0c9188',
      'loadbalancer',
      'shop-web',
    ],
    [
      'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:shop-cache',
      'replicationgroup',
      'shop-cache',
    ],
  ])('%s is a %s named %s', (arn, type, id) => {
    expect(parseArn(arn)).toMatchObject({ resourceType: type, resourceId: id });
  });

  it('links an ECS service to its cluster page', () => {
    const arn = parseArn(
      'arn:aws:ecs:eu-west-1:123456789012:service/shop/web',
    )!;
    expect(consoleUrl(arn, 'eu-west-1')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/shop/services/web?region=eu-west-1',
    );
  });

  it('refuses what is not an ARN', () => {
    expect(parseArn('shop-db')).toBeUndefined();
  });
});

describe('resourceCategory', () => {
  it.each([
    ['arn:aws:rds:us-east-1:123456789012:db:shop-db', 'database'],
    ['arn:aws:rds:us-east-1:123456789012:snapshot:rds:shop-db-1', 'database'],
    [
      'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:shop-cache',
      'cache',
    ],
    ['arn:aws:s3:::shop-assets', 'bucket'],
    ['arn:aws:cloudfront::123456789012:distribution/E1ABC', 'cdn'],
    ['arn:aws:ecs:us-east-1:123456789012:service/shop/web', 'service'],
    ['arn:aws:ec2:us-east-1:123456789012:natgateway/nat-0abc', 'compute'],
    [
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-web/50dc6c495c0c9188',
      'load-balancer',
    ],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/shop/db', 'secret'],
    [
      'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shop/db/cpu-high',
      'monitoring',
    ],
    ['arn:aws:ecr:us-east-1:123456789012:repository/shop-web', 'registry'],
  ])('%s is a %s', (arn, category) => {
    expect(resourceCategory(parseArn(arn)!)).toBe(category);
  });

  it('leaves a service it does not know without a category', () => {
    expect(
      resourceCategory(
        parseArn('arn:aws:logs:us-east-1:123456789012:log-group:/shop/web')!,
      ),
    ).toBeUndefined();
  });
});
