import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';

/**
 * The portal's backend with every Terrace plugin installed, as packages/backend wires them.
 */
describe('Terrace backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        import('@backstage/plugin-catalog-backend'),
        import('@backstage/plugin-scaffolder-backend'),
        import('@backstage/plugin-permission-backend'),
        import('@backstage/plugin-permission-backend-module-allow-all-policy'),
        import('@terrace/plugin-scaffolder-backend-module-environments'),
        import('@terrace/plugin-environments-backend'),
        mockServices.rootConfig.factory({
          data: { backend: { baseUrl: 'http://localhost:7007' } },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

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
