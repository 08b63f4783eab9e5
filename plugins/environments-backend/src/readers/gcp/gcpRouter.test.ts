import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { environmentsPlugin } from '../../plugin';
import {
  FakeGoogleApis,
  STS_ACCESS_TOKEN,
} from './__testUtils__/fakeGoogleApis';

jest.setTimeout(120_000);

/**
 * A Google Cloud environment entity through the whole backend: the real catalog, the plugin's
 * default readers registry (which adds the GCP readers because `environments.gcp` is set) and
 * google-auth-library's Application Default Credentials as in production on workload identity
 * federation: an `external_account` credential file whose Security Token Service is the fake
 * server on 127.0.0.1. Every Google call goes to that server.
 */
const google = new FakeGoogleApis();
const TABLE =
  'billing-admin.billing_export.gcp_billing_export_v1_0A1B2C_3D4E5F_6A7B8C';

function environmentEntity(name: string, accountId: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': 'url:http://127.0.0.1/gcp',
        'backstage.io/managed-by-origin-location': 'url:http://127.0.0.1/gcp',
        'terrace.dev/cloud': 'gcp',
        'terrace.dev/region': 'europe-west1',
        'terrace.dev/account-id': accountId,
        'terrace.dev/tier': 'prod',
      },
    },
    spec: { type: 'environment', owner: 'group:default/shop' },
  };
}

const entities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'gcp-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'gcp',
          connect: async connection => {
            await connection.applyMutation({
              type: 'full',
              entities: [
                {
                  entity: environmentEntity('shop', 'terrace-shop-prod'),
                  locationKey: 'gcp',
                },
                {
                  entity: environmentEntity('shop-typo', 'Terrace_Shop'),
                  locationKey: 'gcp',
                },
              ],
            });
          },
        });
      },
    });
  },
});

describe('a Google Cloud environment on the status API', () => {
  let server: any;
  let dir: string;
  const saved = { ...process.env };
  const auth = {
    Authorization: mockCredentials.user.header('user:default/alice'),
  };

  beforeAll(async () => {
    const baseUrl = await google.start();
    dir = mkdtempSync(join(tmpdir(), 'terrace-gcp-'));
    const subjectToken = join(dir, 'subject-token');
    writeFileSync(subjectToken, 'eyJhbGciOiJSUzI1NiJ9.test-subject.signature');
    const credentials = join(dir, 'credentials.json');
    writeFileSync(
      credentials,
      JSON.stringify({
        type: 'external_account',
        audience:
          '//iam.googleapis.com/projects/804142017655/locations/global/workloadIdentityPools/backstage/providers/k8s',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${baseUrl}/v1/token`,
        credential_source: { file: subjectToken },
      }),
    );
    process.env.GOOGLE_APPLICATION_CREDENTIALS = credentials;
    // never the real metadata server, should anything ask
    process.env.GCE_METADATA_HOST = baseUrl.replace('http://', '');
    process.env.METADATA_SERVER_DETECTION = 'none';

    const backend = await startTestBackend({
      features: [
        environmentsPlugin,
        catalogPlugin,
        entities,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource', 'Location'] }],
              processingInterval: { seconds: 1 },
            },
            environments: {
              gcp: {
                projects: [{ projectId: 'terrace-shop-prod', title: 'Shop' }],
                endpoint: baseUrl,
                billingExportTable: TABLE,
                maxAttempts: 1,
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    for (let i = 0; i < 100; i++) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/resource/default/shop')
        .set(auth);
      if (res.status === 200) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
    await google.stop();
  });

  it('answers the four sections from the Google APIs, signed with the workload identity token', async () => {
    const get = (section: string) =>
      request(server)
        .get(`/api/environments/v1/environments/default/shop/${section}`)
        .set(auth);
    const [resources, alarms, backups, cost] = await Promise.all([
      get('resources'),
      get('alarms'),
      get('backups'),
      get('cost'),
    ]);
    expect(resources.status).toBe(200);
    expect(resources.body.error).toBeUndefined();
    expect(resources.body.status).toBe('ok');
    expect(resources.body.items.map((i: any) => i.name)).toEqual([
      'shop-api',
      'shop-assets-7f3a',
      'shop-cache',
      'shop-cdn-backend',
      'shop-db',
    ]);
    expect(alarms.body).toMatchObject({
      status: 'ok',
      items: [
        { name: 'shop/db/cpu-high', state: 'ALARM' },
        { name: 'shop/db/free-storage-low', state: 'OK' },
      ],
    });
    expect(backups.body.status).toBe('ok');
    expect(backups.body.items.map((b: any) => b.resource)).toEqual([
      'shop-assets-7f3a',
      'shop-db',
    ]);
    expect(cost.body).toMatchObject({
      status: 'ok',
      currency: 'EUR',
      monthToDate: 50.75,
      byService: [
        { service: 'Cloud SQL', amount: 40.5 },
        { service: 'Cloud Run', amount: 10.25 },
      ],
    });

    // the credential exchange, then every API call with the token it issued
    const sts = google.seen.filter(r => r.path === '/v1/token');
    expect(sts.length).toBeGreaterThanOrEqual(1);
    expect(String(sts[0].body)).toContain(
      'subject_token=eyJhbGciOiJSUzI1NiJ9.test-subject.signature',
    );
    const calls = google.seen.filter(r => r.path !== '/v1/token');
    expect(new Set(calls.map(r => r.path))).toEqual(
      new Set([
        '/v1/projects/terrace-shop-prod:searchAllResources',
        '/v3/projects/terrace-shop-prod/alertPolicies',
        '/v3/projects/terrace-shop-prod/alerts',
        '/v1/projects/terrace-shop-prod/instances',
        '/v1/projects/terrace-shop-prod/instances/-/backupRuns',
        '/storage/v1/b',
        '/bigquery/v2/projects/billing-admin/queries',
      ]),
    );
    expect(
      calls.every(r => r.authorization === `Bearer ${STS_ACCESS_TOKEN}`),
    ).toBe(true);
  });

  it('says what is wrong with a project id that breaks GCP rules, without calling Google', async () => {
    const before = google.seen.length;
    const res = await request(server)
      .get('/api/environments/v1/environments/default/shop-typo/resources')
      .set(auth);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('not-configured');
    expect(res.body.error).toContain(
      'The annotation terrace.dev/account-id of resource:default/shop-typo is "Terrace_Shop"; set it to the Google Cloud project id',
    );
    expect(google.seen.length).toBe(before);
  });
});
