import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { environmentsPlugin } from '../plugin';

const spec = {
  apiVersion: 'terrace.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: 'shop-staging', owner: 'group:default/shop' },
  spec: {
    cloud: 'aws',
    region: 'ap-southeast-2',
    tier: 'staging',
    components: [
      { name: 'db', type: 'postgres', size: 'db.t3.micro' },
      { name: 'assets', type: 'bucket' },
    ],
  },
};

describe('POST /api/environments/v1/estimate', () => {
  let server: any;
  const user = {
    Authorization: mockCredentials.user.header('user:default/alice'),
  };

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        // a request without a token is anonymous, as in a real backend
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    server = backend.server;
  });

  it('prices a spec', async () => {
    const res = await request(server)
      .post('/api/environments/v1/estimate')
      .set(user)
      .send(spec);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ currency: 'USD', hoursPerMonth: 730 });
    expect(res.body.monthly).toBeGreaterThan(0);
    const db = res.body.lines.find((l: any) => l.component === 'db');
    expect(db.description).toContain('db.t3.micro');
  });

  it("prices the template's flat form values the same as the spec", async () => {
    const form = {
      name: 'shop-staging',
      title: '',
      owner: 'group:default/shop',
      ...spec.spec,
      components: [
        { name: 'db', type: 'postgres', size: 'db.t3.micro', storageGb: '' },
        { name: 'assets', type: 'bucket' },
      ],
      estimate: 12.5,
      executor: 'ci',
      publishTarget: 'local',
    };
    const [fromForm, fromSpec] = await Promise.all([
      request(server)
        .post('/api/environments/v1/estimate')
        .set(user)
        .send(form),
      request(server)
        .post('/api/environments/v1/estimate')
        .set(user)
        .send(spec),
    ]);
    expect(fromForm.status).toBe(200);
    expect(fromForm.body.monthly).toBe(fromSpec.body.monthly);
  });

  it('answers 400 with every problem naming its field path', async () => {
    const bad = {
      ...spec,
      spec: {
        ...spec.spec,
        components: [{ name: 'db', type: 'postgres', size: 'db.t9.huge' }],
      },
    };
    const res = await request(server)
      .post('/api/environments/v1/estimate')
      .set(user)
      .send(bad);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        path: 'spec.components[0].size',
        message: expect.stringContaining('db.t9.huge'),
      }),
    ]);
  });

  it('answers 400 for a body that is not an object', async () => {
    const res = await request(server)
      .post('/api/environments/v1/estimate')
      .set(user)
      .set('content-type', 'application/json')
      .send('[1, 2]');
    expect(res.status).toBe(400);
    expect(res.body.problems[0].path).toBe('body');
  });

  it('requires credentials', async () => {
    expect(
      (await request(server).post('/api/environments/v1/estimate').send(spec))
        .status,
    ).toBe(401);
  });
});
