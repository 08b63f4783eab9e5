import type { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { costPeriods } from './readers/costTally';
import {
  assertMotoReachable,
  costAndUsageResult,
  motoEndpoint,
  MotoSeeder,
  randomAccountId,
  randomPrefix,
} from './testing/moto';
import { motoAppConfig } from './testing/statusService';
import { FaultProxy } from './testing/faultProxy';
import { startDayTwoBackend } from './__testUtils__/dayTwoBackend';

jest.setTimeout(120_000);

const endpoint = motoEndpoint();
const accountId = randomAccountId();
const p = randomPrefix();
const shop = `${p}-shop`;
const staging = `${p}-shop-staging`;
const secret = `${p}-secret`;
const bare = `${p}-bare`;
const faulty = `${p}-faulty`;
const proxy = new FaultProxy(endpoint);
const REGION = 'us-east-1';

const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';
const OUTSIDER = 'user:default/outsider';

function environmentEntity(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      title: `Environment ${name}`,
      annotations: {
        'backstage.io/managed-by-location': 'url:http://127.0.0.1/terrace-test',
        'backstage.io/managed-by-origin-location':
          'url:http://127.0.0.1/terrace-test',
        ...annotations,
      },
    },
    spec: { type: 'environment', owner: 'group:default/shop' },
  };
}

const aws = (tier: string) => ({
  'terrace.dev/cloud': 'aws',
  'terrace.dev/region': REGION,
  'terrace.dev/tier': tier,
  'terrace.dev/account-id': accountId,
});

const COST_JSON = {
  currency: 'USD',
  monthly: 286.4,
  hoursPerMonth: 730,
  prices: {
    source: 'Terrace AWS price catalog (us-east-1)',
    retrieved: '2026-11-01',
  },
  lines: [],
};
/** The staging repo has no cost.json: its estimate is recomputed from environment.yaml. */
const STAGING_SPEC = `apiVersion: terrace.dev/v1alpha1
kind: Environment
metadata:
  name: ${staging}
  owner: group:default/shop
spec:
  cloud: aws
  region: us-east-1
  tier: staging
  components:
    - { name: db, type: postgres, size: db.t3.micro }
`;
/** Serves the environment repos' files, as a git host would. */
const repo = http.createServer((req, res) => {
  if (req.url === '/shop/cost.json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(COST_JSON));
  } else if (req.url === '/staging/environment.yaml') {
    res.writeHead(200, { 'content-type': 'text/yaml' });
    res.end(STAGING_SPEC);
  } else {
    res.writeHead(404);
    res.end();
  }
});
let repoUrl = '';

const entities = [
  environmentEntity(shop, aws('prod')),
  environmentEntity(staging, aws('staging')),
  environmentEntity(secret, aws('prod')),
  environmentEntity(bare, {}),
  environmentEntity(faulty, {
    ...aws('staging'),
    'terrace.dev/region': 'eu-west-2',
  }),
];

/**
 * A policy that refuses Mallory reading the `-secret` environment and the outsider the overview,
 * and allows everything else.
 */
class TestPolicy implements PermissionPolicy {
  async handle(query: PolicyQuery, user?: PolicyQueryUser) {
    const principal = user?.credentials.principal as
      | BackstageUserPrincipal
      | undefined;
    if (
      query.permission.name === 'catalog.entity.read' &&
      principal?.userEntityRef === MALLORY
    ) {
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          not: {
            rule: 'HAS_METADATA',
            resourceType: 'catalog-entity',
            params: { key: 'name', value: secret },
          },
        },
      } as const;
    }
    if (
      query.permission.name === 'terrace.environment.overview.read' &&
      principal?.userEntityRef === OUTSIDER
    ) {
      return { result: AuthorizeResult.DENY } as const;
    }
    return { result: AuthorizeResult.ALLOW } as const;
  }
}

