/**
 * The plan route in a backend with the real catalog and scaffolder plugins: the estimate and
 * planned resources come from a repo served on loopback (as a git host would), the apply state
 * from the scaffolder's REST API.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { environmentsPlugin } from '../plugin';

jest.setTimeout(60_000);

const COST_JSON = {
  currency: 'USD',
  monthly: 23.6,
  prices: { retrieved: '2026-11-25' },
  lines: [
    {
      component: 'db',
      resource: 'aws_db_instance.db',
      description: 'db.t3.micro PostgreSQL 16, single-AZ',
      monthly: 20.44,
    },
    {
      component: 'db',
      resource: 'aws_db_instance.db',
      description: 'gp3 storage, 20 GB',
      monthly: 2.76,
    },
    {
      component: 'db',
      resource: 'aws_secretsmanager_secret.db_master',
      description: 'Secrets Manager secret (master password)',
      monthly: 0.4,
    },
  ],
};

const ENVIRONMENT_YAML = `apiVersion: terrace.dev/v1alpha1
kind: Environment
metadata:
  name: shop-dev
  owner: group:default/shop
spec:
  cloud: aws
  region: us-east-1
  tier: dev
  components:
    - name: db
      type: postgres
`;

const repo = http.createServer((req, res) => {
  if (req.url === '/shop/cost.json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(COST_JSON));
  } else if (req.url === '/shop/environment.yaml') {
    res.writeHead(200, { 'content-type': 'text/yaml' });
    res.end(ENVIRONMENT_YAML);
  } else {
    res.writeHead(404);
    res.end();
  }
});

function environment(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
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

describe('GET /v1/environments/:namespace/:name/plan', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;
  let root: string;

  beforeAll(async () => {
    await new Promise<void>(r => repo.listen(0, '127.0.0.1', r));
    const repoUrl = `127.0.0.1:${(repo.address() as AddressInfo).port}`;
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-plan-'));
    const entities = [
      environment('shop-dev', {
        'backstage.io/source-location': `url:http://${repoUrl}/shop/`,
        'terrace.dev/scaffolder-task-id':
          '0f4c3d1e-0000-4000-8000-000000000000',
      }),
      environment('shop-hcp', {
        'backstage.io/source-location': `url:http://${repoUrl}/shop/`,
        'terrace.dev/terraform-executor': 'hcp',
      }),
      environment('bare', {}),
      { ...environment('not-env', {}), spec: { type: 'database' } },
    ];
    const testEntities = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'terrace-plan-entities',
      register(reg) {
        reg.registerInit({
          deps: { catalog: catalogProcessingExtensionPoint },
          async init({ catalog }) {
            catalog.addEntityProvider({
              getProviderName: () => 'terrace-plan-test',
              connect: async connection => {
                await connection.applyMutation({
                  type: 'full',
                  entities: entities.map(entity => ({
                    entity,
                    locationKey: 'terrace-plan-test',
                  })),
                });
              },
            });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        environmentsPlugin,
        catalogPlugin,
        scaffolderPlugin,
        testEntities,
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://127.0.0.1',
              workingDirectory: root,
              reading: { allow: [{ host: repoUrl }] },
            },
            catalog: {
              rules: [{ allow: ['Resource', 'Location'] }],
              processingInterval: { seconds: 1 },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/resource/default/bare')
        .set('Authorization', mockCredentials.user.header());
      if (res.status === 200) break;
      if (Date.now() > deadline) throw new Error('entities never appeared');
      await new Promise(r => setTimeout(r, 250));
    }
  });

  afterAll(async () => {
    await stop?.();
    await new Promise(r => repo.close(r));
    await fs.rm(root, { recursive: true, force: true });
  });

  const get = (name: string) =>
    request(server)
      .get(`/api/environments/v1/environments/default/${name}/plan`)
      .set('Authorization', mockCredentials.user.header());

  it("answers the repo's estimate and resources, and says when the scaffolder no longer has the task", async () => {
    const res = await get('shop-dev');
    expect(res.status).toBe(200);
    expect(res.body.estimate).toEqual({
      monthly: 23.6,
      currency: 'USD',
      retrieved: '2026-11-25',
    });
    const resources = res.body.resources as Array<Record<string, unknown>>;
    // the estimate's priced resources first, in its order
    expect(resources.slice(0, 2)).toEqual([
      {
        address: 'aws_db_instance.db',
        component: 'db',
        descriptions: [
          'db.t3.micro PostgreSQL 16, single-AZ',
          'gp3 storage, 20 GB',
        ],
        monthly: 23.2,
        priced: true,
      },
      {
        address: 'aws_secretsmanager_secret.db_master',
        component: 'db',
        descriptions: ['Secrets Manager secret (master password)'],
        monthly: 0.4,
        priced: true,
      },
    ]);
    // then every other resource block Terraform creates, free by itself
    const free = resources.slice(2);
    expect(free.every(r => r.priced === false && r.monthly === 0)).toBe(true);
    expect(free).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          address: 'aws_vpc.main',
          component: 'network',
        }),
        expect.objectContaining({
          address: 'aws_db_subnet_group.db',
          component: 'db',
        }),
        expect.objectContaining({
          address: 'random_password.db_master',
          component: 'db',
        }),
      ]),
    );
    // each block once: the priced ones are not listed again
    expect(new Set(resources.map(r => r.address)).size).toBe(resources.length);
    expect(res.body.resourceBlocks).toBe(resources.length);
    expect(res.body.apply).toEqual({
      state: 'unknown',
      message:
        'The scaffolder task 0f4c3d1e-0000-4000-8000-000000000000 that created this environment no longer exists',
    });
  });

  it('says what is missing for an environment made outside the template', async () => {
    const res = await get('bare');
    expect(res.status).toBe(200);
    expect(res.body.resources).toEqual([]);
    expect(res.body.error).toBe(
      'This entity has no backstage.io/source-location annotation, so its repository (and cost.json) cannot be found',
    );
    expect(res.body.apply.state).toBe('unknown');
    expect(res.body.apply.message).toContain(
      'no terrace.dev/scaffolder-task-id annotation',
    );
  });

  it('answers 404 for an entity that is not an environment, 400 for a bad name', async () => {
    expect((await get('not-env')).status).toBe(404);
    const bad = await get('-bad');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('name: must be a catalog entity name');
  });

  describe('GET /v1/environments/:namespace/:name/spec (the Update environment form opens with it)', () => {
    const getSpec = (name: string) =>
      request(server)
        .get(`/api/environments/v1/environments/default/${name}/spec`)
        .set('Authorization', mockCredentials.user.header());

    it("answers the repository's environment.yaml and the form data for it", async () => {
      const res = await getSpec('shop-dev');
      expect(res.status).toBe(200);
      expect(res.body.spec).toEqual(yaml.parse(ENVIRONMENT_YAML));
      expect(res.body.formData).toEqual({
        name: 'shop-dev',
        owner: 'group:default/shop',
        cloud: 'aws',
        region: 'us-east-1',
        tier: 'dev',
        components: [{ name: 'db', type: 'postgres' }],
      });
      expect(res.body.url).toMatch(/\/shop\/environment\.yaml$/);
    });

    it('starts "Plan with" on the executor the entity records as its owner', async () => {
      const res = await getSpec('shop-hcp');
      expect(res.status).toBe(200);
      expect(res.body.formData.executor).toBe('hcp');
      expect(res.body.formData.components).toEqual([
        { name: 'db', type: 'postgres' },
      ]);
    });

    it('answers 404 saying why when the entity has no repository, or is not an environment', async () => {
      const bare = await getSpec('bare');
      expect(bare.status).toBe(404);
      expect(bare.body.error.message).toBe(
        'resource:default/bare has no backstage.io/source-location annotation, so its environment.yaml cannot be found',
      );
      expect((await getSpec('not-env')).status).toBe(404);
    });
  });
});
