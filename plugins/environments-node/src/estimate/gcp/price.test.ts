import fs from 'fs';
import os from 'os';
import path from 'path';
import { gcpCases } from '../../generate/gcp/__testUtils__/cases';
import {
  PRICING_DAY,
  resolveCase,
} from '../../generate/__testUtils__/fixtures';
import { estimateSpec } from '../estimateSpec';
import { roundToCent } from '../lines';
import { defaultGcpPricesDir, loadGcpPriceCatalog } from './catalog';
import { createGcpPricer } from '.';
import { cloudSqlTier, memorystoreCapacityTier } from './price';

const cases = Object.fromEntries(gcpCases().map(c => [c.name, c.spec]));
const estimate = (spec: unknown) => estimateSpec(spec, { today: PRICING_DAY });

/** The spec of a case with its region and components changed. */
function variant(
  name: string,
  change: (spec: any) => void,
): Record<string, unknown> {
  const spec = JSON.parse(JSON.stringify(cases[name]));
  change(spec);
  return spec;
}

describe('the GCP estimate', () => {
  it.each(['gcp-variation-dev', 'gcp-variation-staging'])(
    '%s (us-central1) prices every part without problems, each line quantity × unit price',
    name => {
      const r = estimate(cases[name]);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const e = r.estimate;
      expect(e.currency).toBe('USD');
      expect(e.hoursPerMonth).toBe(730);
      expect(e.prices.source).toBe(
        'Terrace GCP price catalog 2026.12.0, us-central1 (Iowa)',
      );
      for (const l of e.lines) {
        // Rounded to the cent, half away from zero.
        expect(l.monthly).toBe(roundToCent(l.quantity * l.unitPrice));
        expect(l.resource).toMatch(
          /^(google|mongodbatlas)_[a-z0-9_]+\.[a-z0-9_*]+$/,
        );
      }
      expect(e.monthly).toBeCloseTo(
        e.lines.reduce((s, l) => s + l.monthly, 0),
        2,
      );
      // Plausible for a small environment with Atlas M10, Memorystore 1 GB and Cloud SQL micro.
      expect(e.monthly).toBeGreaterThan(150);
      expect(e.monthly).toBeLessThan(300);
      const components = new Set(e.lines.map(l => l.component));
      for (const c of [
        'network',
        'db',
        'cache',
        'images',
        'docs',
        'worker',
        'uploads',
        'edge',
        'app',
      ]) {
        expect(components).toContain(c);
      }
    },
  );

  it('prices a Cloud SQL shared-core tier per hour and Memorystore per GB-hour of its capacity tier (us-central1)', () => {
    const r = estimate(cases['gcp-variation-dev']);
    if (!r.ok) throw new Error('not priced');
    const db = r.estimate.lines.filter(l => l.component === 'db');
    expect(
      db.map(l => [l.resource, l.quantity, l.unitPrice, l.monthly]),
    ).toEqual([
      ['google_sql_database_instance.db', 730, 0.0105, 7.67],
      ['google_sql_database_instance.db', 50, 0.17, 8.5],
      ['google_sql_database_instance.db', 50, 0.08, 4],
      ['google_secret_manager_secret_version.db_admin', 1, 0.06, 0.06],
    ]);
    const cache = r.estimate.lines.find(
      l => l.resource === 'google_redis_instance.cache',
    )!;
    // infracost's golden: basic M1, 730 GB-hours, $35.77.
    expect([
      cache.quantity,
      cache.unit,
      cache.unitPrice,
      cache.monthly,
    ]).toEqual([730, 'GiB-hour', 0.049, 35.77]);
  });

  it('prices REGIONAL (HA) Cloud SQL at the regional rates, twice the zonal compute, and read replicas zonal', () => {
    const spec = variant('gcp-variation-dev', s => {
      s.spec.components[0] = {
        name: 'db',
        type: 'postgres',
        version: '16',
        size: 'db-custom-2-7680',
        storageGb: 20,
        highAvailability: true,
        readReplicas: 1,
      };
    });
    const r = estimate(spec);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const db = r.estimate.lines.filter(l => l.component === 'db');
    const of = (resource: string, unit: string) =>
      db
        .filter(l => l.resource === resource && l.unit === unit)
        .map(l => l.monthly);
    // infracost golden, db-custom-2-7680: regional vCPUs $120.60, memory $76.65; zonal $60.30 / $38.33.
    expect(of('google_sql_database_instance.db', 'vCPU-hour')).toEqual([120.6]);
    expect(of('google_sql_database_instance.db', 'GiB-hour')).toEqual([76.65]);
    expect(of('google_sql_database_instance.db_replica', 'vCPU-hour')).toEqual([
      60.3,
    ]);
    expect(of('google_sql_database_instance.db_replica', 'GiB-hour')).toEqual([
      38.33,
    ]);
    // Storage 20 GB regional 0.34, backups 0.08; the replica's disk zonal 0.17.
    expect(of('google_sql_database_instance.db', 'GiB-month')).toEqual([
      6.8, 1.6,
    ]);
    expect(of('google_sql_database_instance.db_replica', 'GiB-month')).toEqual([
      3.4,
    ]);
  });

  it('prices Cloud Run minimum instances at the idle rates and a STANDARD_HA Memorystore at its capacity tier', () => {
    const spec = variant('gcp-variation-dev', s => {
      s.spec.components[1] = {
        name: 'cache',
        type: 'redis',
        size: 'standard-5gb',
        replicas: 1,
        evictionPolicy: 'allkeys-lru',
      };
      s.spec.components[4].minCount = 2;
    });
    const r = estimate(spec);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const cache = r.estimate.lines.find(
      l => l.resource === 'google_redis_instance.cache',
    )!;
    expect([cache.quantity, cache.unitPrice]).toEqual([3650, 0.054]);
    const api = r.estimate.lines.filter(l => l.component === 'api');
    // 2 instances × 1 vCPU × 730 h at 0.0000025 per vCPU-second (0.009 per hour), and 0.5 GiB.
    expect(api.map(l => [l.quantity, l.unit, l.unitPrice, l.monthly])).toEqual([
      [1460, 'vCPU-hour', 0.009, 13.14],
      [730, 'GiB-hour', 0.009, 6.57],
    ]);
  });

  it("prices a vm-group as its machine type's vCPUs and memory at desiredCount, its boot disks and its forwarding rule; N2 before the sustained-use discount", () => {
    const r = estimate(cases['gcp-variation-dev']);
    if (!r.ok) throw new Error('not priced');
    const workers = r.estimate.lines.filter(l => l.component === 'workers');
    // e2-small = 0.5 vCPU + 2 GiB (e2-small list 0.0167515 per hour in us-central1).
    expect(
      workers.map(l => [l.resource, l.quantity, l.unitPrice, l.monthly]),
    ).toEqual([
      [
        'google_compute_region_instance_group_manager.workers',
        365,
        0.021811,
        7.96,
      ],
      [
        'google_compute_region_instance_group_manager.workers',
        1460,
        0.002923,
        4.27,
      ],
      ['google_compute_instance_template.workers', 20, 0.1, 2],
      ['google_compute_forwarding_rule.workers', 730, 0.025, 18.25],
    ]);
    const n2 = estimate(
      variant('gcp-variation-dev', s => {
        const vm = s.spec.components.find((c: any) => c.type === 'vm-group');
        vm.instanceType = 'n2-standard-2';
        vm.desiredCount = 2;
        vm.minCount = 2;
      }),
    );
    if (!n2.ok) throw new Error(JSON.stringify(n2.problems));
    const compute = n2.estimate.lines.filter(
      l =>
        l.resource === 'google_compute_region_instance_group_manager.workers',
    );
    // n2-standard-2: 2 × 0.031611 + 8 × 0.004237 = 0.097118 per hour, 2 instances.
    expect(compute.map(l => l.monthly)).toEqual([92.3, 49.49]);
    expect(compute[0].description).toMatch(/before the sustained-use discount/);
    const bad = estimate(
      variant('gcp-variation-dev', s => {
        s.spec.components.find((c: any) => c.type === 'vm-group').instanceType =
          'c3-standard-4';
      }),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/^spec\.components\[\d+\]\.instanceType$/),
        message: expect.stringContaining(
          '"c3-standard-4" is not a known gcp instance type in us-central1 (known: e2-micro, e2-small',
        ),
      }),
    ]);
  });

  it('reports every price the region lacks at its field path, never as zero (europe-west1, europe-west3)', () => {
    const r = estimate(cases['integration-platform-gcp']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.unpricedRegion).toBe(true);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'spec.components[1].size',
          message: expect.stringContaining(
            'no memorystore.standard.M1 price in europe-west1',
          ),
        }),
        expect.objectContaining({
          path: 'spec.region',
          message: expect.stringContaining(
            'no lb.forwardingRule price in europe-west1',
          ),
        }),
      ]),
    );
    // The three buckets are priced at Belgium's rate now: no problem names them.
    expect(r.problems.map(p => p.message).join('\n')).not.toMatch(/gcs\./);
    const prod = estimate(cases['gcp-variation-prod']);
    expect(prod.ok).toBe(false);
    if (prod.ok) return;
    expect(prod.problems.map(p => p.path)).toEqual(
      expect.arrayContaining([
        'spec.components[0].size',
        'spec.components[0].storageGb',
        // standard-5gb with 2 replicas: the read replica beyond the Standard tier's one.
        'spec.components[1].replicas',
      ]),
    );
  });

  it('says where sustained-use discounts would apply and which free grants it leaves out', () => {
    const r = estimate(cases['gcp-variation-staging']);
    if (!r.ok) throw new Error('not priced');
    const words = r.estimate.assumptions!.join('\n');
    expect(words).toMatch(
      /Sustained-use discounts are not modelled: Compute Engine N1\/N2/,
    );
    expect(words).toMatch(/Free grants left out/);
    expect(words).toMatch(/MongoDB Atlas .*mongodb\.com\/pricing/);
  });

  it('says that the Private Service Connect endpoints to Atlas are not priced, in prod only', () => {
    const pricer = createGcpPricer();
    const said = (name: string) =>
      pricer
        .assumptions(resolveCase({ name, spec: cases[name] }))
        .filter(a =>
          /Private Service Connect endpoints to MongoDB Atlas/.test(a),
        );
    expect(said('gcp-variation-prod')).toEqual([
      expect.stringMatching(
        /^Not priced: the 50 Private Service Connect endpoints to MongoDB Atlas of docs /,
      ),
    ]);
    expect(said('gcp-variation-dev')).toEqual([]);
  });

  it('refuses a region without a catalog file at spec.region, naming the refresh command', () => {
    const pricer = createGcpPricer(() =>
      loadGcpPriceCatalog(defaultGcpPricesDir()),
    );
    const spec = variant('gcp-variation-dev', s => {
      s.spec.region = 'southamerica-east1';
    });
    const r = estimateSpec(spec, {
      today: PRICING_DAY,
      pricers: { gcp: pricer },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0].path).toBe('spec.region');
    expect(r.problems[0].message).toMatch(
      /"southamerica-east1" has no gcp price catalog yet.*terrace prices refresh --cloud gcp --region southamerica-east1/,
    );
  });

  it('validates Cloud SQL tiers and Memorystore sizes against the prices of the region', () => {
    const bad = variant('gcp-variation-dev', s => {
      s.spec.components[0].size = 'db-custom-3-7680';
      s.spec.components[1].size = 'basic-500gb';
    });
    const r = estimate(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'spec.components[0].size',
          message: expect.stringMatching(
            /"db-custom-3-7680" is not a known gcp postgres size in us-central1 \(known: db-f1-micro, db-g1-small, db-custom-1-3840/,
          ),
        }),
        expect.objectContaining({ path: 'spec.components[1].size' }),
      ]),
    );
    expect(cloudSqlTier('db-custom-4-15360')).toEqual({
      kind: 'custom',
      vcpus: 4,
      memoryGib: 15,
    });
    expect(cloudSqlTier('db-n1-standard-1')).toBeUndefined();
    expect(
      [1, 4, 5, 10, 11, 35, 36, 100, 101].map(memorystoreCapacityTier),
    ).toEqual(['M1', 'M1', 'M2', 'M2', 'M3', 'M3', 'M4', 'M4', 'M5']);
  });

  it('holds a file for each promised region, every price with its SKU description and source', () => {
    const catalog = loadGcpPriceCatalog(defaultGcpPricesDir());
    expect(catalog.regionNames()).toEqual(
      expect.arrayContaining([
        'us-central1',
        'us-east1',
        'us-west1',
        'europe-west1',
        'europe-west3',
        'europe-west2',
        'asia-southeast1',
        'australia-southeast1',
        'asia-northeast1',
      ]),
    );
    expect(catalog.completeRegionNames()).toContain('us-central1');
    const p = catalog.price('cloudsql.postgres.zonal.vcpu', 'europe-west2');
    expect(p.sku).toEqual({
      id: '3E1A-85BB-7956',
      description: 'Cloud SQL for PostgreSQL: Zonal - vCPU in London',
    });
  });

  it.each([
    // Cyclenerd pricing.yml (fd66b26, generated 2026-07-30), per hour: e2-standard-2 and n2-standard-2,
    // the machine types the per-vCPU and per-GiB rates were not solved from.
    ['europe-west1', 'Belgium', 0.07371546, 0.106834, 0.1, 0.02],
    ['europe-west3', 'Frankfurt', 0.08633556, 0.125124, 0.12, 0.023],
  ])(
    '%s prices Compute Engine and Cloud Storage from its own recorded rates, each with its SKU and dated source',
    (region, location, e2Standard2, n2Standard2, balanced, standard) => {
      const catalog = loadGcpPriceCatalog(defaultGcpPricesDir());
      const p = (group: string) => catalog.price(group, region);
      // 2 vCPUs + 8 GiB reproduce the recorded machine-type prices.
      expect(2 * p('gce.e2.core').usd + 8 * p('gce.e2.ram').usd).toBeCloseTo(
        e2Standard2,
        9,
      );
      expect(2 * p('gce.n2.core').usd + 8 * p('gce.n2.ram').usd).toBeCloseTo(
        n2Standard2,
        9,
      );
      expect(p('gce.pd.balanced').usd).toBe(balanced);
      expect(p('gcs.standard').usd).toBe(standard);
      expect(p('gce.e2.core').sku).toEqual({
        id: null,
        description: `E2 Instance Core running in ${location}`,
      });
      expect(p('gcs.standard').sku.description).toBe(
        `Standard Storage ${location}`,
      );
      for (const group of [
        'gce.e2.core',
        'gce.e2.ram',
        'gce.n2.core',
        'gce.n2.ram',
        'gce.pd.balanced',
        'gcs.standard',
      ]) {
        expect(p(group).url).toBe(
          'https://github.com/Cyclenerd/google-cloud-pricing-cost-calculator/blob/fd66b26ff84fee5cdd94f341ea89206e76c06b99/pricing.yml',
        );
        expect(p(group).retrieved).toBe('2026-12-01');
      }
      // Compute differs from Iowa's (disk and storage happen to cost the same in Belgium).
      for (const group of [
        'gce.e2.core',
        'gce.e2.ram',
        'gce.n2.core',
        'gce.n2.ram',
      ]) {
        expect(p(group).usd).toBeGreaterThan(
          catalog.price(group, 'us-central1').usd,
        );
      }
      // What the region still lacks (the README's table says the same).
      expect(catalog.missingGroups(region)).toEqual(
        catalog
          .pricedParts()
          .filter(g =>
            /^(cloudsql\.|memorystore\.(basic|standard)\.|lb\.forwardingRule)/.test(
              g,
            ),
          ),
      );
    },
  );

  it('estimates a europe-west1 environment of buckets and secrets at Belgium rates, hand-checked', () => {
    const r = estimate({
      apiVersion: 'terrace.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'files-dev', owner: 'group:default/files' },
      spec: {
        cloud: 'gcp',
        region: 'europe-west1',
        tier: 'dev',
        components: [
          { name: 'inbound', type: 'bucket', storageGb: 200 },
          { name: 'app', type: 'secrets', names: ['api-key'] },
        ],
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.estimate.prices.source).toBe(
      'Terrace GCP price catalog 2026.12.0, europe-west1 (Belgium)',
    );
    const bucket = r.estimate.lines.find(l => l.component === 'inbound')!;
    // 200 GiB × 0.02 (Cyclenerd pricing.yml storage.bucket.standard europe-west1) = $4.00.
    expect([bucket.quantity, bucket.unitPrice, bucket.monthly]).toEqual([
      200, 0.02, 4,
    ]);
  });

  it('rejects a catalog file with a price of an unknown source, naming the file and field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcp-prices-'));
    const file = JSON.parse(
      fs.readFileSync(
        path.join(defaultGcpPricesDir(), 'us-west1.json'),
        'utf8',
      ),
    );
    file.prices['nat.data'].source = 'nowhere';
    fs.writeFileSync(path.join(dir, 'us-west1.json'), JSON.stringify(file));
    expect(() => loadGcpPriceCatalog(dir)).toThrow(
      'us-west1.json: prices.nat.data.source: unknown source "nowhere"',
    );
  });
});
