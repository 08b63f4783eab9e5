/**
 * End to end: a backend with the real catalog and scaffolder plugins and this module, the
 * embedded defaults (local bare repositories, executor ci), the template registered from
 * the Create environment template, run through the scaffolder REST API.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
// the end-to-end backend runs the status API beside the scaffolder, as the portal does
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import environmentsPlugin from '@terrace/plugin-environments-backend';
import terraceModule, {
  catalogModuleEnvironmentFileLocations,
  urlReaderEnvironmentLocalRepositories,
} from '../index';
import yaml from 'yaml';

jest.setTimeout(180_000);

const TEMPLATE = path.resolve(
  __dirname,
  '../../../catalog-backend-module-environments-template/templates/create-environment/template.yaml',
);
const auth = () => mockCredentials.user.header();

const goodValues = {
  name: 'shop-e2e',
  title: 'Shop end to end',
  owner: 'group:default/shop',
  cloud: 'aws',
  // the portal has two AWS accounts: the form's Account field is required
  accountId: '222222222222',
  region: 'ap-southeast-2',
  tier: 'dev',
  components: [
    { name: 'db', type: 'postgres' },
    { name: 'assets', type: 'bucket' },
  ],
  executor: 'ci',
  publishTarget: 'local',
};

describe('Create environment through the scaffolder REST API', () => {
  let root: string;
  let localRoot: string;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-e2e-'));
    localRoot = path.join(root, 'repos');
    await fs.mkdir(path.join(root, 'work'), { recursive: true });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderEntityModel,
        scaffolderPlugin,
        terraceModule,
        catalogModuleEnvironmentFileLocations,
        // the status API and the reader of local repositories, for the new entity's page
        environmentsPlugin,
        urlReaderEnvironmentLocalRepositories,
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://127.0.0.1',
              workingDirectory: path.join(root, 'work'),
            },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'Resource',
                    'Location',
                    'Group',
                    'User',
                    'Template',
                  ],
                },
              ],
              locations: [
                {
                  type: 'file',
                  target: TEMPLATE,
                  rules: [{ allow: ['Template'] }],
                },
              ],
            },
            aws: {
              accounts: [
                { accountId: '111111111111' },
                { accountId: '222222222222' },
              ],
            },
            terrace: {
              publish: { localRoot },
              terraform: { executor: 'ci' },
              catalog: { waitSeconds: 60 },
              accounts: {
                aws: [{ accountId: '222222222222', title: 'Shop dev' }],
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    // the template is read from its file location by the catalog
    await waitFor(async () => {
      const res = await request(server)
        .get(
          '/api/catalog/entities/by-name/template/default/create-environment',
        )
        .set('Authorization', auth());
      return res.status === 200;
    }, 'the template in the catalog');
  });

  afterAll(async () => {
    await stop?.();
    await fs.rm(root, { recursive: true, force: true });
  });

  async function waitFor(
    check: () => Promise<boolean>,
    what: string,
    timeoutMs = 60_000,
  ) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}`);
      await new Promise(r => setTimeout(r, 250));
    }
  }

  async function runTask(values: object) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth())
      .send({ templateRef: 'template:default/create-environment', values });
    expect(created.status).toBe(201);
    const id = created.body.id;
    let task: any;
    await waitFor(
      async () => {
        task = (
          await request(server)
            .get(`/api/scaffolder/v2/tasks/${id}`)
            .set('Authorization', auth())
        ).body;
        return task.status === 'completed' || task.status === 'failed';
      },
      `task ${id}`,
      150_000,
    );
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${id}/events`)
      .set('Authorization', auth());
    return { task, events: events.body as Array<{ type: string; body: any }> };
  }

  it('dry-runs the template: files, estimate and plan-free apply, nothing published', async () => {
    const template = yaml.parse(await fs.readFile(TEMPLATE, 'utf8'));
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', auth())
      .send({ template, values: goodValues, directoryContents: [] });
    expect(res.status).toBe(200);
    const files = res.body.directoryContents.map((f: any) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'environment.yaml',
        'catalog-info.yaml',
        'cost.json',
        'terraform/main.tf',
      ]),
    );
    expect(res.body.output.monthly).toBeGreaterThan(0);
    expect(res.body.output.links.map((l: any) => l.title)).toEqual([
      'Repository',
      'Open the environment in the catalog',
      'Cost breakdown',
    ]);
    await expect(
      fs.stat(path.join(localRoot, 'shop-e2e.git')),
    ).rejects.toThrow();
  });

  it('runs for real with executor ci: bare repo, entity in the catalog, links and estimate in the output', async () => {
    const { task, events } = await runTask(goodValues);
    const log = events
      .filter(e => e.type === 'log')
      .map(e => e.body.message)
      .join('\n');
    if (task.status !== 'completed')
      throw new Error(`task ${task.status}:\n${log}`);
    expect(log).toContain(
      `Nothing will apply environment "shop-e2e" yet: the ci executor leaves the apply to the repository's workflow (.github/workflows/terraform.yml, apply on merge to main), but the repository is a local git repository (${path.join(
        localRoot,
        'shop-e2e.git',
      )}) where no CI runs.`,
    );

    const bare = path.join(localRoot, 'shop-e2e.git');
    const tree = execFileSync('git', ['ls-tree', '-r', '--name-only', 'main'], {
      cwd: bare,
    })
      .toString()
      .split('\n');
    expect(tree).toEqual(
      expect.arrayContaining([
        'environment.yaml',
        'catalog-info.yaml',
        'README.md',
        'cost.json',
        'terraform/main.tf',
        '.github/workflows/terraform.yml',
      ]),
    );

    expect(
      execFileSync('git', ['show', 'main:terraform/backend.tf'], {
        cwd: bare,
      }).toString(),
    ).toContain('"terrace-tfstate-222222222222-ap-southeast-2"');

    const entity = await request(server)
      .get('/api/catalog/entities/by-name/resource/default/shop-e2e')
      .set('Authorization', auth());
    expect(entity.status).toBe(200);
    expect(entity.body).toMatchObject({
      kind: 'Resource',
      spec: { type: 'environment', owner: 'group:default/shop' },
      metadata: {
        annotations: {
          'terrace.dev/tier': 'dev',
          'terrace.dev/cloud': 'aws',
          // the account chosen in the form, so the status cards can read it
          'terrace.dev/account-id': '222222222222',
          // the form's "Apply with": the drift check reads the ci result from the repo's checks
          'terrace.dev/terraform-executor': 'ci',
          'backstage.io/source-location': `url:file://${path.join(
            localRoot,
            'shop-e2e',
          )}`,
        },
      },
    });

    const completion = events.find(e => e.type === 'completion');
    const output = completion?.body.output;

    // the entity's page, before any cloud answers: estimate, planned resources, apply state
    expect(
      entity.body.metadata.annotations['terrace.dev/scaffolder-task-id'],
    ).toBe(task.id);
    const plan = await request(server)
      .get('/api/environments/v1/environments/default/shop-e2e/plan')
      .set('Authorization', auth());
    expect(plan.status).toBe(200);
    expect(plan.body.estimate).toMatchObject({
      monthly: output.monthly,
      currency: 'USD',
    });
    expect(plan.body.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          address: 'aws_db_instance.db',
          component: 'db',
        }),
      ]),
    );
    const planned = plan.body.resources.reduce(
      (sum: number, r: { monthly: number }) => sum + r.monthly,
      0,
    );
    expect(planned).toBeCloseTo(output.monthly, 1);
    expect(plan.body.apply).toMatchObject({
      state: 'delegated',
      executor: 'ci',
      taskId: task.id,
    });
    expect(plan.body.apply.message).toContain(
      "the ci executor leaves the apply to the repository's workflow",
    );
    // a local repository gets no file: link (it opens nothing); its path and clone command are text
    expect(output.links.filter((l: any) => l.url || l.entityRef)).toEqual([
      {
        title: 'Open the environment in the catalog',
        icon: 'catalog',
        entityRef: 'resource:default/shop-e2e',
      },
      {
        title: 'Cost breakdown',
        icon: 'dashboard',
        url: '/catalog/default/resource/shop-e2e/environment',
      },
    ]);
    expect(output.monthly).toBeGreaterThan(0);
    expect(output.estimate.lines.length).toBeGreaterThan(0);
    expect(output.text[0].content).toContain('**Estimated monthly cost:');
    const repository = output.text.find((t: any) => t.title === 'Repository');
    expect(repository.content).toContain(
      `git clone ${path.join(localRoot, 'shop-e2e.git')}`,
    );
  });

  it('turns the form\'s TTL into spec.expiresAt and the entity\'s expiry annotations, which the overview reads', async () => {
    const before = Date.now();
    const { task, events } = await runTask({
      ...goodValues,
      name: 'shop-preview',
      expiresInDays: 14,
      destroyOnExpiry: true,
    });
    const after = Date.now();
    if (task.status !== 'completed') {
      const log = events
        .filter(e => e.type === 'log')
        .map(e => e.body.message)
        .join('\n');
      throw new Error(`task ${task.status}:\n${log}`);
    }
    const DAYS_14 = 14 * 24 * 60 * 60 * 1000;
    const spec = yaml.parse(
      execFileSync('git', ['show', 'main:environment.yaml'], {
        cwd: path.join(localRoot, 'shop-preview.git'),
      }).toString(),
    );
    const expiresAt = Date.parse(spec.spec.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + DAYS_14 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(after + DAYS_14);
    expect(spec.spec.destroyOnExpiry).toBe(true);

    const entity = await request(server)
      .get('/api/catalog/entities/by-name/resource/default/shop-preview')
      .set('Authorization', auth());
    expect(entity.body.metadata.annotations).toMatchObject({
      'terrace.dev/expires-at': new Date(expiresAt).toISOString(),
      'terrace.dev/destroy-on-expiry': 'true',
    });
    const overview = await request(server)
      .get('/api/environments/v1/overview')
      .set('Authorization', auth());
    const row = overview.body.items.find((i: any) => i.name === 'shop-preview');
    expect(row.expiresAt).toBe(new Date(expiresAt).toISOString());
    expect(row).not.toHaveProperty('expiry');
  });

  it('registers before it applies, so a failed apply shows on the new entity with its task', async () => {
    // the portal allows only ci here: asking for local fails at the apply step
    const { task, events } = await runTask({
      ...goodValues,
      name: 'shop-refused',
      executor: 'local',
    });
    expect(task.status).toBe('failed');
    const failed = events
      .filter(e => e.type === 'log' && e.body.status === 'failed')
      .map(e => e.body.stepId);
    expect(failed).toEqual(['apply']);
    const plan = await request(server)
      .get('/api/environments/v1/environments/default/shop-refused/plan')
      .set('Authorization', auth());
    expect(plan.status).toBe(200);
    expect(plan.body.apply).toMatchObject({
      state: 'failed',
      executor: 'local',
      taskId: task.id,
      message:
        'executor: "local" is not allowed here (terrace.terraform.allowedExecutors: ci)',
    });
    expect(plan.body.estimate.monthly).toBeGreaterThan(0);
  });

  it('offers the two configured accounts to the form and refuses, in the first step, one it does not list or none', async () => {
    const accounts = await request(server)
      .get('/api/environments/v1/accounts')
      .set('Authorization', auth());
    expect(accounts.body.items[0].accounts).toEqual([
      { id: '111111111111' },
      { id: '222222222222', title: 'Shop dev' },
    ]);
    for (const [accountId, message] of [
      [
        '333333333333',
        'accountId: "333333333333" is not among the AWS accounts configured for new environments; choose one of 111111111111, Shop dev (222222222222)',
      ],
      [
        undefined,
        'accountId: the portal has 2 AWS accounts for new environments (111111111111, Shop dev (222222222222)); choose one',
      ],
    ]) {
      const { task, events } = await runTask({
        ...goodValues,
        name: 'shop-elsewhere',
        accountId,
      });
      expect(task.status).toBe('failed');
      const log = events.filter(e => e.type === 'log');
      expect(
        log.filter(e => e.body.status === 'failed').map(e => e.body.stepId),
      ).toEqual(['generate']);
      expect(log.map(e => e.body.message).join('\n')).toContain(message);
    }
    await expect(
      fs.stat(path.join(localRoot, 'shop-elsewhere.git')),
    ).rejects.toThrow();
  });

  it('refuses, in the first step, a name that is already in the catalog', async () => {
    const { task, events } = await runTask(goodValues);
    expect(task.status).toBe('failed');
    const log = events.filter(e => e.type === 'log');
    expect(
      log.filter(e => e.body.status === 'failed').map(e => e.body.stepId),
    ).toEqual(['generate']);
    expect(log.map(e => e.body.message).join('\n')).toContain(
      'metadata.name: "shop-e2e" is taken: resource:default/shop-e2e is already in the catalog; choose another name',
    );
  });

  it('fails the first step on bad input with the field-path problems and publishes nothing', async () => {
    const { task, events } = await runTask({
      ...goodValues,
      name: 'shop-bad',
      components: [
        { name: 'db', type: 'postgres' },
        { name: 'db', type: 'redis' },
        { name: 'web', type: 'bucket', public: true },
      ],
    });
    expect(task.status).toBe('failed');
    const log = events.filter(e => e.type === 'log');
    const failed = log
      .filter(e => e.body.status === 'failed')
      .map(e => e.body.stepId);
    expect(failed).toEqual(['generate']);
    const text = log.map(e => e.body.message).join('\n');
    // the failure is the list of problems, not a stack trace
    const failure = log.find(e => e.body.status === 'failed')!.body.message;
    expect(failure).toMatch(
      /^InputError: The environment spec is not valid: \d+ problems\n/,
    );
    expect(failure).not.toMatch(/^\s+at /m);
    expect(text).toMatch(/spec\.components\[1\]\.name: /);
    expect(text).toMatch(/spec\.components\[2\]\.public: /);
    expect(
      log.some(
        e => e.body.stepId === 'publish' && e.body.status === 'processing',
      ),
    ).toBe(false);
    await expect(
      fs.stat(path.join(localRoot, 'shop-bad.git')),
    ).rejects.toThrow();
    const entity = await request(server)
      .get('/api/catalog/entities/by-name/resource/default/shop-bad')
      .set('Authorization', auth());
    expect(entity.status).toBe(404);
  });
});
