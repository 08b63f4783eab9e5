import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import type {
  EnvironmentApproval,
  Tier,
} from '@terrace/plugin-environments-common';
import {
  callEnvironments,
  type EnvironmentsDiscovery,
  type EnvironmentsServiceAuth,
} from './client';
import type { ApprovalGate, ApprovalRequest } from './types';

/** Default wait for an approval: 24 hours. */
const DEFAULT_WAIT_MINUTES = 24 * 60;
/** Default time between two reads of the approval: 10 seconds. */
const DEFAULT_POLL_INTERVAL_MS = 10_000;

/** Waits `ms` milliseconds; rejects early when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** @public Options of {@link HttpApprovalGate}. */
export interface HttpApprovalGateOptions {
  discovery: EnvironmentsDiscovery;
  auth: EnvironmentsServiceAuth;
  /** The portal's address (`app.baseUrl`), for the link in the task log; none: a path. */
  appBaseUrl?: string;
  /** How long a task waits for a decision, in milliseconds. Default 24 hours. */
  waitMs?: number;
  /** Time between two reads of the approval, in milliseconds. Default 10 000. */
  pollIntervalMs?: number;
  /** Waits between reads; injected in tests. Must reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock, in epoch milliseconds; injected in tests. */
  now?: () => number;
}

/**
 * The approval gate over the environments backend: creates a pending approval
 * (`POST /v1/approvals`, with the scaffolder's service credentials) and reads it
 * (`GET /v1/approvals/:id`) every `pollIntervalMs` until someone other than the requester decides
 * it in the portal; when the task is cancelled or the wait limit passes, the approval is withdrawn
 * (`POST /v1/approvals/:id/withdraw`). Logs `Waiting for approval of <action> of <env> by someone other than
 * <requester> (approve in the portal: <link>)`, then `Approved by <who> at <when>`.
 * @public
 */
export class HttpApprovalGate implements ApprovalGate {
  /**
   * Reads `terrace.approvals.waitMinutes` (default 1440, i.e. 24 h; a positive number) and
   * `app.baseUrl`. Errors: `InputError` naming the key when the wait is not a positive number.
   */
  static fromConfig(
    config: Config,
    deps: Pick<
      HttpApprovalGateOptions,
      'discovery' | 'auth' | 'sleep' | 'now' | 'pollIntervalMs'
    >,
  ): HttpApprovalGate {
    const waitMinutes =
      config.getOptionalNumber('terrace.approvals.waitMinutes') ??
      DEFAULT_WAIT_MINUTES;
    if (!(waitMinutes > 0)) {
      throw new InputError(
        `terrace.approvals.waitMinutes: must be a positive number of minutes, got ${waitMinutes}`,
      );
    }
    return new HttpApprovalGate({
      ...deps,
      appBaseUrl: config.getOptionalString('app.baseUrl'),
      waitMs: waitMinutes * 60_000,
    });
  }

  private readonly waitMs: number;
  private readonly pollIntervalMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: HttpApprovalGateOptions) {
    this.waitMs = options.waitMs ?? DEFAULT_WAIT_MINUTES * 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.sleep = options.sleep ?? sleep;
    this.now = options.now ?? Date.now;
  }

  /**
   * Resolves with the approved approval. Errors: `NotAllowedError` when it is rejected, when the
   * wait limit passes, or when `request.signal` aborts (the task was cancelled); `ResponseError`
   * when the backend refuses the request.
   */
  async waitForApproval(
    request: ApprovalRequest,
  ): Promise<EnvironmentApproval> {
    const { environment, action, requestedBy, taskId, log, signal } = request;
    const created = await callEnvironments<EnvironmentApproval>(
      this.options,
      '/v1/approvals',
      {
        method: 'POST',
        body: {
          environment,
          action,
          requestedBy,
          ...(taskId ? { taskId } : {}),
        },
      },
    );
    const link = `${(this.options.appBaseUrl ?? '').replace(
      /\/$/,
      '',
    )}/catalog/default/resource/${encodeURIComponent(environment)}/environment`;
    log(
      `Waiting for approval of ${action} of ${environment} by someone other than ${requestedBy} (approve in the portal: ${link})`,
    );
    const deadline = this.now() + this.waitMs;
    // best effort: an approval nobody waits for any more leaves the approvers' list
    const withdraw = async (reason: string) => {
      try {
        await callEnvironments(
          this.options,
          `/v1/approvals/${encodeURIComponent(created.id)}/withdraw`,
          { method: 'POST', body: { reason } },
        );
      } catch (error) {
        log(
          `Could not withdraw approval ${created.id}: ${
            (error as Error).message
          }`,
        );
      }
    };
    const cancelled = async () => {
      await withdraw('the task was cancelled');
      return new NotAllowedError(
        `The ${action} of ${environment} was cancelled while waiting for approval ${created.id}`,
      );
    };
    for (;;) {
      if (signal?.aborted) throw await cancelled();
      const approval = await callEnvironments<EnvironmentApproval>(
        this.options,
        `/v1/approvals/${encodeURIComponent(created.id)}`,
      );
      if (approval.status === 'approved') {
        log(`Approved by ${approval.decidedBy} at ${approval.decidedAt}`);
        return approval;
      }
      if (approval.status === 'rejected') {
        throw new NotAllowedError(
          `The ${action} of ${environment} was rejected by ${approval.decidedBy} at ${approval.decidedAt}`,
        );
      }
      if (this.now() >= deadline) {
        const minutes = Math.round(this.waitMs / 60_000);
        await withdraw(`no decision within ${minutes} minutes`);
        throw new NotAllowedError(
          `No one approved the ${action} of ${environment} within ${minutes} minutes (terrace.approvals.waitMinutes); approval ${created.id} was withdrawn`,
        );
      }
      try {
        await this.sleep(
          Math.min(this.pollIntervalMs, Math.max(0, deadline - this.now())),
          signal,
        );
      } catch (error) {
        if (signal?.aborted) throw await cancelled();
        throw error;
      }
    }
  }
}

/**
 * @public The tiers whose applies and destroys wait for a second person's approval:
 * `terrace.approvals.tiers`, default `['prod']`; `[]` turns approvals off. Errors: `InputError`
 * naming the key for anything but dev, staging or prod.
 */
export function readApprovalTiers(config: Config): Tier[] {
  const tiers = config.getOptionalStringArray('terrace.approvals.tiers') ?? [
    'prod',
  ];
  for (const tier of tiers) {
    if (!['dev', 'staging', 'prod'].includes(tier)) {
      throw new InputError(
        `terrace.approvals.tiers: "${tier}" is not a tier (dev, staging or prod)`,
      );
    }
  }
  return tiers as Tier[];
}
