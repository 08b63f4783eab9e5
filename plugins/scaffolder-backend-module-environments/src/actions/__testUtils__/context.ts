import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';

/**
 * createMockActionContext, plus the fields it does not pass through (dry run, checkpoint,
 * signal, initiator credentials).
 */
export function mockContext(
  options: Partial<ActionContext<JsonObject, any>> & { input: JsonObject },
): ActionContext<any, any> {
  const base = createMockActionContext(options);
  return {
    ...base,
    ...(options.isDryRun !== undefined && { isDryRun: options.isDryRun }),
    ...(options.checkpoint && { checkpoint: options.checkpoint }),
    ...(options.signal && { signal: options.signal }),
    ...(options.getInitiatorCredentials && {
      getInitiatorCredentials: options.getInitiatorCredentials,
    }),
  } as ActionContext<any, any>;
}

/** A checkpoint store that behaves like a task's: a key that succeeded is not run again. */
export function checkpointStore() {
  const state = new Map<string, unknown>();
  return {
    state,
    checkpoint: (async ({
      key,
      fn,
    }: {
      key: string;
      fn: () => Promise<unknown>;
    }) => {
      if (!state.has(key)) state.set(key, await fn());
      return state.get(key);
    }) as ActionContext<any, any>['checkpoint'],
  };
}
