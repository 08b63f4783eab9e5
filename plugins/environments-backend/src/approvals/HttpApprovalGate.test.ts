import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  HttpApprovalGate,
  HttpEnvironmentHistoryRecorder,
} from '@terrace/plugin-environments-node';
import request from 'supertest';
import {
  environmentEntity,
  startDayTwoBackend,
} from '../__testUtils__/dayTwoBackend';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

/**
 * The scaffolder's side of approvals (the gate and the history recorder of
 * @terrace/plugin-environments-node) against the environments plugin in a started backend: the
 * gate's waits are an injected sleep, during which the test decides the approval as a person
 * would in the portal, and an injected clock.
 */
describe('HttpApprovalGate and HttpEnvironmentHistoryRecorder against the environments backend', () => {
  let server: any;
  let deps: { discovery: any; auth: any };

  beforeAll(async () => {
    const backend = await startDayTwoBackend({
      entities: [environmentEntity('shop-prod', 'group:default/shop')],
    });
    server = backend.server;
    const baseUrl = `http://127.0.0.1:${backend.server.port()}/api/environments`;
    deps = {
      discovery: { getBaseUrl: async () => baseUrl },
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    };
  });

  const decide = (id: string, verb: 'approve' | 'reject', user: string) =>
    request(server)
      .post(`/api/environments/v1/approvals/${id}/${verb}`)
      .set('Authorization', mockCredentials.user.header(user));

  const pendingIds = async () =>
    (
      await request(server)
        .get('/api/environments/v1/approvals?status=pending')
        .set('Authorization', mockCredentials.service.header())
    ).body.items.map((a: any) => a.id) as string[];

  it('waits while the requester tries to approve, and resolves once another user approves', async () => {
    const lines: string[] = [];
    const attempts: number[] = [];
    const gate = new HttpApprovalGate({
      ...deps,
      appBaseUrl: 'http://127.0.0.1:3000/',
      pollIntervalMs: 5_000,
      sleep: async ms => {
        attempts.push(ms);
        const [id] = await pendingIds();
        // first wait: the requester's own approval is refused; second: bob approves
        const res = await decide(
          id,
          'approve',
          attempts.length === 1 ? ALICE : BOB,
        );
        expect(res.status).toBe(attempts.length === 1 ? 403 : 200);
      },
      now: () => 0,
    });
    const approval = await gate.waitForApproval({
      environment: 'shop-prod',
      action: 'apply',
      requestedBy: ALICE,
      taskId: 'task-7',
      log: line => lines.push(line),
    });
    expect(attempts).toEqual([5_000, 5_000]);
    expect(approval).toMatchObject({
      environment: 'shop-prod',
      status: 'approved',
      requestedBy: ALICE,
      decidedBy: BOB,
      taskId: 'task-7',
    });
    expect(lines).toEqual([
      `Waiting for approval of apply of shop-prod by someone other than ${ALICE} (approve in the portal: http://127.0.0.1:3000/catalog/default/resource/shop-prod/environment)`,
      `Approved by ${BOB} at ${approval.decidedAt}`,
    ]);
  });

  it('fails when another user rejects', async () => {
    const gate = new HttpApprovalGate({
      ...deps,
      appBaseUrl: 'http://127.0.0.1:3000',
      sleep: async () => {
        const [id] = await pendingIds();
        expect((await decide(id, 'reject', BOB)).status).toBe(200);
      },
    });
    await expect(
      gate.waitForApproval({
        environment: 'shop-prod',
        action: 'destroy',
        requestedBy: ALICE,
        log: () => {},
      }),
    ).rejects.toThrow(
      new RegExp(`^The destroy of shop-prod was rejected by ${BOB} at `),
    );
  });

  it('stops waiting when the task is cancelled (its signal aborts)', async () => {
    const controller = new AbortController();
    let waits = 0;
    const gate = new HttpApprovalGate({
      ...deps,
      appBaseUrl: 'http://127.0.0.1:3000',
      sleep: async (_ms, signal) => {
        waits += 1;
        controller.abort();
        expect(signal?.aborted).toBe(true);
        throw new Error('aborted');
      },
    });
    await expect(
      gate.waitForApproval({
        environment: 'shop-prod',
        action: 'apply',
        requestedBy: ALICE,
        log: () => {},
        signal: controller.signal,
      }),
    ).rejects.toThrow(
      /^The apply of shop-prod was cancelled while waiting for approval /,
    );
    expect(waits).toBe(1);
    // nobody is asked any more: the approval left the approvers' list, and the history says why
    expect(await pendingIds()).toEqual([]);
    const history = await request(server)
      .get('/api/environments/v1/environments/default/shop-prod/history')
      .set('Authorization', mockCredentials.user.header(BOB));
    expect(history.body.items[0]).toMatchObject({
      kind: 'approval',
      actor: 'terrace',
      summary: `Withdrew the request to apply shop-prod by ${ALICE}: the task was cancelled`,
    });
    // the real wait rejects at once on an aborted signal, too
    const real = new HttpApprovalGate({
      ...deps,
      appBaseUrl: 'http://127.0.0.1:3000',
    });
    await expect(
      real.waitForApproval({
        environment: 'shop-prod',
        action: 'apply',
        requestedBy: ALICE,
        log: () => {},
        signal: controller.signal,
      }),
    ).rejects.toThrow(/was cancelled/);
  });

  it('gives up after terrace.approvals.waitMinutes on the injected clock', async () => {
    let clock = 0;
    const waits: number[] = [];
    const gate = HttpApprovalGate.fromConfig(
      new ConfigReader({
        app: { baseUrl: 'http://127.0.0.1:3000' },
        terrace: { approvals: { waitMinutes: 1 } },
      }),
      {
        ...deps,
        pollIntervalMs: 25_000,
        now: () => clock,
        sleep: async ms => {
          waits.push(ms);
          clock += ms;
        },
      },
    );
    await expect(
      gate.waitForApproval({
        environment: 'shop-prod',
        action: 'apply',
        requestedBy: ALICE,
        log: () => {},
      }),
    ).rejects.toThrow(
      /^No one approved the apply of shop-prod within 1 minutes \(terrace\.approvals\.waitMinutes\); approval .* was withdrawn$/,
    );
    expect(waits).toEqual([25_000, 25_000, 10_000]);
    expect(await pendingIds()).toEqual([]);
    expect(() =>
      HttpApprovalGate.fromConfig(
        new ConfigReader({
          app: { baseUrl: 'http://127.0.0.1:3000' },
          terrace: { approvals: { waitMinutes: 0 } },
        }),
        deps,
      ),
    ).toThrow('terrace.approvals.waitMinutes: must be a positive number');
  });

  it('records history events, and the backend names a wrong field', async () => {
    const recorder = new HttpEnvironmentHistoryRecorder(deps);
    await recorder.record({
      environment: 'shop-prod',
      kind: 'create',
      at: '2026-12-01T12:00:00.000Z',
      actor: ALICE,
      summary: 'Apply complete! Resources: 2 added, 0 changed, 0 destroyed.',
      costDelta: { before: 0, after: 120, difference: 120, currency: 'USD' },
      taskId: 'task-8',
    });
    const history = await request(server)
      .get('/api/environments/v1/environments/default/shop-prod/history')
      .set('Authorization', mockCredentials.user.header(BOB));
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ kind: 'create', taskId: 'task-8' }),
    );
    await expect(
      recorder.record({
        environment: 'shop-prod',
        kind: 'create',
        at: 'yesterday',
        actor: ALICE,
        summary: 'x',
      }),
    ).rejects.toThrow(/at: must be an ISO 8601 UTC time/);
  });
});
