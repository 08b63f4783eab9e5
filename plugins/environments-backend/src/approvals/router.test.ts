import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  environmentEntity,
  startDayTwoBackend,
} from '../__testUtils__/dayTwoBackend';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const DAVE = 'user:default/dave';

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const service = { Authorization: mockCredentials.service.header() };

describe('approvals of production applies (real catalog and permission backend)', () => {
  let server: any;

  beforeAll(async () => {
    const backend = await startDayTwoBackend({
      entities: [
        environmentEntity('shop-prod', 'group:default/shop'),
        environmentEntity('carol-prod', CAROL),
      ],
      policy: { deny: [DAVE], owners: [CAROL] },
    });
    server = backend.server;
  });

  const requestApproval = async (environment: string, requestedBy = ALICE) => {
    const res = await request(server)
      .post('/api/environments/v1/approvals')
      .set(service)
      .send({ environment, action: 'apply', requestedBy, taskId: 'task-1' });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('creates approvals with service credentials only, naming a wrong field', async () => {
    const byUser = await request(server)
      .post('/api/environments/v1/approvals')
      .set(as(ALICE))
      .send({ environment: 'shop-prod', action: 'apply', requestedBy: ALICE });
    expect(byUser.status).toBe(403);
    const bad = await request(server)
      .post('/api/environments/v1/approvals')
      .set(service)
      .send({
        environment: 'shop-prod',
        action: 'apply',
        requestedBy: 'alice',
      });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'requestedBy: must be a user entity ref',
    );

    const approval = await requestApproval('shop-prod');
    expect(approval).toEqual({
      id: expect.any(String),
      environment: 'shop-prod',
      action: 'apply',
      requestedBy: ALICE,
      requestedAt: expect.any(String),
      taskId: 'task-1',
      status: 'pending',
    });
    const read = await request(server)
      .get(`/api/environments/v1/approvals/${approval.id}`)
      .set(service);
    expect(read.body).toEqual(approval);
  });

  it("refuses the requester's own approval (403) and leaves it pending; another user's is accepted once", async () => {
    const approval = await requestApproval('shop-prod');
    const base = `/api/environments/v1/approvals/${approval.id}`;

    const own = await request(server).post(`${base}/approve`).set(as(ALICE));
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(
      'You requested the apply of shop-prod: someone else with the terrace.environment.approve permission must decide it',
    );
    expect((await request(server).get(base).set(service)).body.status).toBe(
      'pending',
    );

    const before = new Date().toISOString();
    const approved = await request(server).post(`${base}/approve`).set(as(BOB));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: BOB,
    });
    expect(approved.body.decidedAt >= before).toBe(true);

    const again = await request(server).post(`${base}/reject`).set(as(CAROL));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(
      `is not pending: it was approved by ${BOB}`,
    );

    const history = await request(server)
      .get('/api/environments/v1/environments/default/shop-prod/history')
      .set(as(ALICE));
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toEqual({
      environment: 'shop-prod',
      kind: 'approval',
      at: approved.body.decidedAt,
      actor: BOB,
      summary: `Approved the apply of shop-prod requested by ${ALICE}`,
      taskId: 'task-1',
    });
  });

  it('refuses a user the policy denies terrace.environment.approve', async () => {
    const approval = await requestApproval('shop-prod');
    const res = await request(server)
      .post(`/api/environments/v1/approvals/${approval.id}/approve`)
      .set(as(DAVE));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not decide the apply of shop-prod (permission terrace.environment.approve)',
    );
  });

  it('applies an owner-based policy (IS_ENVIRONMENT_OWNER): an owner approves their environment, not another', async () => {
    const theirs = await requestApproval('carol-prod');
    const other = await requestApproval('shop-prod');
    const refused = await request(server)
      .post(`/api/environments/v1/approvals/${other.id}/approve`)
      .set(as(CAROL));
    expect(refused.status).toBe(403);
    const accepted = await request(server)
      .post(`/api/environments/v1/approvals/${theirs.id}/approve`)
      .set(as(CAROL));
    expect(accepted.status).toBe(200);
    expect(accepted.body.decidedBy).toBe(CAROL);
  });

  it('rejects, lists pending approvals, and answers 404 for an unknown id', async () => {
    const approval = await requestApproval('shop-prod', BOB);
    const pending = await request(server)
      .get(
        '/api/environments/v1/approvals?status=pending&environment=shop-prod',
      )
      .set(as(CAROL));
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((a: any) => a.id)).toContain(approval.id);
    expect(pending.body.items.every((a: any) => a.status === 'pending')).toBe(
      true,
    );

    const rejected = await request(server)
      .post(`/api/environments/v1/approvals/${approval.id}/reject`)
      .set(as(ALICE));
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decidedBy: ALICE,
    });
    const after = await request(server)
      .get('/api/environments/v1/approvals?status=pending')
      .set(as(CAROL));
    expect(after.body.items.map((a: any) => a.id)).not.toContain(approval.id);

    // only services (the waiting task) withdraw; a withdrawn approval cannot be decided
    const stale = await requestApproval('shop-prod', BOB);
    const base = `/api/environments/v1/approvals/${stale.id}`;
    expect(
      (
        await request(server)
          .post(`${base}/withdraw`)
          .set(as(BOB))
          .send({ reason: 'x' })
      ).status,
    ).toBe(403);
    const withdrawn = await request(server)
      .post(`${base}/withdraw`)
      .set(service)
      .send({ reason: 'the task was cancelled' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      status: 'rejected',
      decidedBy: 'terrace',
    });
    expect(
      (await request(server).post(`${base}/approve`).set(as(CAROL))).status,
    ).toBe(409);

    const missing = await request(server)
      .post('/api/environments/v1/approvals/no-such-id/approve')
      .set(as(BOB));
    expect(missing.status).toBe(404);
  });

  it('records history with service credentials only and answers it newest first', async () => {
    const event = {
      environment: 'carol-prod',
      kind: 'create',
      actor: ALICE,
      summary: 'Apply complete! Resources: 3 added, 0 changed, 0 destroyed.',
      costDelta: { before: 0, after: 42.5, difference: 42.5, currency: 'USD' },
      taskId: 'task-2',
    };
    const older = { ...event, at: '2026-01-01T10:00:00.000Z' };
    const newer = { ...event, kind: 'drift', at: '2026-01-02T10:00:00.000Z' };
    expect(
      (
        await request(server)
          .post('/api/environments/v1/history')
          .set(as(ALICE))
          .send(older)
      ).status,
    ).toBe(403);
    const bad = await request(server)
      .post('/api/environments/v1/history')
      .set(service)
      .send({ ...older, kind: 'rename' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^kind: /);
    for (const e of [older, newer]) {
      const res = await request(server)
        .post('/api/environments/v1/history')
        .set(service)
        .send(e);
      expect(res.status).toBe(201);
    }
    const history = await request(server)
      .get('/api/environments/v1/environments/default/carol-prod/history')
      .set(as(BOB));
    const kinds = history.body.items
      .filter((i: any) => i.taskId === 'task-2')
      .map((i: any) => [i.kind, i.at]);
    expect(kinds).toEqual([
      ['drift', newer.at],
      ['create', older.at],
    ]);
    const unknown = await request(server)
      .get('/api/environments/v1/environments/default/nope-prod/history')
      .set(as(BOB));
    expect(unknown.status).toBe(404);
  });
});
