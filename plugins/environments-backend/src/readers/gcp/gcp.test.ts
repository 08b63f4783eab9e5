import { ConfigReader } from '@backstage/config';
import { OAuth2Client } from 'google-auth-library';
import { NotConfiguredError, SectionReadError } from '../errors';
import type { StatusReaders } from '../types';
import {
  createGcpStatusReaders,
  gcpStatusReadersFromConfig,
  GcpClient,
  type GcpReaderSettings,
} from './index';
import { billingQuery } from './cost';
import { FakeGoogleApis, fixture } from './__testUtils__/fakeGoogleApis';

jest.setTimeout(30_000);

const PROJECT = 'terrace-shop-prod';
const TABLE =
  'billing-admin.billing_export.gcp_billing_export_v1_0A1B2C_3D4E5F_6A7B8C';
const place = { accountId: PROJECT, region: 'europe-west1' };

/** google-auth-library's own OAuth2 client holding a fixed access token: no Google sign-in here. */
function fixedTokenAuth(token = 'ya29.test-token') {
  const auth = new OAuth2Client();
  auth.setCredentials({
    access_token: token,
    expiry_date: Date.now() + 3_600_000,
  });
  return auth;
}

const google = new FakeGoogleApis();
let baseUrl: string;

beforeAll(async () => {
  baseUrl = await google.start();
});
afterAll(() => google.stop());
beforeEach(() => google.reset());

function readers(
  settings: Partial<GcpReaderSettings> = {},
  client: Partial<ConstructorParameters<typeof GcpClient>[0]> = {},
): StatusReaders {
  return createGcpStatusReaders(
    new GcpClient({
      auth: fixedTokenAuth(),
      baseUrls: {
        cloudAsset: baseUrl,
        monitoring: baseUrl,
        sqlAdmin: baseUrl,
        storage: baseUrl,
        bigQuery: baseUrl,
      },
      retryBaseMs: 1,
      maxAttempts: 3,
      ...client,
    }),
    { projects: [], billingExportTable: TABLE, ...settings },
  );
}

const errorAnswer = (name: string, status: number) => ({
  status,
  body: fixture(name),
});

describe('GCP locate', () => {
  it("accepts a project id by GCP's rules and says what is wrong otherwise", () => {
    const r = readers();
    expect(r.locate('terrace-shop-prod', 'resource:default/shop')).toEqual({
      ok: true,
      accountId: 'terrace-shop-prod',
    });
    for (const bad of [
      'Shop-Prod',
      'shop',
      '1shop-prod',
      'shop-prod-',
      'shop_prod',
    ]) {
      const located = r.locate(bad, 'resource:default/shop');
      expect(located.ok).toBe(false);
      expect(!located.ok && located.problem).toContain(
        `terrace.dev/account-id of resource:default/shop is "${bad}"`,
      );
    }
  });

  it('reads only the configured projects when environments.gcp.projects lists some', () => {
    const r = readers({ projects: [{ projectId: 'terrace-data' }] });
    const located = r.locate(PROJECT, 'resource:default/shop');
    expect(located).toEqual({
      ok: false,
      problem: expect.stringContaining(
        'add it to environments.gcp.projects in app-config (it lists terrace-data)',
      ),
    });
  });
});

describe('GCP resources (Cloud Asset searchAllResources)', () => {
  it('reads every page of the labelled resources and attributes them by label, signed by the token', async () => {
    const result = await readers().readResources(place);
    expect(Object.keys(result).sort()).toEqual(['shop', 'shop-staging']);
    expect(result.shop.map(i => [i.component, i.type, i.name])).toEqual([
      ['api', 'run.googleapis.com/Service', 'shop-api'],
      ['assets', 'storage.googleapis.com/Bucket', 'shop-assets-7f3a'],
      ['cache', 'redis.googleapis.com/Instance', 'shop-cache'],
      ['cdn', 'compute.googleapis.com/BackendBucket', 'shop-cdn-backend'],
      ['db', 'sqladmin.googleapis.com/Instance', 'shop-db'],
    ]);
    expect(result.shop.find(i => i.name === 'shop-db')).toEqual({
      id: '//sqladmin.googleapis.com/projects/terrace-shop-prod/instances/shop-db',
      type: 'sqladmin.googleapis.com/Instance',
      category: 'database',
      name: 'shop-db',
      component: 'db',
      consoleUrl:
        'https://console.cloud.google.com/sql/instances/shop-db/overview?project=terrace-shop-prod',
    });
    expect(result['shop-staging'].map(i => i.category)).toEqual([
      'bucket',
      'database',
    ]);

    expect(google.seen.map(r => r.path)).toEqual([
      `/v1/projects/${PROJECT}:searchAllResources`,
      `/v1/projects/${PROJECT}:searchAllResources`,
    ]);
    expect(google.seen[0].query.get('query')).toBe(
      'labels.terrace-environment:*',
    );
    expect(google.seen[1].query.get('pageToken')).toBe(
      'CiAKGjBpNDd2Nm5zZjBxNGdlMGFzNTZ0NGMyaWhhEgIIAQ',
    );
    expect(
      google.seen.every(r => r.authorization === 'Bearer ya29.test-token'),
    ).toBe(true);
  });

  it('reads a project once for all its regions (the project-wide answer is shared)', async () => {
    const r = readers();
    const [west, central] = await Promise.all([
      r.readResources({ accountId: PROJECT, region: 'europe-west1' }),
      r.readResources({ accountId: PROJECT, region: 'us-central1' }),
    ]);
    expect(west).toEqual(central);
    await r.readResources({ accountId: PROJECT, region: 'asia-southeast1' });
    // two pages, once
    expect(google.seen).toHaveLength(2);
  });
});

