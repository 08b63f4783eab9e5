import { InputError } from '@backstage/errors';
import { estimateEnvironment } from './estimate';
import { estimateSpec } from './estimateSpec';

function spec(components: unknown[], extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'terrace.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'shop-staging', owner: 'group:default/shop' },
    spec: {
      cloud: 'aws',
      region: 'us-east-1',
      tier: 'staging',
      components,
      ...extra,
    },
  };
}

function estimate(components: unknown[], extra: Record<string, unknown> = {}) {
  const result = estimateSpec(spec(components, extra));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

describe('estimateEnvironment', () => {
  it('follows contract section 4', () => {
    const { estimate: e } = estimate([
      { name: 'db', type: 'postgres', size: 'db.t3.small' },
    ]);
    expect(e).toMatchObject({
      currency: 'USD',
      hoursPerMonth: 730,
      prices: {
        source: expect.stringContaining('us-east-1'),
        retrieved: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    });
    expect(e.lines[0]).toEqual(
      expect.objectContaining({
        component: expect.any(String),
        resource: expect.any(String),
        description: expect.any(String),
        quantity: expect.any(Number),
        unit: expect.any(String),
        unitPrice: expect.any(Number),
        monthly: expect.any(Number),
      }),
    );
    const db = e.lines.find(l => l.resource === 'aws_db_instance.db')!;
    expect(db).toEqual({
      component: 'db',
      resource: 'aws_db_instance.db',
      description: expect.stringMatching(
        /^db\.t3\.small PostgreSQL .*, single-AZ$/,
      ),
      quantity: 730,
      unit: 'hours',
      unitPrice: 0.036,
      monthly: 26.28,
    });
    const sum = e.lines.reduce((a, l) => a + l.monthly, 0);
    expect(e.monthly).toBe(Math.round(sum * 100) / 100);
  });

  it('shows Multi-AZ, read replicas and their storage when the spec asks for them', () => {
    const { estimate: e } = estimate([
      {
        name: 'db',
        type: 'postgres',
        size: 'db.t3.medium',
        highAvailability: true,
        readReplicas: 2,
        storageGb: 100,
      },
    ]);
    const lines = e.lines.filter(l => l.component === 'db');
    expect(
      lines.map(l => [l.resource, l.description, l.quantity, l.unitPrice]),
    ).toEqual(
      expect.arrayContaining([
        [
          'aws_db_instance.db',
          expect.stringMatching(/db\.t3\.medium PostgreSQL .*, Multi-AZ/),
          730,
          0.145,
        ],
        ['aws_db_instance.db', 'gp3 storage, 100 GB, Multi-AZ', 100, 0.23],
        [
          'aws_db_instance.db_replica',
          'db.t3.medium PostgreSQL read replica, 2 replicas, single-AZ',
          1460,
          0.072,
        ],
        [
          'aws_db_instance.db_replica',
          'gp3 storage of the read replicas, 2 × 100 GB',
          200,
          0.115,
        ],
      ]),
    );
  });

  it('prices every cache node: the primary and its replicas', () => {
    const { estimate: e } = estimate([
      { name: 'cache', type: 'redis', size: 'cache.t3.micro', replicas: 2 },
    ]);
    const nodes = e.lines.find(
      l => l.resource === 'aws_elasticache_replication_group.cache',
    )!;
    expect(nodes).toMatchObject({
      quantity: 3 * 730,
      unitPrice: 0.017,
      monthly: 37.23,
    });
    expect(nodes.description).toContain('1 primary + 2 replicas');
  });

  it('prices services at their autoscaling minimum and vm-groups at their desired count', () => {
    const { estimate: e } = estimate([
      {
        name: 'api',
        type: 'service',
        cpu: 0.25,
        memoryMb: 512,
        minCount: 3,
        maxCount: 9,
      },
      {
        name: 'vms',
        type: 'vm-group',
        instanceType: 't3.micro',
        minCount: 1,
        desiredCount: 2,
        maxCount: 5,
      },
    ]);
    expect(
      e.lines.find(l => l.description.startsWith('Fargate vCPU')),
    ).toMatchObject({
      quantity: 3 * 0.25 * 730,
      description: 'Fargate vCPU, 3 tasks (minCount; scales to 9) × 0.25 vCPU',
    });
    expect(
      e.lines.find(l => l.description.startsWith('Fargate memory')),
    ).toMatchObject({
      quantity: 3 * 0.5 * 730,
    });
    expect(
      e.lines.find(l => l.resource === 'aws_autoscaling_group.vms'),
    ).toMatchObject({
      quantity: 2 * 730,
      unitPrice: 0.0104,
      description: 't3.micro Linux, 2 instances (desiredCount; min 1, max 5)',
    });
    expect(
      e.lines
        .filter(l => l.description.startsWith('Application Load Balancer'))
        .map(l => l.resource),
    ).toEqual(['aws_lb.api_alb', 'aws_lb.vms_alb']);
  });

  it('prices usage lines from spec.usage', () => {
    const { estimate: e } = estimate(
      [
        { name: 'site', type: 'bucket', public: true, storageGb: 10 },
        { name: 'cdn', type: 'cdn', origins: ['site'] },
      ],
      {
        usage: {
          cdnTransferGb: 1000,
          cdnRequestsMillions: 3,
          natProcessedGb: 100,
          logIngestGb: 7,
        },
      },
    );
    const by = (d: string) => e.lines.find(l => l.description.includes(d))!;
    expect(by('CloudFront data transfer')).toMatchObject({
      quantity: 1000,
      unitPrice: 0.085,
      monthly: 85,
    });
    expect(by('CloudFront HTTPS requests')).toMatchObject({
      quantity: 3,
      monthly: 3,
    });
    expect(by('NAT gateway data processed')).toMatchObject({
      quantity: 100,
      monthly: 4.5,
    });
    expect(by('CloudWatch Logs ingestion')).toMatchObject({
      quantity: 7,
      monthly: 3.5,
    });
  });

  it("uses the region's own prices", () => {
    const a = estimate([
      { name: 'db', type: 'postgres', size: 'db.t3.micro' },
    ]).estimate;
    const b = estimate(
      [{ name: 'db', type: 'postgres', size: 'db.t3.micro' }],
      { region: 'ap-southeast-2' },
    ).estimate;
    const nat = (e: typeof a) =>
      e.lines.find(
        l => l.resource === 'aws_nat_gateway.main' && l.unit === 'hours',
      )!;
    expect(nat(a).unitPrice).toBe(0.045);
    expect(nat(b).unitPrice).toBe(0.059);
    expect(b.prices.source).toContain('ap-southeast-2');
  });

  it('rejects a size the catalog has no price for, naming the field, instead of pricing it at zero', () => {
    const { resolved } = estimate([
      { name: 'db', type: 'postgres', size: 'db.t3.micro' },
    ]);
    const bad = {
      ...resolved,
      components: resolved.components.map(c =>
        c.type === 'postgres' ? { ...c, size: 'db.t9.huge' } : c,
      ),
    };
    expect(() => estimateEnvironment(bad)).toThrow(InputError);
    expect(() => estimateEnvironment(bad)).toThrow(
      'spec.components[0].size: no rds.postgres.singleAz price for "db.t9.huge" in us-east-1',
    );
  });

  it('rejects a region without a catalog', () => {
    const { resolved } = estimate([{ name: 'db', type: 'postgres' }]);
    expect(() =>
      estimateEnvironment({ ...resolved, region: 'sa-east-1' }),
    ).toThrow(
      /^spec\.region: "sa-east-1" has no aws price catalog yet, so it cannot be estimated \(priced regions: ap-northeast-1, /,
    );
  });

  it('prices us-east-2 from its own file and names every line that file cannot price, borrowing none from us-east-1', () => {
    const result = estimateSpec(
      spec(
        [
          { name: 'db', type: 'postgres', size: 'db.t3.micro' },
          { name: 'vm', type: 'vm-group', instanceType: 't3.small' },
        ],
        { region: 'us-east-2' },
      ),
    );
    // The Price List snapshot of 2026-10-06 has no rows for these services in us-east-2.
    expect(!result.ok && result.problems).toEqual([
      {
        path: 'spec.region',
        message: 'no vpc.publicIpv4.hour price in us-east-2',
      },
      {
        path: 'spec.region',
        message: 'no rds.performanceInsights.freeTier price in us-east-2',
      },
      {
        path: 'spec.region',
        message: 'no secretsManager.secret price in us-east-2',
      },
      {
        path: 'spec.region',
        message: 'no cloudwatch.alarm price in us-east-2',
      },
      { path: 'spec.region', message: 'no elb.alb.hour price in us-east-2' },
      { path: 'spec.region', message: 'no elb.alb.lcu price in us-east-2' },
      {
        path: 'spec.region',
        message: 'no cloudwatch.alarm price in us-east-2',
      },
      { path: 'spec.region', message: 'no kms.key price in us-east-2' },
    ]);
    expect(!result.ok && result.unpricedRegion).toBe(true);
    // What it does price (NAT, RDS, gp3, EC2, EBS, log ingestion) is not among the problems,
    // and a size it does not price is still refused by name.
    const badSize = estimateSpec(
      spec([{ name: 'db', type: 'postgres', size: 'db.t9.huge' }], {
        region: 'us-east-2',
      }),
    );
    expect(!badSize.ok && badSize.problems.map(p => p.path)).toContain(
      'spec.components[0].size',
    );
  });

  it('says plainly which clouds are priced', () => {
    const { resolved } = estimate([{ name: 'db', type: 'postgres' }]);
    expect(() => estimateEnvironment({ ...resolved, cloud: 'gcp' })).toThrow(
      'spec.cloud: the estimate has no price catalog for gcp yet (only aws, azure)',
    );
  });
});

describe('estimateSpec', () => {
  it('returns problems with field paths for a size the catalog does not price', () => {
    const result = estimateSpec(
      spec([{ name: 'db', type: 'postgres', size: 'db.t9.huge' }]),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'spec.components[0].size' }),
      ]),
    );
  });

  it('returns problems for a region outside the catalog', () => {
    const result = estimateSpec(
      spec([{ name: 'db', type: 'postgres', size: 'db.t3.micro' }], {
        region: 'sa-east-1',
      }),
    );
    expect(!result.ok && result.problems.map(p => p.path)).toContain(
      'spec.region',
    );
  });

  it('returns the resolved model with the estimate', () => {
    const result = estimateSpec(
      spec([{ name: 'db', type: 'postgres', size: 'db.t3.micro' }]),
    );
    expect(result.ok && result.resolved.name).toBe('shop-staging');
  });
});
