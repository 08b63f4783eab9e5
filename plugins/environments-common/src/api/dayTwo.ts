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