describe('GCP alarms (alert policies and open alerts)', () => {
  it('shows each Terrace policy with the state of its open alert', async () => {
    const result = await readers().readAlarms(place);
    expect(Object.keys(result).sort()).toEqual(['shop', 'shop-staging']);
    expect(result.shop).toEqual([
      {
        name: 'shop/db/cpu-high',
        component: 'db',
        check: 'cpu-high',
        state: 'ALARM',
        reason:
          'Open alert: CPU of the database above 80 % (database_id=terrace-shop-prod:shop-db, region=europe-west1)',
        updatedAt: '2026-12-01T08:41:07.118Z',
        metric: 'cloudsql.googleapis.com/database/cpu/utilization',
        namespace: 'cloudsql_database',
        threshold: 0.8,
        comparison: 'COMPARISON_GT',
        signal: 'cpu',
        direction: 'above',
        consoleUrl:
          'https://console.cloud.google.com/monitoring/alerting/policies/12400183422358374912?project=terrace-shop-prod',
      },
      expect.objectContaining({
        name: 'shop/db/free-storage-low',
        state: 'OK',
        reason: 'No open alert',
        signal: 'free-storage',
        direction: 'below',
      }),
    ]);
    expect(result['shop-staging']).toEqual([
      expect.objectContaining({
        name: 'shop-staging/db/cpu-high',
        state: 'INSUFFICIENT_DATA',
        reason:
          'The alert policy is disabled, so Cloud Monitoring does not evaluate it',
      }),
    ]);
    const alerts = google.seen.find(r => r.path.endsWith('/alerts'));
    expect(alerts?.query.get('filter')).toBe('state = "OPEN"');
  });

  it('keeps a policy whose terrace-environment label disagrees with its name out', async () => {
    const policies = fixture('alertPolicies') as any;
    policies.alertPolicies[0].userLabels['terrace-environment'] = 'other';
    google.routes.push(req =>
      req.path.endsWith('/alertPolicies')
        ? { status: 200, body: policies }
        : undefined,
    );
    const result = await readers().readAlarms(place);
    expect(result.shop.map(a => a.name)).toEqual(['shop/db/free-storage-low']);
  });
});

describe('GCP backups (Cloud SQL backup runs, buckets)', () => {
  it('reads backup configuration, the newest runs and bucket versioning in three listings', async () => {
    const r = readers();
    const resources = await r.readResources(place);
    google.reset();
    const result = await r.readBackups(place, resources);
    expect(result.shop).toEqual([
      {
        component: 'assets',
        kind: 'bucket',
        resource: 'shop-assets-7f3a',
        versioning: true,
        lifecycle: true,
      },
      {
        component: 'db',
        kind: 'postgres',
        resource: 'shop-db',
        retentionDays: 14,
        snapshotCount: 3,
        latestAutomatedSnapshotAt: '2026-12-01T03:04:55.870Z',
        latestManualSnapshotAt: '2026-11-28T14:25:02.443Z',
      },
    ]);
    expect(result['shop-staging']).toEqual([
      {
        component: 'assets',
        kind: 'bucket',
        resource: 'shop-staging-assets-91bc',
        versioning: false,
        lifecycle: false,
      },
      {
        component: 'db',
        kind: 'postgres',
        resource: 'shop-staging-db',
        retentionDays: 0,
        snapshotCount: 0,
      },
    ]);
    expect(google.seen.map(s => s.path).sort()).toEqual([
      `/storage/v1/b`,
      `/v1/projects/${PROJECT}/instances`,
      `/v1/projects/${PROJECT}/instances/-/backupRuns`,
    ]);
    expect(
      google.seen.find(s => s.path === '/storage/v1/b')?.query.get('project'),
    ).toBe(PROJECT);
  });

  it('calls nothing when no database or bucket is labelled', async () => {
    const result = await readers().readBackups(place, {
      shop: [{ id: 'x', type: 'run.googleapis.com/Service', name: 'api' }],
    });
    expect(result).toEqual({});
    expect(google.seen).toHaveLength(0);
  });
});

