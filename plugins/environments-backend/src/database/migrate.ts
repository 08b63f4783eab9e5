import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * The environments plugin's database, migrated to the latest schema (`migrations/`: the day-two
 * tables `environment_events`, `environment_drift`, `environment_approvals`; `environment_expiry_notices`). In-memory SQLite by
 * default, PostgreSQL in the production config; the plugin's own database, shared by replicas.
 * Migrations are skipped when the adopter turned them off (`backend.database.skipMigrations`).
 */
export async function environmentsDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@terrace/plugin-environments-backend',
        'migrations',
      ),
    });
  }
  return knex;
}
