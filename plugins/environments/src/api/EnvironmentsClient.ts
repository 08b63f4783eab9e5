import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
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
  EstimateProblemsResponse,
  OverviewResponse,
  PendingChangesResponse,
  PlanResponse,
  ResourcesSection,
  Section,
} from '@terrace/plugin-environments-common';
import type { EnvironmentsApi } from './EnvironmentsApi';
import type { EstimateProblem, EstimateResult } from './estimate';

/**
 * Talks to the `environments` backend plugin through discovery and the app's fetch (which adds
 * the user's token). Any non-2xx answer becomes a `ResponseError`, except a 400 from the estimate
 * endpoint that carries field problems.
 * @public
 */
export class EnvironmentsClient implements EnvironmentsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getResources(entity: CompoundEntityRef): Promise<ResourcesSection> {
    return this.getSection(entity, 'resources');
  }

  getAlarms(entity: CompoundEntityRef): Promise<AlarmsSection> {
    return this.getSection(entity, 'alarms');
  }

  getBackups(entity: CompoundEntityRef): Promise<BackupsSection> {
    return this.getSection(entity, 'backups');
  }

  getCost(entity: CompoundEntityRef): Promise<CostSection> {
    return this.getSection(entity, 'cost');
  }

  getPlan(entity: CompoundEntityRef): Promise<PlanResponse> {
    const namespace = encodeURIComponent(entity.namespace);
    const name = encodeURIComponent(entity.name);
    return this.getJson<PlanResponse>(
      `/v1/environments/${namespace}/${name}/plan`,
    );
  }

  getHistory(entity: CompoundEntityRef): Promise<HistoryResponse> {
    const namespace = encodeURIComponent(entity.namespace);
    const name = encodeURIComponent(entity.name);
    return this.getJson<HistoryResponse>(
      `/v1/environments/${namespace}/${name}/history`,
    );
  }

  getApprovals(
    filter: {
      status?: EnvironmentApproval['status'];
      environment?: string;
    } = {},
  ): Promise<ApprovalsResponse> {
    const query = new URLSearchParams();
    if (filter.status) query.set('status', filter.status);
    if (filter.environment) query.set('environment', filter.environment);
    const search = query.toString();
    return this.getJson<ApprovalsResponse>(
      `/v1/approvals${search ? `?${search}` : ''}`,
    );
  }

  async decideApproval(
    id: string,
    decision: 'approve' | 'reject',
  ): Promise<EnvironmentApproval> {
    const baseUrl = await this.discoveryApi.getBaseUrl('environments');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/v1/approvals/${encodeURIComponent(id)}/${decision}`,
      { method: 'POST' },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as EnvironmentApproval;
  }

  getDrift(entity: CompoundEntityRef): Promise<EnvironmentDrift> {
    const namespace = encodeURIComponent(entity.namespace);
    const name = encodeURIComponent(entity.name);
    return this.getJson<EnvironmentDrift>(
      `/v1/environments/${namespace}/${name}/drift`,
    );
  }

  getSpec(entity: CompoundEntityRef): Promise<EnvironmentSpecResponse> {
    const namespace = encodeURIComponent(entity.namespace);
    const name = encodeURIComponent(entity.name);
    return this.getJson<EnvironmentSpecResponse>(
      `/v1/environments/${namespace}/${name}/spec`,
    );
  }

  getChanges(entity: CompoundEntityRef): Promise<PendingChangesResponse> {
    const namespace = encodeURIComponent(entity.namespace);
    const name = encodeURIComponent(entity.name);
    return this.getJson<PendingChangesResponse>(
      `/v1/environments/${namespace}/${name}/changes`,
    );
  }

  getAccounts(): Promise<AccountsResponse> {
    return this.getJson<AccountsResponse>('/v1/accounts');
  }

  async getOverview(): Promise<OverviewResponse> {
    return this.getJson<OverviewResponse>('/v1/overview');
  }

  async estimate(
    formData: unknown,
    options?: { signal?: AbortSignal },
  ): Promise<EstimateResult> {
    const baseUrl = await this.discoveryApi.getBaseUrl('environments');
    const response = await this.fetchApi.fetch(`${baseUrl}/v1/estimate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(formData ?? {}),
      signal: options?.signal,
    });
    if (response.status === 400) {
      const problems = await readProblems(response.clone());
      if (problems) {
        return { kind: 'problems', problems };
      }
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return { kind: 'estimate', estimate: await response.json() };
  }

  private getSection<T>(
    entity: CompoundEntityRef,
    section: Section,
  ): Promise<T> {
    const namespace = encodeURIComponent(entity.namespace);
    const name = encodeURIComponent(entity.name);
    return this.getJson<T>(`/v1/environments/${namespace}/${name}/${section}`);
  }

  private async getJson<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('environments');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** Reads the field problems of a 400 answer (`EstimateProblemsResponse`); undefined for any other body. */
async function readProblems(
  response: Response,
): Promise<EstimateProblem[] | undefined> {
  let body: Partial<EstimateProblemsResponse> | undefined;
  try {
    body = await response.json();
  } catch {
    return undefined;
  }
  const problems: unknown = body?.problems;
  return Array.isArray(problems) && problems.every(isProblem)
    ? problems
    : undefined;
}

function isProblem(value: unknown): value is EstimateProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EstimateProblem).path === 'string' &&
    typeof (value as EstimateProblem).message === 'string'
  );
}
