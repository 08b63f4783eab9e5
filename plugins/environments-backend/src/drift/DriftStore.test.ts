import { TestDatabases } from '@backstage/backend-test-utils';
import { environmentsDatabase } from '../database/migrate';
import { DriftStore } from './DriftStore';
import { HistoryStore } from '../history/HistoryStore';
import { driftEvent } from './driftEvent';

describe('DriftStore and the drift history entry', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'keeps the latest check per environment on %s, and says which it replaced',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await environmentsDatabase({ getClient: async () => knex });
      const store = new DriftStore(knex);

      expect(await store.get('shop-dev')).toBeUndefined();
      expect(
        await store.put({
          environment: 'shop-dev',
          status: 'none',
          checkedAt: '2026-12-01T06:00:00.000Z',
        }),
      ).toBeUndefined();
      const drifted = {
        environment: 'shop-dev',
        status: 'drifted' as const,
        checkedAt: '2026-12-01T12:00:00.000Z',
        resources: [{ address: 'aws_s3_bucket.assets', actions: ['update'] }],
      };
      expect(await store.put(drifted)).toEqual({
        environment: 'shop-dev',
        status: 'none',
        checkedAt: '2026-12-01T06:00:00.000Z',
      });
      await store.put({
        environment: 'shop-prod',
        status: 'unknown',
        checkedAt: '2026-12-01T12:00:00.000Z',
        reason:
          'terraform plan failed: Error: No valid credential sources found',
      });

      expect(await store.get('shop-dev')).toEqual(drifted);
      expect(await store.get('shop-prod')).toEqual({
        environment: 'shop-prod',
        status: 'unknown',
        checkedAt: '2026-12-01T12:00:00.000Z',
        reason:
          'terraform plan failed: Error: No valid credential sources found',
      });
      expect(await knex('environment_drift').count({ n: '*' })).toEqual([
        { n: 2 },
      ]);
      expect(
        Object.fromEntries(
          await store.statuses(['shop-dev', 'shop-prod', 'shop-staging']),
        ),
      ).toEqual({ 'shop-dev': 'drifted', 'shop-prod': 'unknown' });
    },
  );

  it.each(databases.eachSupportedId())(
    'records a drift entry in the history when an environment turns drifted, once (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await environmentsDatabase({ getClient: async () => knex });
      const none = {
        environment: 'shop-dev',
        status: 'none' as const,
        checkedAt: '2026-12-01T06:00:00.000Z',
      };
      const drifted = {
        environment: 'shop-dev',
        status: 'drifted' as const,
        checkedAt: '2026-12-01T12:00:00.000Z',
        resources: [
          { address: 'aws_s3_bucket.assets', actions: ['update'] },
          { address: 'aws_db_instance.db', actions: ['delete', 'create'] },
        ],
      };
      expect(driftEvent(none, undefined, 'terrace')).toBeUndefined();
      expect(driftEvent(drifted, drifted, 'terrace')).toBeUndefined();
      const event = driftEvent(drifted, none, 'user:default/alice');
      expect(event).toEqual({
        environment: 'shop-dev',
        kind: 'drift',
        at: '2026-12-01T12:00:00.000Z',
        actor: 'user:default/alice',
        summary:
          'Drift: 2 resources differ from the Terraform state: aws_s3_bucket.assets (update), aws_db_instance.db (delete, create)',
      });
      await new HistoryStore(knex).record(event!);
      expect(await knex('environment_events').select()).toEqual([
        {
          id: expect.any(Number),
          environment: 'shop-dev',
          kind: 'drift',
          at: '2026-12-01T12:00:00.000Z',
          actor: 'user:default/alice',
          summary: event!.summary,
          cost_delta: null,
          task_id: null,
        },
      ]);
    },
  );
});
