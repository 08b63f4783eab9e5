/**
 * The drift endpoints in a real backend (catalog, permission backend with a policy, the
 * environments plugin on SQLite), checking local repositories with real Terraform.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import request from 'supertest';
import { startDayTwoBackend } from '../__testUtils__/dayTwoBackend';
import {
  CHANGED_TF,
  CLEAN_TF,
  localRepository,
  localTerraformConfig,
} from './__testUtils__/localTerraform';

jest.setTimeout(180_000);

const ALICE = 'user:default/alice';
const MALLORY = 'user:default/mallory';

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
          'terrace.dev/terraform-executor': 'local',
        }),
      },
    },
    spec: { type: 'environment', owner: 'group:default/shop' },
  };
}

/** Allows everything but Mallory's apply permission (so her "check now" is refused). */
class TestPolicy implements PermissionPolicy {
  async handle(query: PolicyQuery, user?: PolicyQueryUser) {
    const principal = user?.credentials.principal as
      | BackstageUserPrincipal
      | undefined;
    if (
      query.permission.name === 'terrace.environment.apply' &&
      principal?.userEntityRef === MALLORY
    ) {
      return { result: AuthorizeResult.DENY } as const;
    }
    return { result: AuthorizeResult.ALLOW } as const;
  }
}

describe('drift endpoints (real catalog, permission policy, Terraform)', () => {
  let server: any;
  let root: string;
  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(user),
  });
  const api = '/api/environments/v1';

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'terrace-drift-router-'));
    const localRoot = path.join(root, 'repos');
    const entities = [
      environmentEntity(
        'shop-clean',
        await localRepository(localRoot, 'shop-clean', CLEAN_TF),
      ),
      environmentEntity(
        'shop-changed',
        await localRepository(localRoot, 'shop-changed', CHANGED_TF),
      ),
      environmentEntity('shop-nowhere'),
    ];
    server = (
      await startDayTwoBackend({
        entities,
        policy: new TestPolicy(),
        config: localTerraformConfig(localRoot, path.join(root, 'locks')),
      })
    ).server;
  });
  afterAll(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('says "not checked yet" before the first check, and the overview says unknown', async () => {
    const res = await request(server)
      .get(`${api}/environments/default/shop-clean/drift`)
      .set(as(ALICE));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      environment: 'shop-clean',
      status: 'unknown',
      checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      reason: 'not checked yet',
    });
    const overview = await request(server)
      .get(`${api}/overview`)
      .set(as(ALICE));
    expect(overview.status).toBe(200);
    expect(
      Object.fromEntries(
        overview.body.items.map((i: any) => [i.name, i.drift]),
      ),
    ).toEqual({
      'shop-clean': 'unknown',
      'shop-changed': 'unknown',
      'shop-nowhere': 'unknown',
    });
  });

  it('refuses a check without the apply permission, a missing entity and a bad name', async () => {
    const refused = await request(server)
      .post(`${api}/environments/default/shop-clean/drift`)
      .set(as(MALLORY));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('terrace.environment.apply');
    expect(
      (
        await request(server)
          .get(`${api}/environments/default/no-such-env/drift`)
          .set(as(ALICE))
      ).status,
    ).toBe(404);
    const bad = await request(server)
      .get(`${api}/environments/default/-bad/drift`)
      .set(as(ALICE));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^name: /);
    expect(
      (
        await request(server).get(
          `${api}/environments/default/shop-clean/drift`,
        )
      ).status,
    ).toBe(401);
  });

  it('checks now: none, drifted naming the resource, unknown with why; stored for the page and the overview', async () => {
    const check = (name: string) =>
      request(server)
        .post(`${api}/environments/default/${name}/drift`)
        .set(as(ALICE));

    const clean = await check('shop-clean');
    expect(clean.status).toBe(200);
    expect(clean.body).toEqual({
      environment: 'shop-clean',
      status: 'none',
      checkedAt: expect.any(String),
    });

    const changed = await check('shop-changed');
    expect(changed.body).toMatchObject({
      environment: 'shop-changed',
      status: 'drifted',
      resources: [{ address: 'terraform_data.app', actions: ['create'] }],
    });

    const nowhere = await check('shop-nowhere');
    expect(nowhere.body).toMatchObject({
      status: 'unknown',
      // made before Terrace recorded the owning executor: the configured one, and the reason says so
      reason:
        'the entity has no backstage.io/source-location annotation, so its repository cannot be found; checked with the configured executor local (terrace.terraform.executor): the entity does not record the executor that owns it (terrace.dev/terraform-executor)',
    });

    const stored = await request(server)
      .get(`${api}/environments/default/shop-changed/drift`)
      .set(as(ALICE));
    expect(stored.body).toEqual(changed.body);

    const overview = await request(server)
      .get(`${api}/overview`)
      .set(as(ALICE));
    expect(
      Object.fromEntries(
        overview.body.items.map((i: any) => [i.name, i.drift]),
      ),
    ).toEqual({
      'shop-clean': 'none',
      'shop-changed': 'drifted',
      'shop-nowhere': 'unknown',
    });
  });
});