describe('environments status API (real catalog, permission policy and moto)', () => {
  let server: any;
  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(user),
  });

  beforeAll(async () => {
    await assertMotoReachable(endpoint);
    await new Promise<void>(resolve => repo.listen(0, '127.0.0.1', resolve));
    repoUrl = `127.0.0.1:${(repo.address() as AddressInfo).port}`;
    entities[0].metadata.annotations![
      'backstage.io/source-location'
    ] = `url:http://${repoUrl}/shop/`;
    entities[1].metadata.annotations![
      'backstage.io/source-location'
    ] = `url:http://${repoUrl}/staging/`;
    const proxyEndpoint = await proxy.start();
    const seed = await MotoSeeder.forAccount(endpoint, accountId);
    await seed.database({
      region: 'eu-west-2',
      environment: faulty,
      component: 'db',
      identifier: `${faulty}-db`,
      retentionDays: 7,
    });
    await Promise.all([
      seed.database({
        region: REGION,
        environment: shop,
        component: 'db',
        identifier: `${shop}-db`,
        retentionDays: 0,
      }),
      seed.bucket({
        region: REGION,
        environment: shop,
        component: 'assets',
        name: `${shop}-assets`,
        versioning: true,
      }),
      seed.alarm({
        region: REGION,
        environment: shop,
        component: 'db',
        check: 'cpu-high',
        state: 'ALARM',
      }),
      seed.alarm({
        region: REGION,
        environment: shop,
        component: 'web',
        check: '5xx',
        state: 'OK',
      }),
      seed.alarm({
        region: REGION,
        environment: staging,
        component: 'db',
        check: 'cpu-high',
        state: 'INSUFFICIENT_DATA',
      }),
      seed.alarm({
        region: REGION,
        environment: secret,
        component: 'db',
        check: 'cpu-high',
        state: 'ALARM',
      }),
    ]);
    await seed.costAndUsage([
      costAndUsageResult(costPeriods(new Date()), {
        [shop]: { 'Amazon Relational Database Service': [100, 42.5] },
      }),
    ]);
    server = (
      await startDayTwoBackend({
        entities,
        policy: new TestPolicy(),
        config: {
          // every AWS call goes through the fault proxy, which passes it on unless told otherwise
          ...motoAppConfig(proxyEndpoint),
          backend: { reading: { allow: [{ host: repoUrl }] } },
        },
      })
    ).server;
  });

  afterAll(async () => {
    await proxy.stop();
    await new Promise(resolve => repo.close(resolve));
  });

  it('answers /health without credentials and 401 on the API without credentials', async () => {
    expect((await request(server).get('/api/environments/health')).status).toBe(
      200,
    );
    for (const path of [
      `/api/environments/v1/environments/default/${shop}/alarms`,
      '/api/environments/v1/overview',
    ]) {
      expect((await request(server).get(path)).status).toBe(401);
    }
    expect(
      (await request(server).post('/api/environments/v1/estimate').send({}))
        .status,
    ).toBe(401);
  });

  // first of the AWS tests: nothing has read eu-west-2 yet, so the fault meets a cold cache
  it('a throttled CloudWatch degrades the alarms card only; the page never gets a 500', async () => {
    proxy.fault = { service: 'monitoring', kind: 'throttle' };
    try {
      const base = `/api/environments/v1/environments/default/${faulty}`;
      const answers = await Promise.all(
        ['resources', 'alarms', 'backups', 'cost'].map(section =>
          request(server).get(`${base}/${section}`).set(as(ALICE)),
        ),
      );
      expect(answers.map(a => a.status)).toEqual([200, 200, 200, 200]);
      expect(answers.map(a => a.body.status)).toEqual([
        'ok',
        'error',
        'ok',
        'ok',
      ]);
      expect(answers[1].body.error).toContain(
        'AWS throttled cloudwatch:DescribeAlarms',
      );
      expect(answers[2].body.items).toEqual([
        expect.objectContaining({ component: 'db', health: 'ok' }),
      ]);
    } finally {
      proxy.fault = undefined;
    }
  });

  it('answers each section as the user reads it', async () => {
    const base = `/api/environments/v1/environments/default/${shop}`;
    const resources = await request(server)
      .get(`${base}/resources`)
      .set(as(ALICE));
    expect(resources.status).toBe(200);
    expect(resources.body.status).toBe('ok');
    expect(
      resources.body.items.map((i: any) => [i.type, i.name, i.component]),
    ).toEqual([
      ['s3:bucket', `${shop}-assets`, 'assets'],
      ['cloudwatch:alarm', `${shop}/db/cpu-high`, 'db'],
      ['rds:db', `${shop}-db`, 'db'],
      ['cloudwatch:alarm', `${shop}/web/5xx`, 'web'],
    ]);
    expect(resources.body.items[1].consoleUrl).toBe(
      `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/${encodeURIComponent(
        `${shop}/db/cpu-high`,
      )}`,
    );

    const alarms = await request(server).get(`${base}/alarms`).set(as(ALICE));
    expect(alarms.body.items.map((a: any) => `${a.name} ${a.state}`)).toEqual([
      `${shop}/db/cpu-high ALARM`,
      `${shop}/web/5xx OK`,
    ]);

    const backups = await request(server).get(`${base}/backups`).set(as(ALICE));
    expect(
      backups.body.items.find((b: any) => b.component === 'db'),
    ).toMatchObject({
      health: 'critical',
      reason:
        'Automated backups are off (retention 0 days); the prod tier requires at least 7 days',
    });

    const cost = await request(server).get(`${base}/cost`).set(as(ALICE));
    expect(cost.body).toMatchObject({
      status: 'ok',
      monthToDate: 42.5,
      lastMonth: 100,
      currency: 'USD',
      byService: [
        { service: 'Amazon Relational Database Service', amount: 42.5 },
      ],
      // beside the bill: the estimate from the environment repo's cost.json
      estimate: { monthly: 286.4, currency: 'USD', retrieved: '2026-11-01' },
    });
  });

  it('missing annotations give not-configured with what to set, never a 500', async () => {
    const res = await request(server)
      .get(`/api/environments/v1/environments/default/${bare}/backups`)
      .set(as(ALICE));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'not-configured', items: [] });
    expect(res.body.error).toContain('terrace.dev/account-id');
    expect(res.body.error).toContain('terrace.dev/region');
    expect(res.body.configure).toBe(
      'Set the terrace.dev/cloud, terrace.dev/region, terrace.dev/account-id and terrace.dev/tier annotations on this entity.',
    );
  });

  it('404 on every section for an environment the user may not read, and it is absent from the overview', async () => {
    for (const section of ['resources', 'alarms', 'backups', 'cost']) {
      const path = `/api/environments/v1/environments/default/${secret}/${section}`;
      expect((await request(server).get(path).set(as(MALLORY))).status).toBe(
        404,
      );
      expect((await request(server).get(path).set(as(ALICE))).status).toBe(200);
    }
    const mallory = await request(server)
      .get('/api/environments/v1/overview')
      .set(as(MALLORY));
    expect(mallory.status).toBe(200);
    const names = mallory.body.items.map((i: any) => i.name);
    expect(names).toEqual(expect.arrayContaining([shop, staging, bare]));
    expect(names).not.toContain(secret);
  });

  it('the overview summarises every environment the caller may read', async () => {
    const res = await request(server)
      .get('/api/environments/v1/overview')
      .set(as(ALICE));
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      res.body.items.map((i: any) => [i.name, i]),
    );
    expect(byName[shop]).toMatchObject({
      entityRef: `resource:default/${shop}`,
      owner: 'group:default/shop',
      region: REGION,
      tier: 'prod',
      alarms: { status: 'ok', ok: 1, alarm: 1, insufficientData: 0 },
      backups: { status: 'ok', worst: 'critical' },
      cost: {
        status: 'ok',
        monthToDate: 42.5,
        estimate: 286.4,
        currency: 'USD',
      },
    });
    // no cost.json in the staging repo: the estimate is recomputed from its environment.yaml
    expect(byName[staging].cost.estimate).toBeGreaterThan(0);
    expect(byName[staging].alarms).toMatchObject({
      insufficientData: 1,
      alarm: 0,
    });
    expect(byName[secret]).toBeDefined();
    expect(byName[bare]).toMatchObject({
      alarms: { status: 'not-configured' },
    });
  });

  it('refuses the overview to a user the policy denies terrace.environment.overview.read', async () => {
    const res = await request(server)
      .get('/api/environments/v1/overview')
      .set(as(OUTSIDER));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not read the environments overview',
    );
  });

  it('service tokens (the search collator) may read the overview', async () => {
    const res = await request(server)
      .get('/api/environments/v1/overview')
      .set({ Authorization: mockCredentials.service.header() });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.name)).toContain(secret);
  });

  it('rejects a malformed name with a 400 naming the parameter', async () => {
    const res = await request(server)
      .get('/api/environments/v1/environments/default/bad%20name/alarms')
      .set(as(ALICE));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('name: must be a catalog entity name');
  });
});
