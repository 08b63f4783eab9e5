/**
 * `GET /v1/environments/:namespace/:name/changes` in a real backend (the catalog with the
 * entities, the environments plugin on SQLite) over real local git repositories: a bare
 * `<name>.git` beside its checkout, as terrace:git:publish leaves them, with change branches as
 * terrace:environment:change pushes them.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { startDayTwoBackend } from '../__testUtils__/dayTwoBackend';

jest.setTimeout(120_000);

const CHANGE = `# Change environment shop-dev

Requested by user:default/alice in scaffolder task t-redis.

## Terraform plan

\`Plan: 7 to add, 0 to change, 0 to destroy.\` (local executor)

- \`+ aws_elasticache_replication_group.cache\` create

## Cost delta (list prices, USD a month)

41.50 → 66.32 (+24.82)
`;

function environmentEntity(name: string, sourceLocation?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': 'url:http://127.0.0.1/terrace-test',
        'backstage.io/managed-by-origin-location':
          'url:http://127.0.0.1/terrace-test',
        ...(sourceLocation && {
          'backstage.io/source-location': `url:${sourceLocation}`,
        }),
      },
    },
    spec: { type: 'environment', owner: 'group:default/shop' },
  };
}

describe('GET /v1/environments/:namespace/:name/changes', () => {
  let server: any;
  let root: string;
  const auth = { Authorization: mockCredentials.user.header() };
  const api = '/api/environments/v1/environments/default';

  /** A local repository as terrace:git:publish and terrace:environment:change leave it. */
  async function repository(localRoot: string, name: string) {
    const work = path.join(root, `work-${name}`);
    await fs.mkdir(work, { recursive: true });
    const git = (cwd: string, date: string, ...args: string[]) =>
      execFileSync('git', args, {
        cwd,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Terrace',
          GIT_AUTHOR_EMAIL: 'terrace@localhost',
          GIT_COMMITTER_NAME: 'Terrace',
          GIT_COMMITTER_EMAIL: 'terrace@localhost',
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
        },
      });
    const commit = async (date: string, file: string, content: string) => {
      await fs.mkdir(path.dirname(path.join(work, file)), { recursive: true });
      await fs.writeFile(path.join(work, file), content);
      git(work, date, 'add', '-A');
      git(work, date, 'commit', '--quiet', '-m', file);
    };
    git(
      work,
      '2026-11-01T10:00:00Z',
      'init',
      '--quiet',
      '--initial-branch=main',
    );
    await commit(
      '2026-11-01T10:00:00Z',
      'environment.yaml',
      'kind: Environment\n',
    );
    // a change applied (merged) already, one pending, a newer one pending, and a branch of someone's
    git(
      work,
      '2026-11-02T10:00:00Z',
      'checkout',
      '--quiet',
      '-b',
      'terrace/change-t-merged',
    );
    await commit(
      '2026-11-02T10:00:00Z',
      '.terrace/changes/t-merged.md',
      '# Change environment shop-dev\n',
    );
    git(work, '2026-11-02T10:00:00Z', 'checkout', '--quiet', 'main');
    git(
      work,
      '2026-11-02T11:00:00Z',
      'merge',
      '--quiet',
      '--no-ff',
      '-m',
      'merge',
      'terrace/change-t-merged',
    );
    git(
      work,
      '2026-11-03T10:00:00Z',
      'checkout',
      '--quiet',
      '-b',
      'terrace/change-t-redis',
      'main',
    );
    await commit('2026-11-03T10:00:00Z', '.terrace/changes/t-redis.md', CHANGE);
    git(
      work,
      '2026-11-04T10:00:00Z',
      'checkout',
      '--quiet',
      '-b',
      'terrace/change-t-bare',
      'main',
    );
    await commit(
      '2026-11-04T10:00:00Z',
      'environment.yaml',
      'kind: Environment # edited\n',
    );
    git(
      work,
      '2026-11-05T10:00:00Z',
      'checkout',
      '--quiet',
      '-b',
      'alice/experiment',
      'main',
    );
    await commit('2026-11-05T10:00:00Z', 'notes.md', 'hi\n');
    const bare = path.join(localRoot, `${name}.git`);
    await fs.mkdir(bare, { recursive: true });
    git(
      bare,
      '2026-11-01T10:00:00Z',
      'init',
      '--bare',
      '--quiet',
      '--initial-branch=main',
    );
    git(work, '2026-11-01T10:00:00Z', 'push', '--quiet', bare, '--all');
    git(localRoot, '2026-11-01T10:00:00Z', 'clone', '--quiet', bare, name);
    return `${pathToFileURL(path.join(localRoot, name)).href}/`;
  }

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-changes-router-'));
    const localRoot = path.join(root, 'repos');
    await fs.mkdir(localRoot);
    const entities = [
      environmentEntity('shop-dev', await repository(localRoot, 'shop-dev')),
      environmentEntity(
        'shop-hosted',
        'https://github.com/acme/shop-hosted/tree/main/',
      ),
      environmentEntity(
        'shop-outside',
        `${pathToFileURL(path.join(root, 'elsewhere', 'shop-outside')).href}/`,
      ),
    ];
    server = (
      await startDayTwoBackend({
        entities,
        policy: false,
        config: { terrace: { publish: { localRoot } } },
      })
    ).server;
  });
  afterAll(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('lists the change branches not merged yet, newest first, with what their change files say', async () => {
    const res = await request(server).get(`${api}/shop-dev/changes`).set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        {
          branch: 'terrace/change-t-bare',
          taskId: 't-bare',
          createdAt: '2026-11-04T10:00:00.000Z',
          changeFile: '.terrace/changes/t-bare.md',
        },
        {
          branch: 'terrace/change-t-redis',
          taskId: 't-redis',
          createdAt: '2026-11-03T10:00:00.000Z',
          changeFile: '.terrace/changes/t-redis.md',
          title: 'Change environment shop-dev',
          planSummary: 'Plan: 7 to add, 0 to change, 0 to destroy.',
          costDelta: {
            before: 41.5,
            after: 66.32,
            difference: 24.82,
            currency: 'USD',
          },
        },
      ],
    });
  });

  it('says why there is nothing to list for a repository on a git host or outside the local root', async () => {
    const hosted = await request(server)
      .get(`${api}/shop-hosted/changes`)
      .set(auth);
    expect(hosted.status).toBe(200);
    expect(hosted.body).toEqual({
      items: [],
      reason:
        'the repository is on a git host (https://github.com/acme/shop-hosted/tree/main/): its changes are pull requests there',
    });
    const outside = await request(server)
      .get(`${api}/shop-outside/changes`)
      .set(auth);
    expect(outside.body.items).toEqual([]);
    expect(outside.body.reason).toMatch(
      /^there is no local repository .*shop-outside\.git under terrace\.publish\.localRoot$/,
    );
  });

  it('answers 404 for an entity that is not an environment in the catalog, 400 naming a bad parameter', async () => {
    const missing = await request(server)
      .get(`${api}/shop-nowhere/changes`)
      .set(auth);
    expect(missing.status).toBe(404);
    const bad = await request(server)
      .get('/api/environments/v1/environments/default/sh%20op/changes')
      .set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^name: /);
  });
});
