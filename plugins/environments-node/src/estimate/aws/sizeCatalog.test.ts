import { validateEnvironment } from '@terrace/plugin-environments-common';
import { awsSizeCatalog } from './sizeCatalog';

describe('awsSizeCatalog', () => {
  it('knows a size only where the catalog prices it', () => {
    expect(
      awsSizeCatalog.isKnownSize('aws', 'postgres', 'db.t3.micro', 'eu-west-1'),
    ).toBe(true);
    expect(
      awsSizeCatalog.isKnownSize('aws', 'postgres', 'db.t9.huge', 'eu-west-1'),
    ).toBe(false);
    expect(
      awsSizeCatalog.isKnownSize('aws', 'postgres', 'db.t3.micro', 'sa-east-1'),
    ).toBe(false);
    expect(
      awsSizeCatalog.isKnownSize('aws', 'redis', 'cache.t3.micro', 'us-east-1'),
    ).toBe(true);
    expect(
      awsSizeCatalog.isKnownSize('aws', 'redis', 'db.t3.micro', 'us-east-1'),
    ).toBe(false);
    expect(
      awsSizeCatalog.isKnownSize(
        'aws',
        'vm-group',
        't3.small',
        'ap-northeast-1',
      ),
    ).toBe(true);
    expect(
      awsSizeCatalog.isKnownSize(
        'azure',
        'postgres',
        'db.t3.micro',
        'us-east-1',
      ),
    ).toBe(false);
  });

  it('checks sizes in a region priced from the Price List snapshot, which has no ElastiCache rows, by name only for cache nodes', () => {
    // us-east-2.json prices RDS and EC2 but holds no elasticache.redis group.
    expect(
      awsSizeCatalog.isKnownSize('aws', 'postgres', 'db.t3.micro', 'us-east-2'),
    ).toBe(true);
    expect(
      awsSizeCatalog.isKnownSize('aws', 'postgres', 'db.t9.huge', 'us-east-2'),
    ).toBe(false);
    expect(
      awsSizeCatalog.isKnownSize('aws', 'redis', 'cache.t3.micro', 'us-east-2'),
    ).toBe(true);
    expect(
      awsSizeCatalog.isKnownSize('aws', 'redis', 'cache.t9.huge', 'us-east-2'),
    ).toBe(false);
    expect(awsSizeCatalog.knownSizes?.('aws', 'redis', 'us-east-2')).toContain(
      'cache.r6g.large',
    );
  });

  it('lists the priced regions and the sizes of a type', () => {
    expect(awsSizeCatalog.knownRegions?.('aws')).toEqual([
      'ap-northeast-1',
      'ap-southeast-2',
      'eu-central-1',
      'eu-west-1',
      'us-east-1',
      'us-west-2',
    ]);
    expect(awsSizeCatalog.knownRegions?.('gcp')).toBeUndefined();
    expect(awsSizeCatalog.knownSizes?.('aws', 'redis', 'us-east-1')).toContain(
      'cache.r6g.large',
    );
    expect(awsSizeCatalog.covers?.('aws', 'postgres')).toBe(true);
    expect(awsSizeCatalog.covers?.('gcp', 'postgres')).toBe(false);
  });

  it('makes spec validation reject an unpriced size, naming the field, and warn of an unpriced region', () => {
    const spec = (region: string, size: string) => ({
      apiVersion: 'terrace.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'shop-dev', owner: 'group:default/shop' },
      spec: {
        cloud: 'aws',
        region,
        tier: 'dev',
        components: [{ name: 'db', type: 'postgres', size }],
      },
    });
    expect(
      validateEnvironment(spec('eu-west-1', 'db.t3.micro'), {
        sizes: awsSizeCatalog,
      }).ok,
    ).toBe(true);
    const badSize = validateEnvironment(spec('eu-west-1', 'db.t9.huge'), {
      sizes: awsSizeCatalog,
    });
    expect(!badSize.ok && badSize.problems.map(p => p.path)).toEqual([
      'spec.components[0].size',
    ]);
    // A region without prices validates (it can be generated) with a warning at spec.region.
    const unpriced = validateEnvironment(spec('sa-east-1', 'db.t3.micro'), {
      sizes: awsSizeCatalog,
    });
    expect(unpriced.ok).toBe(true);
    expect(unpriced.warnings.map(p => p.path)).toEqual(['spec.region']);
    // us-east-2's file (from the Price List snapshot) lacks parts: it validates, with the same
    // warning that it cannot be estimated yet.
    const ohio = validateEnvironment(spec('us-east-2', 'db.t3.micro'), {
      sizes: awsSizeCatalog,
    });
    expect(ohio.ok).toBe(true);
    expect(ohio.warnings.map(p => p.path)).toEqual(['spec.region']);
  });
});
