import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import catalogBackend from '@backstage/plugin-catalog-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import environmentsBackend, {
  searchModuleEnvironments,
} from '@terrace/plugin-environments-backend';
import scaffolderEnvironmentsModule from '@terrace/plugin-scaffolder-backend-module-environments';
import searchBackend from '@backstage/plugin-search-backend';
import searchCatalogCollator from '@backstage/plugin-search-backend-module-catalog';

/**
 * The portal's backend with every Terrace plugin installed, as packages/backend wires them.
 */
describe('Terrace backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        scaffolderBackend,
        permissionBackend,
        allowAllPolicy,
        searchBackend,
        searchCatalogCollator,
        searchModuleEnvironments,
        scaffolderEnvironmentsModule,
        environmentsBackend,
        // requests without a token are anonymous, as in the real backend
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost:7007' } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    // starting every plugin (catalog, scaffolder, search, ...) takes a while on 2 cores
  }, 120_000);

  afterAll(async () => {
    await stop?.();
  });

  it('answers the environments health check without credentials', async () => {
    const res = await request(server).get('/api/environments/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses the status API without credentials', async () => {
    const res = await request(server).get('/api/environments/v1/overview');
    expect(res.status).toBe(401);
  });

  it('serves the status API to a signed-in user', async () => {
    const res = await request(server)
      .get('/api/environments/v1/overview')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.items)).toBe(true);
  });
});
