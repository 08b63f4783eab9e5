import type {
  EnvironmentDrift,
  EnvironmentEvent,
} from '@terrace/plugin-environments-common';
import type { Knex } from 'knex';

/**
 * The history entry of a check that found drift where the previous one did not (or there was no
 * previous one): kind `drift`, actor `terrace` (the scheduler) or the user who asked for the
 * check, and a summary naming the changed resources, e.g.
 * `Drift: 1 resource differs from the Terraform state: aws_s3_bucket.assets (update)`.
 * Undefined when the check found no drift, or the drift was already recorded.
 */
export function driftEvent(
  drift: EnvironmentDrift,
  previous: EnvironmentDrift | undefined,
  actor: string,
): EnvironmentEvent | undefined {
  if (drift.status !== 'drifted' || previous?.status === 'drifted') {
    return undefined;
  }
  const resources = drift.resources ?? [];
  const named = resources
    .slice(0, 10)
    .map(r => `${r.address} (${r.actions.join(', ')})`)
    .join(', ');
  const more =
    resources.length > 10 ? `, and ${resources.length - 10} more` : '';
  return {
    environment: drift.environment,
    kind: 'drift',
    at: drift.checkedAt,
    actor,
    summary:
      resources.length === 0
        ? `Drift: the plan differs from the Terraform state${
            drift.reason ? `. ${drift.reason}` : ''
          }`
        : `Drift: ${resources.length} resource${
            resources.length === 1 ? '' : 's'
          } differ${
            resources.length === 1 ? 's' : ''
          } from the Terraform state: ${named}${more}`,
  };
}

/**
 * Inserts `event` into the `environment_events` table (the History card's rows). Used until a
 * history store of the backend records events for everyone.
 */
export async function insertEnvironmentEvent(
  knex: Knex,
  event: EnvironmentEvent,
): Promise<void> {
  await knex('environment_events').insert({
    environment: event.environment,
    kind: event.kind,
    at: event.at,
    actor: event.actor,
    summary: event.summary,
    cost_delta: event.costDelta ? JSON.stringify(event.costDelta) : null,
    task_id: event.taskId ?? null,
  });
}
