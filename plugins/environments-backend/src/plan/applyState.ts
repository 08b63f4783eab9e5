import type { ApplyState } from '@terrace/plugin-environments-common';

/** The action of the template step that applies. */
export const APPLY_ACTION = 'terrace:terraform:apply';

/** The parts of a scaffolder task (`GET /api/scaffolder/v2/tasks/:id`) the apply state needs. */
export interface ScaffolderTaskLike {
  id: string;
  status: string;
  createdAt: string;
  spec: {
    steps?: Array<{ id: string; action: string }>;
    parameters?: Record<string, unknown>;
  };
}

/** One event of `GET /api/scaffolder/v2/tasks/:id/events`. */
export interface ScaffolderTaskEventLike {
  type: string;
  createdAt: string;
  body: { message?: string; stepId?: string; status?: string };
}

/** The first line of a step's failure (the scaffolder logs the error's stack). */
function firstLine(message: string | undefined) {
  const line = (message ?? '').split('\n')[0].trim();
  return line.replace(/^[A-Za-z]*Error: /, '');
}

/**
 * Where the apply of an environment stands, from the scaffolder task that created it: the status
 * the scaffolder logs for the apply step (`processing`, `completed`, `failed`, `skipped`) and the
 * executor chosen in the form. A `ci` apply that completed was only handed to the repository's
 * workflow, so it is `delegated`, not `applied`.
 */
export function applyStateFromTask(
  task: ScaffolderTaskLike,
  events: ScaffolderTaskEventLike[],
): ApplyState {
  const executor =
    typeof task.spec.parameters?.executor === 'string'
      ? task.spec.parameters.executor
      : undefined;
  const base = { taskId: task.id, ...(executor ? { executor } : {}) };
  const step = task.spec.steps?.find(s => s.action === APPLY_ACTION);
  if (!step) {
    return {
      ...base,
      state: 'unknown',
      message: `The task that created this environment has no ${APPLY_ACTION} step`,
    };
  }
  const statusOf = (stepId: string) =>
    events.filter(e => e.body.stepId === stepId && e.body.status).at(-1);
  const last = statusOf(step.id);
  switch (last?.body.status) {
    case 'processing':
      return { ...base, state: 'applying', at: last.createdAt };
    case 'completed':
      return executor === 'ci'
        ? {
            ...base,
            state: 'delegated',
            at: last.createdAt,
            message:
              "Not applied by Backstage: the ci executor leaves the apply to the repository's workflow, which applies on merge to main",
          }
        : { ...base, state: 'applied', at: last.createdAt };
    case 'failed':
      return {
        ...base,
        state: 'failed',
        at: last.createdAt,
        message: firstLine(last.body.message),
      };
    default:
  }
  if (
    ['failed', 'cancelled'].includes(task.status) ||
    last?.body.status === 'skipped'
  ) {
    const failed = events
      .filter(e => e.body.status === 'failed' && e.body.stepId)
      .at(-1);
    return {
      ...base,
      state: 'failed',
      ...(failed ? { at: failed.createdAt } : {}),
      message:
        task.status === 'cancelled'
          ? 'The task was cancelled before the apply'
          : `The task failed before the apply${
              failed
                ? ` (step ${failed.body.stepId}: ${firstLine(
                    failed.body.message,
                  )})`
                : ''
            }`,
    };
  }
  return { ...base, state: 'pending', at: task.createdAt };
}
