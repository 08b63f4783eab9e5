import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import request from 'supertest';
import { ConfigReader } from '@backstage/config';
import {
  answerWithFixtures,
  AzureArmStub,
  AZURE_PATHS,
  azureFixture,
  TEST_AZURE_TOKEN,
  TEST_SUBSCRIPTION,
  testAzureCredential,
} from '../../testing/azureArm';
import { environmentsPlugin } from '../../plugin';
import {
  environmentsStatusReadersExtensionPoint,
  statusReadersRegistryServiceRef,
} from '../registry';
import { azureStatusReadersFromConfig } from './index';

jest.setTimeout(120_000);

/**
 * An Azure environment entity through the whole status API: the real catalog, the plugin's
 * router and status service, and the Azure readers reading a local Azure Resource Manager stub
 * that answers with the documented shapes. The readers of the registry come from config
 * (`environments.azure`); the test replaces their credential through the extension point, as
 * there is no Microsoft Entra ID here.
 */
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'shop-staging',
    annotations: {
      'backstage.io/managed-by-location': 'url:http://127.0.0.1/azure',
      'backstage.io/managed-by-origin-location': 'url:http://127.0.0.1/azure',
      'terrace.dev/cloud': 'azure',
      'terrace.dev/region': 'westeurope',
      'terrace.dev/account-id': TEST_SUBSCRIPTION,
      'terrace.dev/tier': 'staging',
    },
  },
  spec: { type: 'environment', owner: 'group:default/shop' },
};

/** An Azure entity whose account annotation is not a subscription id. */
const misplaced: Entity = {
  ...entity,
  metadata: {
    name: 'shop-misplaced',
    annotations: {
      ...entity.metadata.annotations,
      'terrace.dev/account-id': 'shop-prod',
    },
  },
};

const entities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'azure-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'azure-test',
          connect: async connection => {
            await connection.applyMutation({
              type: 'full',
              entities: [
                { entity, locationKey: 'azure-test' },
                { entity: misplaced, locationKey: 'azure-test' },
              ],
            });
          },
        });
      },
    });
  },
});

describe('the status API of an Azure environment', () => {
  let stub: AzureArmStub;
  let server: any;
  let configuredClouds: string[] = [];
  let denyAlarms = false;
  const auth = {
    Authorization: mockCredentials.user.header('user:default/alice'),
  };

  beforeAll(async () => {
    stub = await AzureArmStub.start();
    answerWithFixtures(stub, `${new Date().toISOString().slice(0, 7)}-01`);
    stub.on('GET', AZURE_PATHS.metricAlerts, () =>
      denyAlarms
        ? { status: 403, body: azureFixture('error.authorizationFailed') }
        : undefined,
    );
    const azure = {
      endpoint: stub.endpoint,
      subscriptions: [{ subscriptionId: TEST_SUBSCRIPTION, title: 'Shop' }],
      maxRetries: 1,
      retryDelayMs: 10,
    };
    const testCredential = createBackendModule({
      pluginId: 'environments',
      moduleId: 'azure-test-credential',
      register(reg) {
        reg.registerInit({
          deps: {
            readers: environmentsStatusReadersExtensionPoint,
            registry: statusReadersRegistryServiceRef,
          },
          async init({ readers, registry }) {
            configuredClouds = registry.list().map(r => r.cloud);
            readers.addStatusReaders(
              azureStatusReadersFromConfig(
                new ConfigReader({ environments: { azure } }),
                { credential: testAzureCredential },
              ),
            );
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        environmentsPlugin,
        testCredential,
        catalogPlugin,
        entities,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource', 'Location'] }],
              processingInterval: { seconds: 1 },
            },
            environments: {
              azure,
              // a failed section is read again on the next request
              status: { cacheTtlMinutes: { errors: 0.0001 } },
            },
          },
        }),
      ],
    });
    server = backend.server;
    for (let i = 0; i < 100; i++) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/resource/default/shop-staging')
        .set(auth);
      if (res.status === 200) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  afterAll(() => stub.close());

  const section = (name: string) =>
    request(server)
      .get(`/api/environments/v1/environments/default/shop-staging/${name}`)
      .set(auth);

  it('has the Azure readers in its registry when environments.azure is configured', () => {
    expect(configuredClouds).toEqual(['aws', 'azure']);
  });

  it('asks for a subscription id when the account annotation is not one, in Azure words', async () => {
    let res;
    for (let i = 0; i < 50; i++) {
      res = await request(server)
        .get('/api/environments/v1/environments/default/shop-misplaced/cost')
        .set(auth);
      if (res.status !== 404) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    expect(res!.body).toMatchObject({
      status: 'not-configured',
      error:
        'The annotation terrace.dev/account-id of resource:default/shop-misplaced is "shop-prod"; set it to the Azure subscription id (a GUID)',
      configure: expect.stringContaining('Cost Management Reader'),
    });
  });

  it('degrades only the alarms card when Azure denies the alert rules', async () => {
    denyAlarms = true;
    const alarms = await section('alarms');
    denyAlarms = false;
    expect(alarms.status).toBe(200);
    expect(alarms.body).toMatchObject({
      status: 'error',
      error: expect.stringContaining(
        "grant the Backstage backend's identity the Monitoring Reader role on the subscription",
      ),
      items: [],
    });
    expect((await section('resources')).body.status).toBe('ok');
    expect((await section('cost')).body.status).toBe('ok');
  });

  it('answers the four sections from Azure', async () => {
    const resources = await section('resources');
    expect(resources.status).toBe(200);
    expect(resources.body).toMatchObject({ status: 'ok' });
    expect(resources.body.items.map((i: any) => i.name)).toEqual([
      'ca-shop-staging-api',
      'psql-shop-staging-db-3f9a1c',
      'shop-staging.db.cpu-high',
      'stshopstaging3f9a1c',
    ]);

    const alarms = await section('alarms');
    expect(alarms.body).toMatchObject({
      status: 'ok',
      items: [
        { name: 'shop-staging.db.cpu-high', state: 'ALARM' },
        { name: 'shop-staging.db.free-storage-low', state: 'OK' },
      ],
    });

    const backups = await section('backups');
    expect(backups.body.status).toBe('ok');
    expect(backups.body.items).toEqual([
      expect.objectContaining({
        kind: 'postgres',
        resource: 'psql-shop-staging-db-3f9a1c',
        retentionDays: 7,
      }),
      expect.objectContaining({
        kind: 'bucket',
        resource: 'stshopstaging3f9a1c',
        versioning: true,
        lifecycle: true,
      }),
    ]);

    const cost = await section('cost');
    expect(cost.body).toMatchObject({
      status: 'ok',
      currency: 'EUR',
      tagActive: true,
      monthToDate: 0.89,
      lastMonth: 9.99,
      forecastBasis: 'cloud',
      byService: [
        { service: 'Azure Database for PostgreSQL', amount: 0.73 },
        { service: 'Storage', amount: 0.12 },
        { service: 'Azure Container Apps', amount: 0.04 },
      ],
    });

    // every call carried the test credential's token
    expect(stub.requests.length).toBeGreaterThan(0);
    expect(
      stub.requests.every(
        r => r.authorization === `Bearer ${TEST_AZURE_TOKEN}`,
      ),
    ).toBe(true);
    expect(stub.seen(AZURE_PATHS.resourceGraph)).toHaveLength(2);
  });
});
