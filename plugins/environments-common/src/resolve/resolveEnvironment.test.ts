import { validateEnvironment } from '../spec/validate';
import { baseSpec, readReferenceStack } from '../spec/__testUtils__/stacks';
import { parseCidr, planSubnets } from '../spec/network';
import type { Environment } from '../spec/schema';
import { awsProfile, neutralAwsAlarm } from '../clouds/aws';
import { tierPresets } from '../spec/tiers';
import { componentSchemas } from '../spec/components';
import { networkSchema, usageSchema } from '../spec/schema';
import type { ResolvedComponent } from '../model/resolved';
import { resolveEnvironment } from './resolveEnvironment';
import { resourceName } from './naming';

function valid(raw: unknown): Environment {
  const result = validateEnvironment(raw);
  if (!result.ok) {
    throw new Error(
      result.problems.map(p => `${p.path}: ${p.message}`).join('\n'),
    );
  }
  return result.environment;
}

function byName<T extends ResolvedComponent['type']>(
  components: ResolvedComponent[],
  name: string,
): Extract<ResolvedComponent, { type: T }> {
  return components.find(c => c.name === name) as any;
}

describe('resolveEnvironment', () => {
  it('decides every field a spec may leave out, for every component type, the network and usage', () => {
    const spec = baseSpec();
    spec.spec.components.push(
      { name: 'docs', type: 'mongodb' },
      { name: 'workers', type: 'vm-group' },
    );
    const r = resolveEnvironment(valid(spec));
    expect(new Set(r.components.map(c => c.type))).toEqual(
      new Set(Object.keys(componentSchemas)),
    );
    // bucket lifecycle days stay unset unless the spec sets them
    const optional = new Set(['expireDays', 'archiveDays']);
    for (const component of r.components) {
      const fields = Object.keys(componentSchemas[component.type].shape).filter(
        field => !optional.has(field),
      );
      const undecided = fields.filter(
        field => (component as any)[field] === undefined,
      );
      expect([component.type, undecided]).toEqual([component.type, []]);
    }
    for (const field of Object.keys(networkSchema.shape)) {
      expect([field, (r.network as any)[field]]).toEqual([
        field,
        expect.anything(),
      ]);
    }
    for (const field of Object.keys(usageSchema.shape)) {
      expect([field, typeof (r.usage as any)[field]]).toEqual([
        field,
        'number',
      ]);
    }
  });

  it('resolves the staging reference stack: network, names, tags', () => {
    const r = resolveEnvironment(
      valid(readReferenceStack('aussie-markets-staging')),
    );
    expect(r.network).toEqual({
      cidr: '10.0.0.0/16',
      zones: 2,
      natGateways: 1,
      publicSubnets: ['10.0.0.0/19', '10.0.32.0/19'],
      privateSubnets: ['10.0.64.0/19', '10.0.96.0/19'],
      dataSubnets: ['10.0.128.0/19', '10.0.160.0/19'],
      flowLogRetentionDays: 30,
    });
    expect(r.tags).toEqual({
      'terrace:environment': 'aussie-markets-staging',
      'terrace:tier': 'staging',
      'terrace:owner': 'group:default/markets',
      'terrace:system': 'aussie-markets',
      'terrace:managed-by': 'terrace',
    });
    expect(r.components.map(c => c.resourceName)).toEqual([
      'aussie-markets-staging-db',
      'aussie-markets-staging-cache',
      'aussie-markets-staging-api',
      'aussie-markets-staging-ap-fa9ef7', // 33 characters, cut to 32 with a hash
      'aussie-markets-staging-logs',
      'aussie-markets-staging-app',
    ]);
    const db = byName<'postgres'>(r.components, 'db');
    expect(db).toMatchObject({
      size: 'db.t3.micro',
      version: '15',
      storageGb: 20,
      maxStorageGb: 100,
      highAvailability: false,
      backupRetentionDays: 7,
      deletionProtection: false,
    });
    // The service takes its image from the environment's registry.
    expect(byName<'service'>(r.components, 'api')).toMatchObject({
      registry: 'api-images',
      image: `${resourceName(
        'aussie-markets-staging',
        'api-images',
        32,
      )}:latest`,
      cpu: 0.25,
      memoryMb: 512,
      healthCheckPath: '/api/v1/health',
    });
    expect(r.policy).toBe(tierPresets.staging.policy);
  });

  it('lists the alarms of each component, named <environment>/<component>/<check>', () => {
    const r = resolveEnvironment(valid(readReferenceStack('mve-production')));
    expect(r.alarms.map(a => a.name)).toEqual([
      'mve-production/db/cpu-high',
      'mve-production/db/free-storage-low',
      'mve-production/db/connections-high',
      'mve-production/cache/cpu-high',
      'mve-production/cache/memory-high',
      'mve-production/cache/evictions',
      'mve-production/backend/unhealthy-targets',
      'mve-production/backend/5xx-high',
      'mve-production/backend/cpu-high',
      'mve-production/backend/memory-high',
    ]);
    const storage = r.alarms.find(a => a.check === 'free-storage-low')!;
    expect(storage).toMatchObject({
      source: 'postgres',
      signal: 'free-storage',
      direction: 'below',
      unit: 'bytes',
      threshold: 2 * 1024 ** 3, // 10% of 20 GB
    });
    expect(awsProfile.alarmMetric(storage)).toEqual({
      namespace: 'AWS/RDS',
      metric: 'FreeStorageSpace',
      statistic: 'Minimum',
      comparison: 'LessThanThreshold',
    });
    const connections = r.alarms.find(a => a.check === 'connections-high')!;
    // db.t3.small: 2 GiB / 9531392 bytes = 225 max connections; 80% of that.
    expect(connections.threshold).toBe(180);
  });

  it("takes the connections alarm's maximum from the cloud's profile, capped as RDS caps it", () => {
    // RDS for PostgreSQL: LEAST(DBInstanceClassMemory / 9531392, 5000)
    expect(awsProfile.postgresMaxConnections?.('db.t3.micro')).toBe(112);
    expect(awsProfile.postgresMaxConnections?.('db.r6g.large')).toBe(1802);
    expect(awsProfile.postgresMaxConnections?.('db.r6g.16xlarge')).toBe(5000);
    const spec = baseSpec();
    spec.spec.components[0].size = 'db.r6g.16xlarge';
    const r = resolveEnvironment(valid(spec));
    expect(r.alarms.find(a => a.check === 'connections-high')?.threshold).toBe(
      4000,
    );
  });

  it('adds a replica lag alarm when there are read replicas', () => {
    const spec = baseSpec();
    spec.spec.components[0].readReplicas = 1;
    const r = resolveEnvironment(valid(spec));
    expect(
      r.alarms.filter(a => a.component === 'db').map(a => a.check),
    ).toEqual([
      'cpu-high',
      'free-storage-low',
      'connections-high',
      'replica-lag-high',
    ]);
  });

  it('applies the prod preset: HA, a NAT gateway per zone, deletion protection', () => {
    const spec = baseSpec();
    spec.spec.tier = 'prod';
    const r = resolveEnvironment(valid(spec));
    expect(r.network.zones).toBe(3);
    expect(r.network.natGateways).toBe(3);
    expect(r.network.publicSubnets).toHaveLength(3);
    expect(byName<'postgres'>(r.components, 'db')).toMatchObject({
      size: 'db.t3.medium',
      highAvailability: true,
      backupRetentionDays: 14,
      deletionProtection: true,
    });
    expect(byName<'redis'>(r.components, 'cache')).toMatchObject({
      replicas: 1,
      multiAz: true,
    });
    expect(byName<'service'>(r.components, 'api')).toMatchObject({
      minCount: 2,
      logRetentionDays: 90,
    });
    expect(r.policy).toMatchObject({
      minBackupRetentionDays: 7,
      maxBackupAgeHours: 26,
      requireHighAvailability: true,
      deletionProtection: true,
    });
  });

  it.each(['dev', 'staging', 'prod'] as const)(
    'gives every %s default a value the validator accepts',
    tier => {
      const spec = baseSpec();
      spec.spec.tier = tier;
      const r = resolveEnvironment(valid(spec));
      const preset = tierPresets[tier];
      expect(byName<'postgres'>(r.components, 'db').size).toBe(
        preset.postgres.size.aws,
      );
      expect(byName<'redis'>(r.components, 'cache').size).toBe(
        preset.redis.size.aws,
      );
      // Fed back as explicit values, the resolved sizes and counts still validate.
      const explicit = baseSpec();
      explicit.spec.tier = tier;
      Object.assign(explicit.spec.components[0], {
        size: preset.postgres.size.aws,
        backupRetentionDays: preset.postgres.backupRetentionDays,
      });
      Object.assign(explicit.spec.components[2], {
        cpu: preset.service.cpu,
        memoryMb: preset.service.memoryMb,
      });
      expect(validateEnvironment(explicit).ok).toBe(true);
    },
  );

  it('links public buckets to the cdn that serves them and splits cdn origins', () => {
    const r = resolveEnvironment(valid(readReferenceStack('mve-production')));
    expect(byName<'bucket'>(r.components, 'static').servedBy).toBe('web');
    expect(
      byName<'bucket'>(r.components, 'documents').servedBy,
    ).toBeUndefined();
    expect(byName<'cdn'>(r.components, 'web')).toMatchObject({
      origins: ['static', 'backend'],
      bucketOrigins: ['static'],
      serviceOrigin: 'backend',
      priceClass: 'PriceClass_100',
    });
  });

  it("gives a cdn the cloud's default price class, and none on a cloud without price classes", () => {
    const spec = {
      apiVersion: 'terrace.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'web-dev', owner: 'team-web' },
      spec: {
        cloud: 'aws',
        region: 'eu-west-1',
        tier: 'dev',
        components: [
          { name: 'site', type: 'bucket', public: true },
          { name: 'edge', type: 'cdn', origins: ['site'] },
        ],
      },
    };
    const onAws = resolveEnvironment(valid(spec));
    expect(byName<'cdn'>(onAws.components, 'edge').priceClass).toBe(
      awsProfile.cdnDefaultPriceClass,
    );
    expect(awsProfile.cdnDefaultPriceClass).toBe('PriceClass_100');
    const onAzure = resolveEnvironment(
      valid({
        ...spec,
        spec: { ...spec.spec, cloud: 'azure', region: 'westeurope' },
      }),
    );
    expect(byName<'cdn'>(onAzure.components, 'edge')).not.toHaveProperty(
      'priceClass',
    );
  });

  it('takes usage from the spec, else documented defaults', () => {
    const mve = resolveEnvironment(valid(readReferenceStack('mve-production')));
    expect(mve.usage).toEqual({
      cdnTransferGb: 1000,
      cdnRequestsMillions: 10,
      natProcessedGb: 100,
      logIngestGb: 1.5,
      albLcu: 1,
    });
    const staging = resolveEnvironment(
      valid(readReferenceStack('aussie-markets-staging')),
    );
    expect(staging.usage).toEqual({
      cdnTransferGb: 0,
      cdnRequestsMillions: 0,
      natProcessedGb: 10,
      logIngestGb: 1.5,
      albLcu: 1,
    });
  });

  it('runs a placeholder image when there is neither an image nor a registry', () => {
    const r = resolveEnvironment(valid(readReferenceStack('mve-production')));
    const backend = byName<'service'>(r.components, 'backend');
    expect(backend.image).toBe('nginx:stable');
    expect(backend.registry).toBeUndefined();
  });
});

