import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  AccountsResponse,
  AlarmsSection,
  ApprovalsResponse,
  BackupsSection,
  EnvironmentApproval,
  HistoryResponse,
  CostSection,
  EnvironmentDrift,
  EnvironmentSpecResponse,
  OverviewResponse,
  PendingChangesResponse,
  PlanResponse,
  ResourcesSection,
} from '@terrace/plugin-environments-common';
import type { EstimateResult } from './estimate';

/**
 * What the frontend asks of the Terrace status API (contract section 5) and the estimate endpoint.
 * @public
 */
export interface EnvironmentsApi {
  getResources(entity: CompoundEntityRef): Promise<ResourcesSection>;
  getAlarms(entity: CompoundEntityRef): Promise<AlarmsSection>;
  getBackups(entity: CompoundEntityRef): Promise<BackupsSection>;
  getCost(entity: CompoundEntityRef): Promise<CostSection>;
  getOverview(): Promise<OverviewResponse>;
  /** The estimate and planned resources of the entity's repo, and where its apply stands. */
  getPlan(entity: CompoundEntityRef): Promise<PlanResponse>;
  /**
   * The latest drift check of the environment (`none`, `drifted` with the changed resources,
   * `unknown` with why; `unknown` / `not yet checked` before the first check).
   */
  getDrift(entity: CompoundEntityRef): Promise<EnvironmentDrift>;
  /**
   * The entity's current environment.yaml and the Update environment form's data for it
   * (`GET /v1/environments/:namespace/:name/spec`); a ResponseError (404) says why it is missing.
   */
  getSpec(entity: CompoundEntityRef): Promise<EnvironmentSpecResponse>;
  /**
   * The changes proposed for the environment and not applied yet, newest first
   * (`GET /v1/environments/:namespace/:name/changes`); `reason` when its repository is not local.
   */
  getChanges(entity: CompoundEntityRef): Promise<PendingChangesResponse>;
  /** The accounts new environments may be placed in, per cloud, as the portal is configured. */
  getAccounts(): Promise<AccountsResponse>;
  /** The environment's history (create, change, drift, destroy, approval), newest first. */
  getHistory(entity: CompoundEntityRef): Promise<HistoryResponse>;
  /** Approvals of production applies and destroys, filtered by status and environment name. */
  getApprovals(filter?: {
    status?: EnvironmentApproval['status'];
    environment?: string;
  }): Promise<ApprovalsResponse>;
  /**
   * Approves or rejects a pending approval as the signed-in user. Errors: `ResponseError` with the
   * backend's reason (403 for the requester or without `terrace.environment.approve`, 409 when it
   * is no longer pending).
   */
  decideApproval(
    id: string,
    decision: 'approve' | 'reject',
  ): Promise<EnvironmentApproval>;
  /**
   * Prices the form data of the Create environment template. Answers `{ kind: 'problems' }` when
   * the backend rejects the input (HTTP 400) so the form can show each field path's problem.
   */
  estimate(
    formData: unknown,
    options?: { signal?: AbortSignal },
  ): Promise<EstimateResult>;
}

/** @public */
export const environmentsApiRef = createApiRef<EnvironmentsApi>({
  id: 'plugin.environments.service',
});
