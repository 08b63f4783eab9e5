import type {
  EnvironmentDrift,
  EnvironmentEvent,
} from '@terrace/plugin-environments-common';

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
