/**
 * How the AWS readers turn an AWS failure into the neutral errors of `../errors`. The message is what a user reads on the card, so it
 * says what was refused or failed and what to do; it never carries a stack trace.
 */

import { NotConfiguredError, SectionReadError } from '../errors';

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'UnauthorizedException',
  'NotAuthorized',
]);

const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
]);

function errorName(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string };
  return e?.Code ?? e?.name ?? e?.code ?? 'Error';
}

/**
 * Describes an AWS SDK error in words for the section card. `action` is the IAM action of the call,
 * e.g. `cloudwatch:DescribeAlarms`.
 */
export function describeAwsError(
  error: unknown,
  action: string,
  where: { accountId: string; region: string },
): Error {
  if (
    error instanceof NotConfiguredError ||
    error instanceof SectionReadError
  ) {
    return error;
  }
  const name = errorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } })
    ?.$metadata?.httpStatusCode;
  const attempts = (error as { $metadata?: { attempts?: number } })?.$metadata
    ?.attempts;
  const place = `account ${where.accountId}, region ${where.region}`;
  if (ACCESS_DENIED.has(name) || status === 403) {
    return new SectionReadError(
      `AWS denied ${action} (${place}): allow the IAM action ${action} for the role Terrace uses`,
    );
  }
  if (THROTTLED.has(name) || status === 429) {
    return new SectionReadError(
      `AWS throttled ${action} (${place})${
        attempts ? ` after ${attempts} attempts` : ''
      }; it is retried on the next refresh`,
    );
  }
  if (
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    name === 'RequestTimeout'
  ) {
    return new SectionReadError(`${action} did not answer in time (${place})`);
  }
  const message = (error as Error)?.message;
  return new SectionReadError(
    `${action} failed (${place}): ${name}${
      message && message !== name ? `: ${message.split('\n')[0]}` : ''
    }`,
  );
}

/** Runs one AWS call and turns its failure into a SectionReadError naming the IAM action. */
export async function awsCall<T>(
  action: string,
  where: { accountId: string; region: string },
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw describeAwsError(e, action, where);
  }
}