describe('resourceName', () => {
  it('keeps short names readable and cuts long ones to a unique 32 characters on AWS', () => {
    const max = awsProfile.names.resourceName;
    expect(max).toBe(32);
    expect(resourceName('shop-staging', 'db', max)).toBe('shop-staging-db');
    const a = resourceName(
      'a-very-long-environment-name-xx',
      'component-one',
      max,
    );
    const b = resourceName(
      'a-very-long-environment-name-xx',
      'component-two',
      max,
    );
    expect(a).toHaveLength(32);
    expect(b).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9-]+[a-z0-9]$/);
  });
});

describe('planSubnets', () => {
  it.each([
    ['10.0.0.0/16', 2],
    ['10.0.0.0/16', 3],
    ['172.20.0.0/20', 3],
    ['192.168.0.0/25', 2],
  ])('carves non-overlapping subnets inside %s for %i zones', (cidr, zones) => {
    const plan = planSubnets(cidr, zones);
    const all = [
      ...plan.publicSubnets,
      ...plan.privateSubnets,
      ...plan.dataSubnets,
    ];
    expect(all).toHaveLength(3 * zones);
    const outer = parseCidr(cidr)!;
    const blocks = all.map(s => parseCidr(s)!);
    for (const b of blocks) {
      expect(b.prefix).toBeLessThanOrEqual(28);
      expect(b.base).toBeGreaterThanOrEqual(outer.base);
      expect(b.base + 2 ** (32 - b.prefix)).toBeLessThanOrEqual(
        outer.base + 2 ** (32 - outer.prefix),
      );
    }
    const sorted = [...blocks].sort((x, y) => x.base - y.base);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i].base).toBeGreaterThanOrEqual(
        sorted[i - 1].base + 2 ** (32 - sorted[i - 1].prefix),
      );
    }
  });
});

