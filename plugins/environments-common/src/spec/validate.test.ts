import type { SizeCatalog } from './catalog';
import {
  baseSpec,
  readReferenceStack,
  REFERENCE_STACKS,
} from './__testUtils__/stacks';
import { validateEnvironment } from './validate';

/** Problems of a spec as `path: message` lines. */
function problemsOf(raw: unknown, sizes?: SizeCatalog): string[] {
  const result = validateEnvironment(raw, { sizes });
  return result.ok ? [] : result.problems.map(p => `${p.path}: ${p.message}`);
}

/** Applies a change to a fresh base spec and returns its problems. */
function withChange(change: (s: any) => void, sizes?: SizeCatalog): string[] {
  const spec = baseSpec();
  change(spec);
  return problemsOf(spec, sizes);
}

const component = (s: any, name: string) =>
  s.spec.components.find((c: any) => c.name === name);

/** A catalog as the price catalog would answer for two regions. */
const catalog: SizeCatalog = {
  isKnownSize: (cloud, type, size, region) =>
    cloud === 'aws' &&
    region === 'ap-southeast-2' &&
    (
      {
        postgres: ['db.t3.micro', 'db.t3.small', 'db.t3.medium'],
        redis: ['cache.t3.micro', 'cache.t3.small', 'cache.t3.medium'],
        'vm-group': ['t3.micro', 't3.small'],
      }[type] ?? []
    ).includes(size),
  covers: cloud => cloud === 'aws',
  knownSizes: (_c, type) =>
    ({
      postgres: ['db.t3.micro', 'db.t3.small', 'db.t3.medium'],
      redis: ['cache.t3.micro'],
      'vm-group': ['t3.micro'],
    }[type]),
  knownRegions: cloud =>
    cloud === 'aws' ? ['ap-southeast-2', 'us-east-1'] : undefined,
};

