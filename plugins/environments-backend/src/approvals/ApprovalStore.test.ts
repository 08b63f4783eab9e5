import { TestDatabases } from '@backstage/backend-test-utils';
import { environmentsDatabase } from '../database/migrate';
import { HistoryStore } from '../history/HistoryStore';
import { ApprovalStore } from './ApprovalStore';

describe('ApprovalStore and HistoryStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'decides an approval once, and keeps history newest first, on %s',
    async databaseId => {
      const knex = await environmentsDatabase({
        getClient: async () => databases.init(databaseId),
      });
      const approvals = new ApprovalStore(knex);
      const requested = await approvals.create(
        {
          environment: 'shop-prod',
          action: 'destroy',
          requestedBy: 'user:default/alice',
        },
        new Date('2026-12-01T10:00:00Z'),
      );
      expect(requested).toEqual({
        id: expect.any(String),
        environment: 'shop-prod',
        action: 'destroy',
        requestedBy: 'user:default/alice',
        requestedAt: '2026-12-01T10:00:00.000Z',
        status: 'pending',
      });
      const other = await approvals.create(
        {
          environment: 'web-prod',
          action: 'apply',
          requestedBy: 'user:default/bob',
          taskId: 't-9',
        },
        new Date('2026-12-01T11:00:00Z'),
      );
      expect(
        (await approvals.list({ status: 'pending' })).map(a => a.id),
      ).toEqual([requested.id, other.id]);
      expect(
        (await approvals.list({ environment: 'web-prod' })).map(a => a.id),
      ).toEqual([other.id]);

      const decided = await approvals.decide(requested.id, {
        status: 'approved',
        decidedBy: 'user:default/bob',
        at: new Date('2026-12-01T10:05:00Z'),
      });
      expect(decided).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/bob',
        decidedAt: '2026-12-01T10:05:00.000Z',
      });
      // a second decision changes nothing
      expect(
        await approvals.decide(requested.id, {
          status: 'rejected',
          decidedBy: 'user:default/carol',
          at: new Date('2026-12-01T10:06:00Z'),
        }),
      ).toBeUndefined();
      expect((await approvals.get(requested.id))?.decidedBy).toBe(
        'user:default/bob',
      );
      expect(await approvals.get('missing')).toBeUndefined();
      expect(
        (await approvals.list({ status: 'pending' })).map(a => a.id),
      ).toEqual([other.id]);

      const history = new HistoryStore(knex);
      const event = {
        environment: 'shop-prod',
        actor: 'user:default/alice',
        summary: 'one',
      };
      await history.record({
        ...event,
        kind: 'create',
        at: '2026-12-01T09:00:00.000Z',
        costDelta: { before: 0, after: 10, difference: 10, currency: 'USD' },
        taskId: 't-1',
      });
      await history.record({
        ...event,
        kind: 'approval',
        at: '2026-12-01T10:05:00.000Z',
      });
      await history.record({
        ...event,
        kind: 'drift',
        at: '2026-12-01T10:05:00.000Z',
      });
      await history.record({
        ...event,
        environment: 'web-prod',
        kind: 'create',
        at: '2026-12-01T12:00:00.000Z',
      });
      const items = await history.list('shop-prod');
      expect(items.map(i => i.kind)).toEqual(['drift', 'approval', 'create']);
      expect(items[2]).toEqual({
        ...event,
        kind: 'create',
        at: '2026-12-01T09:00:00.000Z',
        costDelta: { before: 0, after: 10, difference: 10, currency: 'USD' },
        taskId: 't-1',
      });
      expect(await history.list('shop-prod', { limit: 1 })).toHaveLength(1);
    },
  );
});
