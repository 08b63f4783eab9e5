/**
 * End to end: the Destroy environment template through the scaffolder REST API, on a backend with
 * the real catalog and scaffolder plugins and this module (embedded defaults: local repositories,
 * executor ci). An environment is created with the Create template first; the Destroy template
 * then fetches its local repository (terrace:environment:fetch; the fetch:plain step is skipped),
 * refuses a mistyped name in its destroy step, and with the right name says what will be lost and
 * that the ci executor destroys nothing here — leaving the entity and the repository in place.
 * The destroy itself, on moto, is in src/actions/environmentDayTwo.moto.test.ts, the day-two chain.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import terraceModule, { catalogModuleEnvironmentFileLocations } from '../index';

jest.setTimeout(180_000);

const templates = path.resolve(
  __dirname,
  '../../../catalog-backend-module-environments-template/templates',
);
const auth = () => mockCredentials.user.header();
const NAME = 'shop-bye';

describe('Destroy environment through the scaffolder REST API', () => {
  let root: string;
  let localRoot: string;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-e2e-destroy-'));
    localRoot = path.join(root, 'repos');
    await fs.mkdir(path.join(root, 'work'), { recursive: true });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderEntityModel,
        scaffolderPlugin,
        terraceModule,
        catalogModuleEnvironmentFileLocations,
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://127.0.0.1',
              workingDirectory: path.join(root, 'work'),
            },
            catalog: {
              rules: [{ allow: ['Resource', 'Location', 'Template'] }],
              locations: ['create-environment', 'destroy-environment'].map(
                name => ({
                  type: 'file',
                  target: path.join(templates, name, 'template.yaml'),
                  rules: [{ allow: ['Template'] }],
                }),
              ),
            },
            aws: { accounts: [{ accountId: '222222222222' }] },
            terrace: {
              publish: { localRoot },
              terraform: { executor: 'ci' },
              catalog: { waitSeconds: 60 },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    await waitFor(async () => {
      const res = await request(server)
        .get(
          '/api/catalog/entities/by-name/template/default/destroy-environment',
        )
        .set('Authorization', auth());
      return res.status === 200;
    }, 'the destroy template in the catalog');
    const created = await runTask('create-environment', {
      name: NAME,
      owner: 'group:default/shop',
      cloud: 'aws',
      region: 'ap-southeast-2',
      tier: 'dev',
      components: [
        { name: 'db', type: 'postgres' },
        { name: 'cache', type: 'redis' },
      ],
      executor: 'ci',
      approved: false,
      publishTarget: 'local',
    });
    if (created.task.status !== 'completed') {
      throw new Error(`create task ${created.task.status}`);
    }
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

  async function runTask(templateName: string, values: object) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth())
      .send({ templateRef: `template:default/${templateName}`, values });
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

  const logOf = (events: Array<{ type: string; body: any }>) =>
    events
      .filter(e => e.type === 'log')
      .map(e => String(e.body.message))
      .join('\n');

  it('refuses a mistyped name in the destroy step, after fetching the repository', async () => {
    const { task, events } = await runTask('destroy-environment', {
      environment: `resource:default/${NAME}`,
      confirmName: 'shop-by',
      liftDeletionProtection: false,
    });
    expect(task.status).toBe('failed');
    const log = logOf(events);
    expect(log).toContain('Cloning');
    expect(log).toContain(
      `InputError: confirmName: "shop-by" does not match the environment name "${NAME}"; type the name exactly to destroy it`,
    );
  });

  it('with the ci executor: says what will be lost and that nothing is destroyed here; the entity and repository stay', async () => {
    const { task, events } = await runTask('destroy-environment', {
      environment: `resource:default/${NAME}`,
      confirmName: NAME,
      liftDeletionProtection: false,
    });
    const log = logOf(events);
    if (task.status !== 'completed') {
      throw new Error(`task ${task.status}:\n${log}`);
    }
    expect(log).toContain(`What will be lost with environment "${NAME}":`);
    // the fetch:plain step is for repositories on a git host only
    expect(log).toMatch(/Skipping step fetch-remote/);
    const completion = events.find(e => e.type === 'completion');
    const text = completion!.body.output.text as Array<{
      title: string;
      content: string;
    }>;
    expect(text.find(t => t.title === 'Destroy')!.content).toMatch(
      new RegExp(`^Not destroyed: environment "${NAME}" is applied by CI`),
    );
    expect(text.find(t => t.title === 'What was lost')!.content).toBe(
      [
        '- **db** (postgres, kept): PostgreSQL db: a final snapshot is kept (skip_final_snapshot = false, named shop-bye-db-final-…); its automated backups (1 day) are deleted with the instance.',
        '- **cache** (redis, lost): Redis cache: no snapshots; the cached data is gone.',
      ].join('\n'),
    );
    const entity = await request(server)
      .get(`/api/catalog/entities/by-name/resource/default/${NAME}`)
      .set('Authorization', auth());
    expect(entity.status).toBe(200);
    expect(
      (await fs.stat(path.join(localRoot, `${NAME}.git`))).isDirectory(),
    ).toBe(true);
  });
});
