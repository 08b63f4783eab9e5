/**
 * What the scaffolder actions need from the environments backend after an environment exists:
 * somewhere to record its history, and a gate that holds a production apply or destroy until a
 * second person approves it. The backend implements both (over its database); the actions take
 * them as options, so each stays testable on its own.
 */
import type {
  EnvironmentApproval,
  EnvironmentEvent,
} from '@terrace/plugin-environments-common';

/** @public Records an entry of an environment's history (the entity's History card). */
export interface EnvironmentHistoryRecorder {
  /** Errors: rejects when the store refuses (the caller logs it; the run itself stands). */
  record(event: EnvironmentEvent): Promise<void>;
}

/** @public What is asked to be approved. */
export interface ApprovalRequest {
  environment: string;
  action: 'apply' | 'destroy';
  /** The requester's user entity ref, e.g. `user:default/alice`. */
  requestedBy: string;
  taskId?: string;
  /** Lines for the task log, e.g. `Waiting for approval ... (requested by user:default/alice)`. */
  log: (line: string) => void;
  /** The task was cancelled: stop waiting. */
  signal?: AbortSignal;
}

/** @public Holds a production apply or destroy until someone else approves it. */
export interface ApprovalGate {
  /**
   * Resolves with the approval once a person other than the requester with
   * `terrace.environment.approve` approved it. Errors: rejects (`NotAllowedError`) when it was
   * rejected, and when `signal` aborts or the gate's wait limit passes.
   */
  waitForApproval(request: ApprovalRequest): Promise<EnvironmentApproval>;
}