describe('GCP cost (BigQuery billing export)', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it('splits month to date and last month by the terrace-environment label and service', async () => {
    const cost = await readers().readCost(PROJECT, now);
    expect(cost).toEqual({
      currency: 'EUR',
      tagActive: true,
      accountMonthToDate: 68.05,
      forecastError:
        'The BigQuery billing export has no forecast; month to date is extrapolated',
      monthStart: '2026-12-01',
      nextMonthStart: '2027-01-01',
      byEnvironment: {
        shop: {
          monthToDate: 50.75,
          lastMonth: 80,
          byService: [
            { service: 'Cloud SQL', amount: 40.5 },
            { service: 'Cloud Run', amount: 10.25 },
          ],
        },
        'shop-staging': {
          monthToDate: 12.3,
          lastMonth: 0,
          byService: [{ service: 'Cloud SQL', amount: 12.3 }],
        },
      },
    });
    expect(google.seen).toHaveLength(1);
    const [query] = google.seen;
    expect(query.method).toBe('POST');
    expect(query.path).toBe('/bigquery/v2/projects/billing-admin/queries');
    expect(query.authorization).toBe('Bearer ya29.test-token');
    expect(query.body).toMatchObject({
      query: billingQuery(TABLE),
      useLegacySql: false,
      parameterMode: 'NAMED',
    });
    const params = Object.fromEntries(
      query.body.queryParameters.map((p: any) => [
        p.name,
        p.parameterValue.value,
      ]),
    );
    expect(params).toEqual({
      project: PROJECT,
      label_key: 'terrace-environment',
      last_month_start: '2026-11-01',
      month_start: '2026-12-01',
      next_month_start: '2027-01-01',
    });
    expect(query.body.query).toContain(`FROM \`${TABLE}\``);
  });

  it('says the label carries no cost when no row has it', async () => {
    google.routes.push(req =>
      req.path.endsWith('/queries')
        ? { status: 200, body: fixture('bigquery-query-unlabelled') }
        : undefined,
    );
    const cost = await readers().readCost(PROJECT, now);
    expect(cost).toMatchObject({
      currency: 'USD',
      tagActive: false,
      accountMonthToDate: 31.7,
      byEnvironment: {},
    });
  });

  it('retries a 503 of jobs.query with the same requestId, so BigQuery runs one job', async () => {
    let failed = 0;
    google.routes.push(req =>
      req.method === 'POST' && failed++ === 0
        ? errorAnswer('error-503', 503)
        : undefined,
    );
    const cost = await readers().readCost(PROJECT, now);
    expect(cost.byEnvironment.shop.monthToDate).toBe(50.75);
    expect(google.seen).toHaveLength(2);
    expect(google.seen[0].body.requestId).toMatch(/^[a-zA-Z0-9-_]{1,36}$/);
    expect(google.seen[1].body.requestId).toBe(google.seen[0].body.requestId);
  });

  it('follows a job that has not finished with getQueryResults', async () => {
    google.routes.push(req =>
      req.method === 'POST'
        ? {
            status: 200,
            body: {
              kind: 'bigquery#queryResponse',
              jobReference: {
                projectId: 'billing-admin',
                jobId: 'job_slow',
                location: 'EU',
              },
              jobComplete: false,
            },
          }
        : undefined,
    );
    google.routes.push(req =>
      req.path === '/bigquery/v2/projects/billing-admin/queries/job_slow'
        ? { status: 200, body: fixture('bigquery-query') }
        : undefined,
    );
    const cost = await readers().readCost(PROJECT, now);
    expect(cost.byEnvironment.shop.monthToDate).toBe(50.75);
    expect(google.seen[1].query.get('location')).toBe('EU');
  });

  it('is not-configured without a billing export table, saying what to set', async () => {
    const r = readers({ billingExportTable: undefined });
    await expect(r.readCost(PROJECT, now)).rejects.toThrow(NotConfiguredError);
    await expect(r.readCost(PROJECT, now)).rejects.toThrow(
      /set environments\.gcp\.billingExportTable .* to its project\.dataset\.table/,
    );
    expect(google.seen).toHaveLength(0);
  });

  it('uses the billing export table of the project entry and the configured query project', async () => {
    const own =
      'shop-billing.export.gcp_billing_export_v1_AAAAAA_BBBBBB_CCCCCC';
    const r = readers({
      projects: [{ projectId: PROJECT, billingExportTable: own }],
      billingQueryProject: 'terrace-portal',
    });
    await r.readCost(PROJECT, now);
    expect(google.seen[0].path).toBe(
      '/bigquery/v2/projects/terrace-portal/queries',
    );
    expect(google.seen[0].body.query).toContain(`FROM \`${own}\``);
  });
});