describe('validateEnvironment', () => {
  it.each(REFERENCE_STACKS)('accepts the reference stack %s', name => {
    const result = validateEnvironment(readReferenceStack(name));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('accepts the base spec and returns it typed', () => {
    const result = validateEnvironment(baseSpec());
    expect(result.ok).toBe(true);
    expect(result.ok && result.environment.metadata.name).toBe('shop-staging');
  });

  it('accepts the base spec against a catalog that knows the tier sizes', () => {
    expect(problemsOf(baseSpec(), catalog)).toEqual([]);
  });

  it('refuses a document that is not a mapping', () => {
    expect(problemsOf('hello')).toEqual([
      '(document): must be a mapping with apiVersion, kind, metadata and spec, not "hello"',
    ]);
    expect(problemsOf(null)[0]).toMatch(/^\(document\): /);
  });

  it('lists every problem in one pass, each with its field path', () => {
    const problems = withChange(s => {
      s.apiVersion = 'v1';
      s.metadata.name = 'Shop';
      s.spec.region = 'mars-1';
      component(s, 'db').storageGb = 'lots';
      component(s, 'web').origins = ['nothing'];
    });
    expect(problems).toEqual([
      'apiVersion: must be "terrace.dev/v1alpha1", not "v1"',
      'metadata.name: "Shop" must be 3-32 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
      'spec.region: "mars-1" is not a known aws region',
      'spec.components[0].storageGb: must be a number, not the text "lots"',
      'spec.components[3].public: bucket "assets" is public but no cdn component lists it in origins; public buckets are served only through a cdn',
      'spec.components[4].origins[0]: "nothing" is not a component of this environment',
    ]);
  });

  describe('document fields', () => {
    it('requires kind Environment', () => {
      expect(withChange(s => delete s.kind)).toEqual([
        'kind: is required and must be "Environment"',
      ]);
      expect(withChange(s => (s.kind = 'Component'))).toEqual([
        'kind: must be "Environment", not "Component"',
      ]);
    });

    it('reports unknown top-level and spec fields', () => {
      expect(withChange(s => (s.status = {}))).toEqual([
        'status: is not a field of an Environment',
      ]);
      expect(withChange(s => (s.spec.size = 'big'))).toEqual([
        'spec.size: is not a field of spec',
      ]);
    });

    it('requires metadata.owner as a group or user reference', () => {
      expect(withChange(s => delete s.metadata.owner)).toEqual([
        'metadata.owner: is required',
      ]);
      expect(
        withChange(s => (s.metadata.owner = 'component:default/x')),
      ).toEqual([
        'metadata.owner: "component:default/x" must be a catalog entity reference to a group or user, e.g. "group:default/shop"',
      ]);
      expect(withChange(s => (s.metadata.owner = 'user:jane'))).toEqual([]);
    });

    it('checks metadata.tags', () => {
      expect(withChange(s => (s.metadata.tags = ['Shop Team']))[0]).toMatch(
        /^metadata\.tags\[0\]: "Shop Team" must be a catalog tag/,
      );
    });

    it('refuses template sequences and control characters in free text', () => {
      expect(withChange(s => (s.metadata.title = 'Shop ${var.x}'))).toEqual([
        'metadata.title: must not contain "${" or "%{" (template sequences are not allowed)',
      ]);
      expect(
        withChange(s => (s.metadata.description = 'a %{ if true }')),
      ).toEqual([
        'metadata.description: must not contain "${" or "%{" (template sequences are not allowed)',
      ]);
      expect(withChange(s => (s.metadata.title = 'two\nlines'))).toEqual([
        'metadata.title: must be a single line',
      ]);
      expect(withChange(s => (s.metadata.description = 'bell\u0007'))).toEqual([
        'metadata.description: must not contain control characters',
      ]);
      expect(
        withChange(
          s => (s.metadata.description = 'Two\nlines, "quoted" \\ fine'),
        ),
      ).toEqual([]);
    });
  });

  describe('cloud, tier and region', () => {
    it('requires a known cloud and tier', () => {
      expect(withChange(s => (s.spec.cloud = 'ibm'))).toEqual([
        'spec.cloud: "ibm" is not one of aws, azure, gcp',
      ]);
      expect(withChange(s => (s.spec.tier = 'production'))).toEqual([
        'spec.tier: "production" is not one of dev, staging, prod',
      ]);
      expect(withChange(s => delete s.spec.tier)).toEqual([
        'spec.tier: is required: one of dev, staging, prod',
      ]);
    });

    it("checks the region against the cloud's region list and suggests near names", () => {
      expect(withChange(s => (s.spec.region = 'ap-southeast-9'))).toEqual([
        'spec.region: "ap-southeast-9" is not a known aws region (did you mean one of ap-east-1, ap-east-2, ap-northeast-1, ap-northeast-2, ap-northeast-3, ap-south-1, ap-south-2, ap-southeast-1?)',
      ]);
      expect(withChange(s => (s.spec.region = 'westeurope'))[0]).toMatch(
        /^spec\.region: "westeurope" is not a known aws region/,
      );
      expect(withChange(s => delete s.spec.region)).toEqual([
        'spec.region: is required',
      ]);
    });

    it('accepts Azure and GCP regions for their clouds', () => {
      const azure = withChange(s => {
        s.spec.cloud = 'azure';
        s.spec.region = 'australiaeast';
        s.spec.components = [
          { name: 'db', type: 'postgres', size: 'Standard_B2s' },
        ];
      });
      expect(azure).toEqual([]);
      const gcp = withChange(s => {
        s.spec.cloud = 'gcp';
        s.spec.region = 'europe-west1';
        s.spec.components = [
          { name: 'db', type: 'postgres', size: 'db-custom-2-7680' },
        ];
      });
      expect(gcp).toEqual([]);
    });

    it('accepts a region the price catalog has no prices for, warning that it cannot be estimated', () => {
      const spec = baseSpec();
      spec.spec.region = 'eu-north-1';
      const result = validateEnvironment(spec, { sizes: catalog });
      expect(result.ok).toBe(true);
      expect(result.warnings.map(w => `${w.path}: ${w.message}`)).toEqual([
        'spec.region: "eu-north-1" has no prices in the aws price catalog yet, so it cannot be estimated (fully priced: ap-southeast-2, us-east-1)',
      ]);
    });

    it('names what a partly priced region lacks and how the catalog says it is added', () => {
      const withRemedy: SizeCatalog = {
        ...catalog,
        unpricedRegion: (_cloud, region) =>
          region === 'eu-north-1'
            ? {
                missing: ['elasticache.redis', 'kms.key'],
                remedy: 'add them to prices/aws/eu-north-1.json',
              }
            : { remedy: 'write prices/aws/sa-east-1.json' },
      };
      const warning = (region: string) => {
        const spec = baseSpec();
        spec.spec.region = region;
        const result = validateEnvironment(spec, { sizes: withRemedy });
        expect(result.ok).toBe(true);
        return result.warnings.map(w => `${w.path}: ${w.message}`);
      };
      expect(warning('eu-north-1')).toEqual([
        'spec.region: "eu-north-1" is priced only in part in the aws price catalog (no prices for elasticache.redis, kms.key), so it cannot be estimated (fully priced: ap-southeast-2, us-east-1); add them to prices/aws/eu-north-1.json',
      ]);
      expect(warning('sa-east-1')).toEqual([
        'spec.region: "sa-east-1" has no prices in the aws price catalog yet, so it cannot be estimated (fully priced: ap-southeast-2, us-east-1); write prices/aws/sa-east-1.json',
      ]);
      expect(warning('us-east-1')).toEqual([]);
    });
  });

  describe('components', () => {
    it('requires at least one component', () => {
      expect(withChange(s => (s.spec.components = []))).toEqual([
        'spec.components: must have at least 1 component',
      ]);
      expect(withChange(s => delete s.spec.components)).toEqual([
        'spec.components: is required: list at least one component',
      ]);
      expect(withChange(s => (s.spec.components = 'db'))).toEqual([
        'spec.components: must be a list of components, not "db"',
      ]);
    });

    it('requires a known type', () => {
      expect(withChange(s => (component(s, 'db').type = 'mysql'))).toEqual([
        'spec.components[0].type: "mysql" is not a component type (postgres, mongodb, redis, bucket, cdn, service, vm-group, registry, secrets)',
      ]);
      expect(withChange(s => delete component(s, 'db').type)[0]).toMatch(
        /^spec\.components\[0\]\.type: is required: one of postgres/,
      );
    });

    it('checks component names and their uniqueness', () => {
      expect(withChange(s => (component(s, 'db').name = 'Db_1'))).toEqual([
        'spec.components[0].name: "Db_1" must be 1-20 characters of lowercase letters, digits and hyphens, starting with a letter',
      ]);
      expect(withChange(s => (component(s, 'cache').name = 'db'))).toEqual([
        'spec.components[1].name: "db" is already the name of spec.components[0]; component names must be unique',
      ]);
    });

    it('reports a misspelt field', () => {
      expect(
        withChange(s => (component(s, 'db').sizee = 'db.t3.micro')),
      ).toEqual([
        'spec.components[0].sizee: is not a field of a postgres component',
      ]);
    });

    it('asks for quoted engine versions', () => {
      expect(withChange(s => (component(s, 'db').version = 15))).toEqual([
        'spec.components[0].version: must be a quoted version such as "15" or "7.0", not 15',
      ]);
      expect(withChange(s => (component(s, 'db').version = 'latest'))).toEqual([
        'spec.components[0].version: "latest" must be a version number such as "15" or "15.6" (quote it in YAML)',
      ]);
    });

    it('checks number ranges', () => {
      expect(withChange(s => (component(s, 'db').storageGb = 5))).toEqual([
        'spec.components[0].storageGb: must be at least 20, not 5',
      ]);
      expect(
        withChange(s => (component(s, 'db').readReplicas = 1.5))[0],
      ).toMatch(/^spec\.components\[0\]\.readReplicas: /);
      expect(withChange(s => (component(s, 'api').port = 70000))).toEqual([
        'spec.components[2].port: must be at most 65535, not 70000',
      ]);
    });
  });

  describe('cdn rules', () => {
    it('refuses an origin that is not a component', () => {
      expect(
        withChange(s => component(s, 'web').origins.push('ghost')),
      ).toEqual([
        'spec.components[4].origins[2]: "ghost" is not a component of this environment',
      ]);
    });

    it('refuses an origin of a type a cdn cannot serve', () => {
      expect(
        withChange(s => component(s, 'web').origins.push('cache')),
      ).toEqual([
        'spec.components[4].origins[2]: "cache" is a redis component; a cdn serves buckets and one public service or vm-group',
      ]);
    });

    it('refuses a service origin that is not public', () => {
      expect(withChange(s => (component(s, 'api').public = false))).toEqual([
        'spec.components[4].origins[1]: service "api" is not public; set public: true on it to serve it through the cdn',
      ]);
    });

    it('refuses a second service origin and a repeated origin', () => {
      const problems = withChange(s => {
        s.spec.components.push({
          name: 'api2',
          type: 'service',
          image: 'acme/api2',
          public: true,
        });
        component(s, 'web').origins.push('api2', 'assets');
      });
      expect(problems).toEqual([
        'spec.components[4].origins[2]: "api2" is a second service origin; a cdn routes /api/* to one public service or vm-group',
        'spec.components[4].origins[3]: "assets" is listed twice',
      ]);
    });

    it('requires origins', () => {
      expect(withChange(s => delete component(s, 'web').origins)).toEqual([
        'spec.components[3].public: bucket "assets" is public but no cdn component lists it in origins; public buckets are served only through a cdn',
        'spec.components[4].origins: is required: list the buckets and/or the public service the cdn serves',
      ]);
    });
  });

  describe('bucket rules', () => {
    it('refuses a public bucket without a cdn', () => {
      expect(withChange(s => (component(s, 'web').origins = ['api']))).toEqual([
        'spec.components[3].public: bucket "assets" is public but no cdn component lists it in origins; public buckets are served only through a cdn',
      ]);
    });

    it('refuses archiving after expiry', () => {
      expect(
        withChange(s =>
          Object.assign(component(s, 'assets'), {
            expireDays: 30,
            archiveDays: 60,
          }),
        ),
      ).toEqual([
        'spec.components[3].archiveDays: (60) must be less than expireDays (30): objects would expire before they are archived',
      ]);
    });

    it('checks CORS origins', () => {
      expect(
        withChange(
          s =>
            (component(s, 'assets').corsOrigins = [
              'https://app.example.com/path',
            ]),
        )[0],
      ).toMatch(
        /^spec\.components\[3\]\.corsOrigins\[0\]: "https:\/\/app\.example\.com\/path" must be an origin/,
      );
    });
  });

  describe('network rules', () => {
    it('refuses a public CIDR', () => {
      expect(
        withChange(s => (s.spec.network = { cidr: '8.8.0.0/16' })),
      ).toEqual([
        'spec.network.cidr: "8.8.0.0/16" is not a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)',
      ]);
    });

    it('refuses host bits and malformed blocks', () => {
      expect(
        withChange(s => (s.spec.network = { cidr: '10.1.2.3/16' })),
      ).toEqual([
        'spec.network.cidr: "10.1.2.3/16" has host bits set; the network address is 10.1.0.0/16',
      ]);
      expect(withChange(s => (s.spec.network = { cidr: '10.0.0.0' }))).toEqual([
        'spec.network.cidr: "10.0.0.0" must be an IPv4 CIDR block such as "10.0.0.0/16"',
      ]);
    });

    it('refuses a network larger than /16', () => {
      expect(
        withChange(s => (s.spec.network = { cidr: '10.0.0.0/8' })),
      ).toEqual([
        'spec.network.cidr: "10.0.0.0/8" is larger than a network can be (/16 at most)',
      ]);
    });

    it('refuses a network too small for the zones', () => {
      expect(
        withChange(s => (s.spec.network = { cidr: '10.0.0.0/25', zones: 2 })),
      ).toEqual([]);
      expect(
        withChange(s => (s.spec.network = { cidr: '10.0.0.0/25', zones: 3 })),
      ).toEqual([
        'spec.network.cidr: "10.0.0.0/25" is too small for 3 zones: public, private and data subnets per zone need a /24 or larger',
      ]);
    });

    it('allows 0, 1 or one NAT gateway per zone', () => {
      expect(
        withChange(s => (s.spec.network = { zones: 3, natGateways: 3 })),
      ).toEqual([]);
      expect(
        withChange(s => (s.spec.network = { zones: 3, natGateways: 2 })),
      ).toEqual([
        'spec.network.natGateways: must be 0, 1 (shared) or 3 (one per zone), not 2',
      ]);
    });

    it('refuses no NAT gateway when services need outbound access', () => {
      expect(withChange(s => (s.spec.network = { natGateways: 0 }))).toEqual([
        'spec.network.natGateways: is 0, but service "api" runs in private subnets and needs outbound access (image pulls, updates); use 1 or more',
      ]);
    });

    it('checks the zone count', () => {
      expect(withChange(s => (s.spec.network = { zones: 1 }))).toEqual([
        'spec.network.zones: must be at least 2, not 1',
      ]);
    });
  });

  describe('database rules', () => {
    it('refuses a storage ceiling below the storage', () => {
      expect(
        withChange(s =>
          Object.assign(component(s, 'db'), {
            storageGb: 100,
            maxStorageGb: 50,
          }),
        ),
      ).toEqual([
        'spec.components[0].maxStorageGb: (50) must be at least storageGb (100)',
      ]);
    });

    it('needs backups for point-in-time recovery and read replicas', () => {
      expect(
        withChange(s =>
          Object.assign(component(s, 'db'), {
            backupRetentionDays: 0,
            pointInTimeRecovery: true,
            readReplicas: 1,
          }),
        ),
      ).toEqual([
        'spec.components[0].backupRetentionDays: (0) is below the staging minimum of 1 days',
        'spec.components[0].pointInTimeRecovery: needs backups: set backupRetentionDays to 1 or more',
        'spec.components[0].readReplicas: need automated backups: set backupRetentionDays to 1 or more',
      ]);
    });

    it('holds prod to its policy: HA, 7 days of backups, deletion protection', () => {
      const problems = withChange(s => {
        s.spec.tier = 'prod';
        Object.assign(component(s, 'db'), {
          highAvailability: false,
          backupRetentionDays: 3,
          deletionProtection: false,
        });
      });
      expect(problems).toEqual([
        'spec.components[0].highAvailability: prod requires highly available databases; set it to true (or remove it)',
        'spec.components[0].backupRetentionDays: (3) is below the prod minimum of 7 days',
        'spec.components[0].deletionProtection: prod requires deletion protection; set it to true (or remove it)',
      ]);
    });

    it('lets dev go without backups', () => {
      expect(
        withChange(s => {
          s.spec.tier = 'dev';
          component(s, 'db').backupRetentionDays = 0;
        }),
      ).toEqual([]);
    });

    it('checks mongodb backups, point-in-time recovery and the allowed range', () => {
      const problems = withChange(s => {
        s.spec.tier = 'prod';
        s.spec.components.push({
          name: 'docs',
          type: 'mongodb',
          size: 'M10',
          backup: false,
          pointInTimeRecovery: true,
          allowedCidr: '0.0.0.0/0',
        });
      });
      expect(problems).toEqual([
        'spec.components[7].backup: prod requires backups (backup: true)',
        'spec.components[7].pointInTimeRecovery: needs backup: true',
        'spec.components[7].allowedCidr: must not open the database to the whole internet (0.0.0.0/0)',
      ]);
      expect(
        withChange(s =>
          s.spec.components.push({ name: 'docs', type: 'mongodb', size: 'M5' }),
        )[0],
      ).toMatch(/^spec\.components\[7\]\.size: "M5" is not one of M10, M20/);
    });
  });

  describe('service and vm-group rules', () => {
    it('refuses minCount above maxCount', () => {
      expect(
        withChange(s =>
          Object.assign(component(s, 'api'), { minCount: 5, maxCount: 2 }),
        ),
      ).toEqual([
        'spec.components[2].minCount: (5) must not be more than maxCount (2)',
      ]);
    });

    it('checks Fargate CPU and memory pairs on AWS', () => {
      expect(
        withChange(s => Object.assign(component(s, 'api'), { cpu: 3 })),
      ).toEqual([
        'spec.components[2].cpu: 3 is not a Fargate CPU size (0.25, 0.5, 1, 2, 4, 8, 16)',
      ]);
      expect(
        withChange(s =>
          Object.assign(component(s, 'api'), { cpu: 0.25, memoryMb: 4096 }),
        ),
      ).toEqual([
        'spec.components[2].memoryMb: 4096 does not fit 0.25 vCPU on Fargate: use 512 to 2048 in steps of 512',
      ]);
      expect(
        withChange(s =>
          Object.assign(component(s, 'api'), { cpu: 1, memoryMb: 3072 }),
        ),
      ).toEqual([]);
    });

    it('keeps desiredCount between minCount and maxCount', () => {
      const vm = (extra: object) =>
        withChange(s =>
          s.spec.components.push({
            name: 'workers',
            type: 'vm-group',
            instanceType: 't3.small',
            ...extra,
          }),
        );
      expect(vm({ minCount: 2, maxCount: 4, desiredCount: 5 })).toEqual([
        'spec.components[7].desiredCount: (5) must be between minCount (2) and maxCount (4)',
      ]);
      expect(vm({ minCount: 3, maxCount: 2 })).toEqual([
        'spec.components[7].minCount: (3) must not be more than maxCount (2)',
      ]);
      expect(vm({ minCount: 1, maxCount: 4, desiredCount: 2 })).toEqual([]);
    });
  });

  describe('sizes', () => {
    it("checks a size against the cloud's naming without a catalog", () => {
      expect(
        withChange(s => (component(s, 'db').size = 'cache.t3.micro')),
      ).toEqual([
        'spec.components[0].size: "cache.t3.micro" is not a known aws postgres size (sizes look like db.t3.micro)',
      ]);
      expect(
        withChange(s => (component(s, 'cache').size = 'Standard_C1')),
      ).toEqual([
        'spec.components[1].size: "Standard_C1" is not a known aws redis size (sizes look like cache.t3.micro)',
      ]);
    });

    it('checks a size against the price catalog, suggesting known sizes', () => {
      expect(
        withChange(s => (component(s, 'db').size = 'db.t9.huge'), catalog),
      ).toEqual([
        'spec.components[0].size: "db.t9.huge" is not a known aws postgres size in ap-southeast-2 (known: db.t3.micro, db.t3.small, db.t3.medium)',
      ]);
      expect(
        withChange(
          s =>
            s.spec.components.push({
              name: 'workers',
              type: 'vm-group',
              instanceType: 'm9.large',
            }),
          catalog,
        ),
      ).toEqual([
        'spec.components[7].instanceType: "m9.large" is not a known aws instance type in ap-southeast-2 (known: t3.micro)',
      ]);
    });
  });

  describe('secrets never inlined', () => {
    it('refuses a value given with a secret name', () => {
      expect(
        withChange(s => (component(s, 'app').names = ['jwt-secret=abc123'])),
      ).toEqual([
        "spec.components[6].names[0]: must be a secret's name only; secret values must never be in the spec: list the name in a `secrets` component and set the value in the cloud's secret store",
      ]);
      expect(
        withChange(
          s => (component(s, 'app').names = [{ name: 'jwt', value: 'abc' }]),
        ),
      ).toEqual([
        "spec.components[6].names[0]: must be a secret's name only; secret values must never be in the spec: list the name in a `secrets` component and set the value in the cloud's secret store",
      ]);
    });

    it('refuses password-like fields', () => {
      expect(
        withChange(s => (component(s, 'db').password = 'hunter22')),
      ).toEqual([
        "spec.components[0].password: looks like a secret value; secret values must never be in the spec: list the name in a `secrets` component and set the value in the cloud's secret store",
      ]);
      expect(
        withChange(s => (component(s, 'cache').authToken = 's3cr3t-token')),
      ).toEqual([
        "spec.components[1].authToken: must be true or false (true: Terraform generates the token); secret values must never be in the spec: list the name in a `secrets` component and set the value in the cloud's secret store",
      ]);
    });

    it('refuses credentials wherever they appear', () => {
      expect(
        withChange(s => (s.metadata.description = 'key AKIAABCDEFGHIJKLMNOP')),
      ).toEqual([
        "metadata.description: looks like an AWS access key id; secret values must never be in the spec: list the name in a `secrets` component and set the value in the cloud's secret store",
      ]);
      expect(
        withChange(
          s => (s.metadata.title = 'ghp_abcdefghijklmnopqrstuvwxyz0123'),
        ),
      ).toEqual([
        "metadata.title: looks like a GitHub token; secret values must never be in the spec: list the name in a `secrets` component and set the value in the cloud's secret store",
      ]);
      expect(
        withChange(
          s =>
            (s.metadata.description =
              'db at postgres://app:pw@db.internal/app'),
        ),
      ).toEqual([
        "metadata.description: looks like a URL with a password; secret values must never be in the spec: list the name in a `secrets` component and set the value in the cloud's secret store",
      ]);
    });

    it('refuses a repeated secret name', () => {
      expect(withChange(s => (component(s, 'app').names = ['a', 'a']))).toEqual(
        ['spec.components[6].names[1]: "a" is listed twice'],
      );
    });
  });

  describe('no HCL can be injected through a spec value', () => {
    const payload =
      '"\n}\nresource "null_resource" "x" {\n${file("/etc/passwd")}';
    it.each([
      ['image', (s: any) => (component(s, 'api').image = payload)],
      [
        'healthCheckPath',
        (s: any) => (component(s, 'api').healthCheckPath = `/${payload}`),
      ],
      ['size', (s: any) => (component(s, 'db').size = payload)],
      ['secret name', (s: any) => (component(s, 'app').names = [payload])],
      [
        'cors origin',
        (s: any) => (component(s, 'assets').corsOrigins = [payload]),
      ],
      ['system', (s: any) => (s.metadata.system = payload)],
      ['owner', (s: any) => (s.metadata.owner = payload)],
      ['title', (s: any) => (s.metadata.title = payload)],
      ['tag', (s: any) => (s.metadata.tags = [payload])],
      ['region', (s: any) => (s.spec.region = payload)],
      ['version', (s: any) => (component(s, 'db').version = payload)],
      ['component name', (s: any) => (component(s, 'cache').name = payload)],
    ])('rejects HCL syntax in %s', (_field, change) => {
      expect(withChange(change).length).toBeGreaterThan(0);
    });
  });
});
