import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { environmentsPlugin } from './plugin';

describe('environments backend plugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const health = await request(server).get('/api/environments/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
  });
});
