import type { EnvironmentDrift } from '@terrace/plugin-environments-common';
import type { Knex } from 'knex';

const TABLE = 'environment_drift';

interface DriftRow {
  environment: string;
  status: string;
  checked_at: string;
  resources: string | null;
  reason: string | null;
}

function fromRow(row: DriftRow): EnvironmentDrift {
  const drift: EnvironmentDrift = {
    environment: row.environment,
    status: row.status as EnvironmentDrift['status'],
    checkedAt: row.checked_at,
  };
  if (row.resources) drift.resources = JSON.parse(row.resources);
  if (row.reason) drift.reason = row.reason;
  return drift;
}

/**
 * @public
 * The latest drift check per environment, in the `environment_drift` table (one row per
 * environment name, replaced by each check).
 */
export class DriftStore {
  constructor(private readonly knex: Knex) {}

  /** The latest check of `environment` (its name, e.g. `shop-dev`); undefined when never checked. */
  async get(environment: string): Promise<EnvironmentDrift | undefined> {
    const row = await this.knex<DriftRow>(TABLE).where({ environment }).first();
    return row ? fromRow(row) : undefined;
  }

  /** The latest status of each named environment that was checked; the others are absent. */
  async statuses(
    environments: string[],
  ): Promise<Map<string, EnvironmentDrift['status']>> {
    const result = new Map<string, EnvironmentDrift['status']>();
    // SQLite allows 999 bound parameters per statement
    for (let i = 0; i < environments.length; i += 500) {
      const rows = await this.knex<DriftRow>(TABLE)
        .whereIn('environment', environments.slice(i, i + 500))
        .select('environment', 'status');
      for (const row of rows) {
        result.set(row.environment, row.status as EnvironmentDrift['status']);
      }
    }
    return result;
  }

  /**
   * Stores `drift` as the environment's latest check (insert or replace) and returns the check
   * it replaced, if any.
   */
  async put(drift: EnvironmentDrift): Promise<EnvironmentDrift | undefined> {
    const row: DriftRow = {
      environment: drift.environment,
      status: drift.status,
      checked_at: drift.checkedAt,
      resources: drift.resources ? JSON.stringify(drift.resources) : null,
      reason: drift.reason ?? null,
    };
    return this.knex.transaction(async tx => {
      const previous = await tx<DriftRow>(TABLE)
        .where({ environment: drift.environment })
        .first();
      await tx<DriftRow>(TABLE)
        .insert(row)
        .onConflict('environment')
        .merge(['status', 'checked_at', 'resources', 'reason']);
      return previous ? fromRow(previous) : undefined;
    });
  }
}
