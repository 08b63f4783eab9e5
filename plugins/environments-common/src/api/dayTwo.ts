/**
 * Day-two contract: what the status API says about an environment after it was created — its
 * history (create, change, drift, destroy, approval, expiry), its drift, and approvals of
 * production applies and destroys. Shared by the backend (which stores them), the scaffolder
 * actions (which record them) and the frontend (which shows them).
 */

/** @public What happened to an environment. */
export type EnvironmentEventKind =
  | 'create'
  | 'change'
  | 'drift'
  | 'destroy'
  | 'approval'
  | 'expiry';

/** @public A monthly cost before and after a change, in the estimate's currency (USD). */
export interface EnvironmentCostDelta {
  /** Monthly estimate before the change, e.g. `312.40`; 0 for a new environment. */
  before: number;
  /** Monthly estimate after the change; 0 after a destroy. */
  after: number;
  /** `after - before`, rounded to cents. */
  difference: number;
  currency: 'USD';
}

/** @public One entry of an environment's history (the entity's History card). */
export interface EnvironmentEvent {
  /** Environment name, e.g. `shop-staging`. */
  environment: string;
  kind: EnvironmentEventKind;
  /** When it happened, ISO 8601 UTC. */
  at: string;
  /** Who did it: a user entity ref (`user:default/alice`), or `terrace` for the scheduler. */
  actor: string;
  /** One line for people, e.g. `Plan: 2 to add, 0 to change, 0 to destroy.` */
  summary: string;
  costDelta?: EnvironmentCostDelta;
  /** The scaffolder task that did it, when one did. */
  taskId?: string;
}

/** @public Whether the cloud still matches the environment's Terraform state. */
export interface EnvironmentDrift {
  environment: string;
  /** `none`: plan found no change; `drifted`: it did; `unknown`: no plan could be made (see `reason`). */
  status: 'none' | 'drifted' | 'unknown';
  /** When the plan ran, ISO 8601 UTC. */
  checkedAt: string;
  /** For `drifted`: each resource Terraform would change, with its actions, e.g. `["update"]`. */
  resources?: Array<{ address: string; actions: string[] }>;
  /**
   * For `unknown`: why, e.g. `the ci executor's drift job has not run yet`. On `drifted` without
   * `resources`: where they are listed (the HCP run, the ci job). On any status: a note such as
   * the check having used the configured executor because the entity records none.
   */
  reason?: string;
}

/** @public A request for a second person to approve a production apply or destroy. */
export interface EnvironmentApproval {
  id: string;
  environment: string;
  action: 'apply' | 'destroy';
  /** The requester's user entity ref; they cannot approve it. */
  requestedBy: string;
  requestedAt: string;
  taskId?: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy?: string;
  decidedAt?: string;
}

/** @public `GET /v1/environments/:namespace/:name/history`: the environment's events, newest first. */
export interface HistoryResponse {
  items: EnvironmentEvent[];
}

/** @public `GET /v1/approvals`: approvals the caller may read, oldest request first. */
export interface ApprovalsResponse {
  items: EnvironmentApproval[];
}

/**
 * @public `GET /v1/environments/:namespace/:name/spec`: the environment's current
 * environment.yaml, as read from its repository, and the Update environment form's data for it.
 */
export interface EnvironmentSpecResponse {
  /** The parsed environment.yaml (contract section 1), as the repository has it. */
  spec: Record<string, unknown>;
  /** The same as the template's form values (`environmentFormFromSpec`), for `?formData=`. */
  formData: Record<string, unknown>;
  /** Where it was read, e.g. `file:///var/terrace/repos/shop-dev/environment.yaml`. */
  url: string;
}

/** @public A change proposed by "Change this environment" and not applied yet. */
export interface EnvironmentPendingChange {
  /** The change's branch in the environment's local repository, e.g. `terrace/change-3f1c9a`. */
  branch: string;
  /** The scaffolder task that proposed it (the branch name's suffix). */
  taskId: string;
  /** When the branch's last commit was made, ISO 8601 UTC. */
  createdAt: string;
  /** The change file's title, e.g. `Change environment shop-dev`. */
  title?: string;
  /** Terraform's plan line it was proposed with, or `Plan skipped: <why>`. */
  planSummary?: string;
  /** The monthly cost delta it was proposed with (USD), when it had one. */
  costDelta?: EnvironmentCostDelta;
  /** The change file, relative to the repository: `.terrace/changes/<task id>.md`. */
  changeFile: string;
}

/**
 * @public `GET /v1/environments/:namespace/:name/changes`: the proposed changes not merged into
 * the default branch of the environment's local repository, newest first. `reason` says why
 * there are none to show when the repository is not a local one (a git host's pull requests).
 */
export interface PendingChangesResponse {
  items: EnvironmentPendingChange[];
  reason?: string;
}
