import type { Knex } from 'knex';
import type {
  EnvironmentCostDelta,
  EnvironmentEvent,
} from '@terrace/plugin-environments-common';

const TABLE = 'environment_events';

interface EventRow {
  id: number;
  environment: string;
  kind: EnvironmentEvent['kind'];
  at: string;
  actor: string;
  summary: string;
  cost_delta: string | null;
  task_id: string | null;
}

/**
 * Each environment's history (table `environment_events`): what happened, when, by whom, with the
 * cost delta and the scaffolder task. Times are ISO 8601 UTC strings, so they sort as text.
 */
export class HistoryStore {
  constructor(private readonly knex: Knex) {}

  /** Appends one event. Errors: the database's, unchanged. */
  async record(event: EnvironmentEvent): Promise<void> {
    await this.knex<EventRow>(TABLE).insert({
      environment: event.environment,
      kind: event.kind,
      at: event.at,
      actor: event.actor,
      summary: event.summary,
      cost_delta: event.costDelta ? JSON.stringify(event.costDelta) : null,
      task_id: event.taskId ?? null,
    });
  }

  /**
   * The events of one environment (by name), newest first; events recorded with the same time keep
   * their reverse order of recording. At most `limit` (default 100).
   */
  async list(
    environment: string,
    options?: { limit?: number },
  ): Promise<EnvironmentEvent[]> {
    const rows = await this.knex<EventRow>(TABLE)
      .where({ environment })
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options?.limit ?? 100);
    return rows.map(row => {
      const event: EnvironmentEvent = {
        environment: row.environment,
        kind: row.kind,
        at: row.at,
        actor: row.actor,
        summary: row.summary,
      };
      if (row.cost_delta) {
        event.costDelta = JSON.parse(row.cost_delta) as EnvironmentCostDelta;
      }
      if (row.task_id) event.taskId = row.task_id;
      return event;
    });
  }
}
