import { TestDatabases } from '@backstage/backend-test-utils';
import { environmentsDatabase } from '../database/migrate';
import { ApprovalStore } from './ApprovalStore';

describe('ApprovalStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'decides an approval once, on %s',
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
    },
  );
});
