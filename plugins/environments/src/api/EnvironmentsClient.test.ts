import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  BASE_URL,
  alarmsOk,
  backupsOk,
  costOk,
  estimateOk,
  overviewOk,
  resourcesOk,
} from '../__testUtils__/fixtures';
import { EnvironmentsClient } from './EnvironmentsClient';
import type { EstimateProblemsResponse } from '@terrace/plugin-environments-common';

const server = setupServer();
registerMswTestHooks(server);

const entity = { kind: 'resource', namespace: 'default', name: 'shop-staging' };

function client() {
  return new EnvironmentsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://127.0.0.1:7007' }),
    fetchApi: new MockFetchApi(),
  });
}

describe('EnvironmentsClient', () => {
  it('reads each section from /v1/environments/:namespace/:name/:section', async () => {
    const seen: string[] = [];
    const sections = {
      resources: resourcesOk,
      alarms: alarmsOk,
      backups: backupsOk,
      cost: costOk,
    };
    server.use(
      http.get(
        `${BASE_URL}/v1/environments/:namespace/:name/:section`,
        ({ params, request }) => {
          seen.push(new URL(request.url).pathname);
          expect(params).toMatchObject({
            namespace: 'default',
            name: 'shop-staging',
          });
          return HttpResponse.json(
            sections[params.section as keyof typeof sections],
          );
        },
      ),
    );
    const api = client();
    await expect(api.getResources(entity)).resolves.toEqual(resourcesOk);
    await expect(api.getAlarms(entity)).resolves.toEqual(alarmsOk);
    await expect(api.getBackups(entity)).resolves.toEqual(backupsOk);
    await expect(api.getCost(entity)).resolves.toEqual(costOk);
    expect(seen).toEqual([
      '/api/environments/v1/environments/default/shop-staging/resources',
      '/api/environments/v1/environments/default/shop-staging/alarms',
      '/api/environments/v1/environments/default/shop-staging/backups',
      '/api/environments/v1/environments/default/shop-staging/cost',
    ]);
  });

  it('escapes the namespace and name into the path', async () => {
    let path = '';
    server.use(
      http.get(`${BASE_URL}/v1/environments/*`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json(alarmsOk);
      }),
    );
    await client().getAlarms({
      kind: 'resource',
      namespace: 'team a',
      name: 'x/y',
    });
    expect(path).toBe(
      '/api/environments/v1/environments/team%20a/x%2Fy/alarms',
    );
  });

  it('reads the overview', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/overview`, () => HttpResponse.json(overviewOk)),
    );
    await expect(client().getOverview()).resolves.toEqual(overviewOk);
  });

  it('turns a 404 into a ResponseError carrying the backend message', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/environments/:namespace/:name/cost`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No environment resource:default/nope',
            },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client()
      .getCost({ ...entity, name: 'nope' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('No environment resource:default/nope');
  });

  it('posts the form data to /v1/estimate and returns the estimate', async () => {
    let body: unknown;
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, async ({ request }) => {
        expect(request.headers.get('content-type')).toBe('application/json');
        body = await request.json();
        return HttpResponse.json(estimateOk);
      }),
    );
    const form = {
      name: 'shop-staging',
      cloud: 'aws',
      components: [{ name: 'db', type: 'postgres' }],
    };
    await expect(client().estimate(form)).resolves.toEqual({
      kind: 'estimate',
      estimate: estimateOk,
    });
    expect(body).toEqual(form);
  });

  it("returns the field problems of the endpoint's 400 answer", async () => {
    const problems = [
      {
        path: 'spec.components[0].size',
        message: '"db.t9.huge" is not a known aws postgres size',
      },
    ];
    const body: EstimateProblemsResponse = {
      error: {
        name: 'InputError',
        message: `${problems[0].path}: ${problems[0].message}`,
      },
      problems,
    };
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, () =>
        HttpResponse.json(body, { status: 400 }),
      ),
    );
    await expect(client().estimate({})).resolves.toEqual({
      kind: 'problems',
      problems,
    });
  });

  it('throws a ResponseError for a 400 without field problems and for a 500', async () => {
    server.use(
      http.post(`${BASE_URL}/v1/estimate`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'Body must be an object' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await client()
      .estimate([])
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toBe('Body must be an object');
    server.use(
      http.post(
        `${BASE_URL}/v1/estimate`,
        () => new HttpResponse('boom', { status: 500 }),
      ),
    );
    await expect(client().estimate({})).rejects.toBeInstanceOf(ResponseError);
  });
});
