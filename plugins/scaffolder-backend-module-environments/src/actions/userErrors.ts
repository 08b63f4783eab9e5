import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  TerraformCommandError,
  TerraformTimeoutError,
} from '@terrace/plugin-environments-node';

const USER_FACING = [
  InputError,
  NotAllowedError,
  ConflictError,
  NotFoundError,
  TerraformCommandError,
  TerraformTimeoutError,
];

/**
 * The scaffolder prints a failed step's `error.stack` to the task log. For errors that are about
 * the user's input or Terraform's own result, the message is the whole story: their stack is
 * reduced to `Name: message`, so the log shows no stack trace. Other errors (bugs) keep theirs.
 */
export function withUserFacingErrors<
  A extends { handler: (ctx: any) => Promise<void> },
>(action: A): A {
  const handler = action.handler;
  return {
    ...action,
    async handler(ctx: Parameters<A['handler']>[0]) {
      try {
        await handler(ctx);
      } catch (e) {
        if (USER_FACING.some(type => e instanceof type)) {
          const error = e as Error;
          error.stack = `${error.name}: ${error.message}`;
        }
        throw e;
      }
    },
  };
}
