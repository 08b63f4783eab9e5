import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { OAuth2Client } from 'google-auth-library';
import type { EnvironmentRef } from '../locate/locateEnvironment';
import { createDefaultEnvironmentStatusService } from './defaultFactory';
import { StatusReadersRegistry } from '../readers/registry';
import {
  gcpStatusReadersFromConfig,
  type GcpCallListener,
} from '../readers/gcp';
import { FakeGoogleApis } from '../readers/gcp/__testUtils__/fakeGoogleApis';

jest.setTimeout(30_000);

const TABLE =
  'billing-admin.billing_export.gcp_billing_export_v1_0A1B2C_3D4E5F_6A7B8C';
const google = new FakeGoogleApis();
let baseUrl: string;

beforeAll(async () => {
  baseUrl = await google.start();
});
afterAll(() => google.stop());
beforeEach(() => google.reset());

function env(name: string, project: string, region: string): EnvironmentRef {
  return {
    entityRef: `resource:default/${name}`,
    namespace: 'default',
    name,
    cloud: 'gcp',
    accountId: project,
    region,
    tier: 'prod',
  };
}

/** The status service as the plugin builds it, with the GCP readers of app-config and a fresh cache. */
function statusService(listener: GcpCallListener) {
  const auth = new OAuth2Client();
  auth.setCredentials({
    access_token: 'ya29.test-token',
    expiry_date: Date.now() + 3_600_000,
  });
  const config = new ConfigReader({
    environments: {
      gcp: { endpoint: baseUrl, billingExportTable: TABLE, maxAttempts: 1 },
    },
  });
  return createDefaultEnvironmentStatusService({
    config,
    cache: CacheManager.fromConfig(new ConfigReader({})).forPlugin(
      'environments',
    ),
    logger: mockServices.logger.mock(),
    readers: new StatusReadersRegistry(
      gcpStatusReadersFromConfig(config, { auth, listener }),
    ),
  });
}

/** Every section of every environment, then the overview: one full refresh. */
async function refreshAll(environments: EnvironmentRef[]) {
  const calls: Record<string, number> = {};
  const service = statusService(call => {
    calls[call.api] = (calls[call.api] ?? 0) + 1;
  });
  await Promise.all(
    environments.flatMap(e => [
      service.getResources(e),
      service.getAlarms(e),
      service.getBackups(e),
      service.getCost(e),
    ]),
  );
  await service.getOverview(environments);
  return calls;
}

describe('GCP readers in the status service', () => {
  it('answers the four sections of a GCP environment from the Google APIs', async () => {
    const service = statusService(() => {});
    const shop = env('shop', 'terrace-shop-prod', 'europe-west1');
    const [resources, alarms, backups, cost] = await Promise.all([
      service.getResources(shop),
      service.getAlarms(shop),
      service.getBackups(shop),
      service.getCost(shop),
    ]);
    expect(resources.status).toBe('ok');
    expect(resources.items.map(i => i.name)).toContain('shop-db');
    expect(alarms).toMatchObject({
      status: 'ok',
      items: [{ name: 'shop/db/cpu-high', state: 'ALARM' }, { state: 'OK' }],
    });
    expect(backups.status).toBe('ok');
    expect(backups.items.map(b => [b.kind, b.resource])).toEqual([
      ['bucket', 'shop-assets-7f3a'],
      ['postgres', 'shop-db'],
    ]);
    expect(backups.items[0].health).toBe('ok');
    expect(cost).toMatchObject({
      status: 'ok',
      currency: 'EUR',
      tagActive: true,
      monthToDate: 50.75,
      lastMonth: 80,
      forecastBasis: 'linear',
    });
  });

  it('degrades only the failing card: a denied Cloud SQL listing leaves the others ok', async () => {
    google.routes.push(req =>
      req.path.includes('/instances')
        ? {
            status: 403,
            body: {
              error: {
                code: 403,
                message: 'The client is not authorized to make this request.',
                status: 'PERMISSION_DENIED',
              },
            },
          }
        : undefined,
    );
    const service = statusService(() => {});
    const shop = env('shop', 'terrace-shop-prod', 'europe-west1');
    const backups = await service.getBackups(shop);
    expect(backups.status).toBe('error');
    expect(backups.error).toContain(
      "Grant the portal's service account roles/cloudsql.viewer",
    );
    expect((await service.getResources(shop)).status).toBe('ok');
    expect((await service.getAlarms(shop)).status).toBe('ok');
    expect((await service.getCost(shop)).status).toBe('ok');
  });

  it('makes calls that grow with projects, not with environments or regions', async () => {
    const two = [
      env('shop', 'terrace-shop-prod', 'europe-west1'),
      env('shop-staging', 'terrace-shop-prod', 'us-central1'),
    ];
    const many = [
      ...two,
      env('shop-eu', 'terrace-shop-prod', 'europe-west3'),
      env('shop-asia', 'terrace-shop-prod', 'asia-southeast1'),
      env('shop-us', 'terrace-shop-prod', 'us-east1'),
      env('shop-dev', 'terrace-shop-prod', 'europe-west1'),
    ];
    const perProject = {
      cloudAsset: 2, // two pages of searchAllResources
      monitoring: 2, // alertPolicies + alerts
      sqlAdmin: 2, // instances + backupRuns of every instance
      storage: 1, // buckets
      bigQuery: 1, // one billing query
    };
    expect(await refreshAll(two)).toEqual(perProject);
    expect(await refreshAll(many)).toEqual(perProject);

    const threeProjects = [
      ...many,
      env('data', 'terrace-data', 'europe-west1'),
      env('data-eu', 'terrace-data', 'europe-west4'),
      env('ml', 'terrace-ml', 'us-central1'),
    ];
    const calls = await refreshAll(threeProjects);
    expect(calls).toEqual(
      Object.fromEntries(
        Object.entries(perProject).map(([api, n]) => [api, n * 3]),
      ),
    );
  });
});