describe('GCP errors degrade one section with what to do', () => {
  it.each([
    [
      'resources',
      'roles/cloudasset.viewer',
      (r: StatusReaders) => r.readResources(place),
    ],
    [
      'alarms',
      'roles/monitoring.viewer',
      (r: StatusReaders) => r.readAlarms(place),
    ],
    [
      'backups',
      'roles/cloudsql.viewer',
      (r: StatusReaders) =>
        r.readBackups(place, {
          shop: [
            {
              id: '//sqladmin.googleapis.com/projects/terrace-shop-prod/instances/shop-db',
              type: 'sqladmin.googleapis.com/Instance',
              name: 'shop-db',
            },
          ],
        }),
    ],
    [
      'cost',
      'roles/bigquery.jobUser (on the project that runs the query) and roles/bigquery.dataViewer',
      (r: StatusReaders) => r.readCost(PROJECT, new Date()),
    ],
  ])(
    'names the role to grant when Google denies %s (403)',
    async (_, role, read) => {
      google.routes.push(() => errorAnswer('error-403', 403));
      const error = await read(readers()).catch(e => e);
      expect(error).toBeInstanceOf(SectionReadError);
      expect(error.message).toContain('(403 PERMISSION_DENIED)');
      expect(error.message).toContain(
        `Grant the portal's service account ${role}`,
      );
      // a 403 is not retried
      expect(google.seen.length).toBeLessThanOrEqual(2);
    },
  );

  it('says the credentials were rejected on 401', async () => {
    google.routes.push(() => errorAnswer('error-401', 401));
    await expect(readers().readResources(place)).rejects.toThrow(
      /Google rejected the portal's credentials \(401 UNAUTHENTICATED\) for the Cloud Asset API, searchAllResources, project terrace-shop-prod.*Application Default Credentials/,
    );
  });

  it('says which API to enable when Google answers SERVICE_DISABLED', async () => {
    google.routes.push(() => errorAnswer('error-service-disabled', 403));
    await expect(readers().readResources(place)).rejects.toThrow(
      'Enable cloudasset.googleapis.com in that project',
    );
  });

  it('retries 429 and then reads', async () => {
    let throttled = 0;
    google.routes.push(() =>
      throttled++ < 2 ? errorAnswer('error-429', 429) : undefined,
    );
    const result = await readers().readResources(place);
    expect(result.shop).toHaveLength(5);
    // two throttled attempts, then the two pages
    expect(google.seen).toHaveLength(4);
  });

  it('gives up on a lasting 429 after maxAttempts, saying so', async () => {
    google.routes.push(() => errorAnswer('error-429', 429));
    await expect(readers().readAlarms(place)).rejects.toThrow(
      /Google throttled the Cloud Monitoring API, alert(Policies|s)\.list, project terrace-shop-prod \(429 RESOURCE_EXHAUSTED\) after 3 attempts/,
    );
  });

  it('turns a lasting 5xx into a SectionReadError for that section only', async () => {
    google.routes.push(req =>
      req.path.includes('searchAllResources')
        ? errorAnswer('error-503', 503)
        : undefined,
    );
    const r = readers();
    await expect(r.readResources(place)).rejects.toThrow(
      'The Cloud Asset API, searchAllResources, project terrace-shop-prod failed (503 UNAVAILABLE): The service is currently unavailable. after 3 attempts',
    );
    // the other sections still read
    await expect(r.readAlarms(place)).resolves.toHaveProperty('shop');
  });
});

describe('GCP readers from app-config', () => {
  it('joins only when environments.gcp is set', () => {
    const auth = fixedTokenAuth();
    expect(gcpStatusReadersFromConfig(new ConfigReader({}), { auth })).toEqual(
      [],
    );
    const [gcp] = gcpStatusReadersFromConfig(
      new ConfigReader({
        environments: { gcp: { projects: [{ projectId: PROJECT }] } },
      }),
      { auth },
    );
    expect(gcp.cloud).toBe('gcp');
    expect(gcp.accountHint).toBe('the Google Cloud project id');
  });

  it('refuses a project id or export table that breaks the rules, naming the key', () => {
    const auth = fixedTokenAuth();
    expect(() =>
      gcpStatusReadersFromConfig(
        new ConfigReader({
          environments: { gcp: { projects: [{ projectId: 'Shop' }] } },
        }),
        { auth },
      ),
    ).toThrow('environments.gcp.projects[0].projectId is "Shop"');
    expect(() =>
      gcpStatusReadersFromConfig(
        new ConfigReader({
          environments: {
            gcp: { billingExportTable: 'billing; DROP TABLE x' },
          },
        }),
        { auth },
      ),
    ).toThrow('environments.gcp.billingExportTable is "billing; DROP TABLE x"');
  });
});
