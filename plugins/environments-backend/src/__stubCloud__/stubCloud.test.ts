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
import {
  environmentsStatusReadersExtensionPoint,
  NotConfiguredError,
  type StatusReaders,
} from '../index';
import { environmentsPlugin } from '../plugin';

jest.setTimeout(120_000);

/**
 * A cloud added through the extension point alone: a backend module registers stub Google Cloud
 * readers, and the status API answers a gcp environment's sections from them. Nothing outside
 * this folder knows the stub; the catalog is the real one.
 */
const places: string[] = [];

const stubReaders: StatusReaders = {
  cloud: 'gcp',
  displayName: 'Google Cloud',
  accountHint: 'the Google Cloud project id',
  locate: accountId => ({ ok: true, accountId }),
  configure: {
    resources: 'Grant the portal roles/cloudasset.viewer on the project.',
    alarms: 'Grant the portal roles/monitoring.viewer on the project.',
    backups: 'Grant the portal roles/cloudsql.viewer on the project.',
    cost: 'Export the billing account to BigQuery.',
  },
  async readResources() {
    throw new NotConfiguredError('No credentials for project shop-prod');
  },
  async readAlarms(place) {
    places.push(`${place.accountId}/${place.region}`);
    return {
      'stub-shop': [
        {
          name: 'stub-shop/db/cpu-high',
          component: 'db',
          check: 'cpu-high',
          state: 'ALARM',
        },
      ],
    };
  },
  async readBackups() {
    return {};
  },
  async readCost() {
    throw new NotConfiguredError('No billing export');
  },
  costTagInactive: () => 'Label the resources with terrace-environment.',
};

const stubCloud = createBackendModule({
  pluginId: 'environments',
  moduleId: 'stub-cloud',
  register(reg) {
    reg.registerInit({
      deps: { readers: environmentsStatusReadersExtensionPoint },
      async init({ readers }) {
        readers.addStatusReaders(stubReaders);
      },
    });
  },
});

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'stub-shop',
    annotations: {
      'backstage.io/managed-by-location': 'url:http://127.0.0.1/stub',
      'backstage.io/managed-by-origin-location': 'url:http://127.0.0.1/stub',
      'terrace.dev/cloud': 'gcp',
      'terrace.dev/region': 'europe-west1',
      'terrace.dev/account-id': 'shop-prod',
      'terrace.dev/tier': 'prod',
    },
  },
  spec: { type: 'environment', owner: 'group:default/shop' },
};

const entities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'stub-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'stub',
          connect: async connection => {
            await connection.applyMutation({
              type: 'full',
              entities: [{ entity, locationKey: 'stub' }],
            });
          },
        });
      },
    });
  },
});

describe('a cloud whose status readers a backend module adds', () => {
  let server: any;
  const auth = {
    Authorization: mockCredentials.user.header('user:default/alice'),
  };

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        environmentsPlugin,
        stubCloud,
        catalogPlugin,
        entities,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource', 'Location'] }],
              processingInterval: { seconds: 1 },
            },
          },
        }),
      ],
    });
    server = backend.server;
    for (let i = 0; i < 100; i++) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/resource/default/stub-shop')
        .set(auth);
      if (res.status === 200) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  it('answers the alarms section from the stub readers, read per project and region', async () => {
    const res = await request(server)
      .get('/api/environments/v1/environments/default/stub-shop/alarms')
      .set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      items: [{ name: 'stub-shop/db/cpu-high', state: 'ALARM' }],
    });
    expect(places).toEqual(['shop-prod/europe-west1']);
  });

  it("says what to configure in the stub cloud's words", async () => {
    const res = await request(server)
      .get('/api/environments/v1/environments/default/stub-shop/resources')
      .set(auth);
    expect(res.body).toMatchObject({
      status: 'not-configured',
      error: 'No credentials for project shop-prod',
      configure: 'Grant the portal roles/cloudasset.viewer on the project.',
    });
  });
});