describe('resolveEnvironment on every cloud and component type', () => {
  it('uses the cloud’s own default sizes', () => {
    for (const [cloud, region, db, cache, vm] of [
      ['azure', 'westeurope', 'Standard_B2s', 'Balanced_B1', 'Standard_B2s'],
      ['gcp', 'europe-west1', 'db-g1-small', 'basic-1gb', 'e2-small'],
    ]) {
      const spec = baseSpec();
      spec.spec.cloud = cloud;
      spec.spec.region = region;
      spec.spec.components.push({ name: 'workers', type: 'vm-group' });
      const r = resolveEnvironment(valid(spec));
      expect(byName<'postgres'>(r.components, 'db').size).toBe(db);
      expect(byName<'redis'>(r.components, 'cache').size).toBe(cache);
      expect(byName<'vm-group'>(r.components, 'workers').instanceType).toBe(vm);
    }
  });

  it('resolves vm-groups, mongodb, registries and secrets with their alarms', () => {
    const spec = baseSpec();
    spec.spec.components.push(
      { name: 'workers', type: 'vm-group', minCount: 2, maxCount: 5 },
      { name: 'docs', type: 'mongodb' },
    );
    const r = resolveEnvironment(valid(spec));
    expect(byName<'vm-group'>(r.components, 'workers')).toMatchObject({
      instanceType: 't3.small',
      minCount: 2,
      desiredCount: 2,
      maxCount: 5,
    });
    expect(byName<'mongodb'>(r.components, 'docs')).toMatchObject({
      size: 'M10',
      backup: true,
      allowedCidr: '10.0.0.0/16',
    });
    expect(byName<'registry'>(r.components, 'images')).toMatchObject({
      keepImages: 20,
      untaggedExpireDays: 7,
    });
    expect(byName<'secrets'>(r.components, 'app').names).toEqual([
      'jwt-secret',
    ]);
    const workerAlarms = r.alarms.filter(a => a.component === 'workers');
    expect(
      workerAlarms.map(a => `${a.check} ${a.source} ${a.signal} ${a.unit}`),
    ).toEqual([
      'unhealthy-targets load-balancer unhealthy-targets count',
      '5xx-high load-balancer server-errors count',
      'cpu-high vm-group cpu percent',
      'memory-high vm-group memory percent',
    ]);
    // The AWS profile maps them to CloudWatch metrics (the agent reports a vm-group's memory).
    expect(
      workerAlarms.map(a => {
        const m = awsProfile.alarmMetric(a);
        return m && `${m.namespace} ${m.metric} ${m.statistic} ${m.comparison}`;
      }),
    ).toEqual([
      'AWS/ApplicationELB UnHealthyHostCount Maximum GreaterThanOrEqualToThreshold',
      'AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum GreaterThanThreshold',
      'AWS/EC2 CPUUtilization Average GreaterThanThreshold',
      'CWAgent mem_used_percent Average GreaterThanThreshold',
    ]);
    // ... and the AWS reader reads each CloudWatch alarm back to the same neutral alarm.
    for (const alarm of r.alarms) {
      expect({
        check: alarm.check,
        ...neutralAwsAlarm(awsProfile.alarmMetric(alarm)!),
      }).toEqual({
        check: alarm.check,
        source: alarm.source,
        signal: alarm.signal,
        direction: alarm.direction,
      });
    }
    expect(r.alarms.filter(a => a.component === 'docs')).toEqual([]);
    expect(
      r.alarms
        .filter(a => a.component === 'cache')
        .map(a => awsProfile.alarmMetric(a)?.metric),
    ).toEqual([
      'EngineCPUUtilization',
      'DatabaseMemoryUsagePercentage',
      'Evictions',
    ]);
  });
});
