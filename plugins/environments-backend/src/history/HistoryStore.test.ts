import { TestDatabases } from '@backstage/backend-test-utils';
import { environmentsDatabase } from '../database/migrate';
import { HistoryStore } from './HistoryStore';

describe('HistoryStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    "keeps each environment's events newest first, on %s",
    async databaseId => {
      const knex = await environmentsDatabase({
        getClient: async () => databases.init(databaseId),
      });
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
