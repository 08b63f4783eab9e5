/**
 * One scheduled drift round in a real backend (catalog, the environments plugin on SQLite): the
 * task `environments.drift.enabled` schedules is run through Backstage's test scheduler
 * (`triggerTask` runs the registered function, as the scheduler's worker would), over
 * environments of different owning executors — local (real Terraform over local git
 * repositories), ci (the drift job's check run read from a GitHub API on 127.0.0.1), hcp without
 * HCP configured, and one made before the executor was recorded — and what the drift and overview
 * routes answer afterwards.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { startDayTwoBackend } from '../__testUtils__/dayTwoBackend';
import { DRIFT_TASK_ID } from './scheduleDriftChecks';
import {
  CHANGED_TF,
  CLEAN_TF,
  localRepository,
  localTerraformConfig,
} from './__testUtils__/localTerraform';
import {
  annotation,
  checkRun,
  startGithubApi,
  type FakeRepository,
} from './__testUtils__/githubApi';

jest.setTimeout(180_000);

const ALICE = 'user:default/alice';
const HOST = 'github.terrace.test';

function entity(
  name: string,
  annotations: Record<string, string>,
  type = 'environment',
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
    spec: { type, owner: 'group:default/shop' },
  };
}

describe('the scheduled drift round over environments of each executor', () => {
  const repositories = new Map<string, FakeRepository>();
  /** The environments plugin's scheduler (Backstage's test scheduler: tasks run when triggered). */
  let scheduler: SchedulerService;
  let github: Awaited<ReturnType<typeof startGithubApi>>;
  let server: any;
  let root: string;
  const auth = { Authorization: mockCredentials.user.header(ALICE) };
  const api = '/api/environments/v1';

  const repository = async (localRoot: string, name: string, tf: string) =>
    `url:${await localRepository(localRoot, name, tf)}`;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-drift-round-'));
    const localRoot = path.join(root, 'repos');
    github = await startGithubApi(repositories);
    // the ci environment's last scheduled drift job failed and listed the changed bucket
    repositories.set('acme/shop-ci', {
      checkRuns: [
        checkRun({
          id: 7,
          conclusion: 'failure',
          completed_at: '2026-12-01T06:18:41Z',
          annotations_count: 1,
        }),
      ],
      annotations: {
        7: [
          annotation(
            'warning',
            'terraform drift',
            'aws_s3_bucket.assets (update)',
          ),
        ],
      },
    });
    repositories.set('acme/shop-db', {
      checkRuns: [checkRun({ id: 8, conclusion: 'failure', repo: 'shop-db' })],
    });
    const executor = 'terrace.dev/terraform-executor';
    const source = 'backstage.io/source-location';
    const entities = [
      entity('shop-local', {
        [executor]: 'local',
        [source]: await repository(localRoot, 'shop-local', CHANGED_TF),
      }),
      // made before Terrace recorded the executor: the configured one (local) checks it
      entity('shop-legacy', {
        [source]: await repository(localRoot, 'shop-legacy', CLEAN_TF),
      }),
      entity('shop-ci', {
        [executor]: 'ci',
        [source]: `url:https://${HOST}/acme/shop-ci`,
      }),
      // ci on the embedded local git default: no workflow runs there
      entity('shop-ci-local', {
        [executor]: 'ci',
        [source]: await repository(localRoot, 'shop-ci-local', CLEAN_TF),
      }),
      // hcp owns it, but this portal has no terrace.hcp: not planned locally instead
      entity('shop-hcp', {
        [executor]: 'hcp',
        [source]: await repository(localRoot, 'shop-hcp', CHANGED_TF),
      }),
      // not an environment: the round leaves it alone
      entity(
        'shop-db',
        { [executor]: 'ci', [source]: `url:https://${HOST}/acme/shop-db` },
        'database',
      ),
    ];
    server = (
      await startDayTwoBackend({
        entities,
        policy: false,
        features: [
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          createBackendModule({
            pluginId: 'environments',
            moduleId: 'terrace-test-scheduler',
            register(reg) {
              reg.registerInit({
                deps: { pluginScheduler: coreServices.scheduler },
                async init({ pluginScheduler }) {
                  scheduler = pluginScheduler;
                },
              });
            },
          }),
        ],
        config: {
          integrations: {
            github: [
              {
                host: HOST,
                apiBaseUrl: github.apiBaseUrl,
                token: 'test-token',
              },
            ],
          },
          environments: { drift: { enabled: true } },
          ...localTerraformConfig(localRoot, path.join(root, 'locks')),
        },
      })
    ).server;
  });
  afterAll(async () => {
    await github?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('is scheduled across replicas, and one round checks each environment with its own executor', async () => {
    const [task] = (await scheduler.getScheduledTasks()).filter(
      t => t.id === DRIFT_TASK_ID,
    );
    expect(task).toMatchObject({ id: DRIFT_TASK_ID, scope: 'global' });

    await scheduler.triggerTask(DRIFT_TASK_ID);

    const drift = async (name: string) => {
      const res = await request(server)
        .get(`${api}/environments/default/${name}/drift`)
        .set(auth);
      expect(res.status).toBe(200);
      return res.body;
    };
    // local: real Terraform over the committed repository
    expect(await drift('shop-local')).toEqual({
      environment: 'shop-local',
      status: 'drifted',
      checkedAt: expect.any(String),
      resources: [{ address: 'terraform_data.app', actions: ['create'] }],
    });
    expect(await drift('shop-legacy')).toEqual({
      environment: 'shop-legacy',
      status: 'none',
      checkedAt: expect.any(String),
      reason:
        'checked with the configured executor local (terrace.terraform.executor): the entity does not record the executor that owns it (terrace.dev/terraform-executor)',
    });
    // ci: the drift job's check run on the default branch, at the time it completed
    expect(await drift('shop-ci')).toEqual({
      environment: 'shop-ci',
      status: 'drifted',
      checkedAt: '2026-12-01T06:18:41Z',
      resources: [{ address: 'aws_s3_bucket.assets', actions: ['update'] }],
    });
    expect(await drift('shop-ci-local')).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining(
        'is a local git repository, where no workflow runs',
      ),
    });
    // its Terraform would plan changes locally; the owning executor is hcp, which is not set up
    expect(await drift('shop-hcp')).toMatchObject({
      status: 'unknown',
      reason:
        'executor "hcp" needs terrace.hcp.token and terrace.hcp.organization in the app config',
    });
    // the round read only environments' checks
    expect(
      github.requests
        .map(r => r.url.split('?')[0])
        .filter(u => /shop-db/.test(u)),
    ).toEqual([]);
    expect(github.requests.map(r => r.url.split('?')[0])).toEqual([
      '/api/v3/repos/acme/shop-ci',
      '/api/v3/repos/acme/shop-ci/commits/main/check-runs',
      '/api/v3/repos/acme/shop-ci/check-runs/7/annotations',
    ]);

    const overview = await request(server).get(`${api}/overview`).set(auth);
    expect(overview.status).toBe(200);
    expect(
      Object.fromEntries(
        overview.body.items.map((i: any) => [i.name, i.drift]),
      ),
    ).toEqual({
      'shop-local': 'drifted',
      'shop-legacy': 'none',
      'shop-ci': 'drifted',
      'shop-ci-local': 'unknown',
      'shop-hcp': 'unknown',
    });

    // each environment that turned drifted has one drift entry in its history, by the scheduler
    const history = await request(server)
      .get(`${api}/environments/default/shop-ci/history`)
      .set(auth);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        kind: 'drift',
        actor: 'terrace',
        summary:
          'Drift: 1 resource differs from the Terraform state: aws_s3_bucket.assets (update)',
      }),
    ]);
  });
});
