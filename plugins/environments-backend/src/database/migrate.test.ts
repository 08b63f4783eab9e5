import { TestDatabases } from '@backstage/backend-test-utils';
import { environmentsDatabase } from './migrate';

describe('environmentsDatabase', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'creates the day-two tables on %s, and a second start changes nothing',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const service = { getClient: async () => knex };
      await environmentsDatabase(service);
      await environmentsDatabase(service);
      for (const table of [
        'environment_events',
        'environment_drift',
        'environment_approvals',
        'environment_expiry_notices',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      await knex('environment_drift').insert({
        environment: 'shop-dev',
        status: 'none',
        checked_at: '2026-12-01T12:00:00.000Z',
      });
      expect(await knex('environment_drift').select('status')).toEqual([
        { status: 'none' },
      ]);
    },
  );
});
