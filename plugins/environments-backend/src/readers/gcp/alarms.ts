import {
  gcpProfile,
  LABEL_ENVIRONMENT,
  parseAlarmName,
  type AlarmDirection,
  type AlarmItem,
  type AlarmSignal,
  type AlarmState,
  type ResolvedAlarm,
} from '@terrace/plugin-environments-common';
import type { AlarmsByEnvironment } from '../types';
import { paginateGoogle, type GcpClient } from './client';

/**
 * An alert policy (the fields read here), as documented at
 * cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alertPolicies#AlertPolicy.
 */
interface AlertPolicy {
  /** `projects/{project}/alertPolicies/{id}` */
  name?: string;
  displayName?: string;
  userLabels?: Record<string, string>;
  enabled?: boolean;
  conditions?: Array<{
    displayName?: string;
    conditionThreshold?: {
      filter?: string;
      comparison?: string;
      thresholdValue?: number;
    };
  }>;
}

/**
 * An alert, the open (or closed) violation of a policy (the fields read here), as documented at
 * cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.alerts#Alert.
 */
interface Alert {
  name?: string;
  state?: 'OPEN' | 'CLOSED' | 'STATE_UNSPECIFIED';
  openTime?: string;
  resource?: { type?: string; labels?: Record<string, string> };
  policy?: { name?: string; displayName?: string };
}

const STATE_ORDER: Record<AlarmState, number> = {
  ALARM: 0,
  INSUFFICIENT_DATA: 1,
  OK: 2,
};

/** The sources and signals of the alarms Terrace creates, to read a policy back in neutral terms. */
const NEUTRAL: Array<Pick<ResolvedAlarm, 'source' | 'signal'>> = [
  { source: 'postgres', signal: 'cpu' },
  { source: 'postgres', signal: 'free-storage' },
  { source: 'postgres', signal: 'connections' },
  { source: 'postgres', signal: 'replica-lag' },
  { source: 'redis', signal: 'cpu' },
  { source: 'redis', signal: 'memory' },
  { source: 'redis', signal: 'evictions' },
  { source: 'load-balancer', signal: 'server-errors' },
  { source: 'service', signal: 'cpu' },
  { source: 'service', signal: 'memory' },
];

/**
 * What a policy's metric and comparison watch in neutral terms, by asking the GCP profile (which
 * the generator used to write the policy) for each alarm Terrace creates; undefined otherwise.
 * `below` is tried first: free storage below X is written as disk utilization above 1 - X.
 */
function neutral(
  namespace: string | undefined,
  metric: string | undefined,
  comparison: string | undefined,
): { signal: AlarmSignal; direction: AlarmDirection } | undefined {
  if (!metric || !comparison) return undefined;
  for (const candidate of NEUTRAL) {
    for (const direction of ['below', 'above'] as const) {
      const m = gcpProfile.alarmMetric({
        ...candidate,
        direction,
      } as ResolvedAlarm);
      if (
        m &&
        m.metric === metric &&
        m.namespace === namespace &&
        m.comparison === comparison
      ) {
        return { signal: candidate.signal, direction };
      }
    }
  }
  return undefined;
}

/** `resource.type = "x"` and `metric.type = "y"` of a Monitoring filter. */
function filterPart(filter: string | undefined, key: string) {
  const match = filter
    ? new RegExp(`${key.replace('.', '\\.')}\\s*=\\s*"([^"]+)"`).exec(filter)
    : null;
  return match?.[1];
}

/**
 * Reads the alert policies of one Google Cloud project (`GET /v3/projects/{p}/alertPolicies`,
 * paged) and its open alerts (`GET /v3/projects/{p}/alerts?filter=state = "OPEN"`, paged; the
 * Alert resource of Monitoring API v3), and attributes each policy to its environment by its
 * display name `<environment>/<component>/<check>` (as the generator names them; its user label
 * `terrace-environment`, when set, must agree). A policy with an open alert is `ALARM` (since
 * the alert's open time), an enabled policy without one `OK`, a disabled one
 * `INSUFFICIENT_DATA`. Two list calls serve every environment and region of the project.
 * Errors: `SectionReadError` naming roles/monitoring.viewer on 403.
 */
export async function readGcpAlarms(
  client: GcpClient,
  project: string,
  signal?: AbortSignal,
): Promise<AlarmsByEnvironment> {
  const policies: AlertPolicy[] = [];
  const open = new Map<string, Alert>();
  const p = encodeURIComponent(project);
  await Promise.all([
    paginateGoogle<{ alertPolicies?: AlertPolicy[]; nextPageToken?: string }>(
      pageToken =>
        client.request({
          api: 'monitoring',
          what: 'alertPolicies.list',
          project,
          url: client.url('monitoring', `/v3/projects/${p}/alertPolicies`, {
            pageSize: 1000,
            pageToken,
          }),
          signal,
        }),
      page => page.nextPageToken,
      page => policies.push(...(page.alertPolicies ?? [])),
    ),
    paginateGoogle<{ alerts?: Alert[]; nextPageToken?: string }>(
      pageToken =>
        client.request({
          api: 'monitoring',
          what: 'alerts.list',
          project,
          url: client.url('monitoring', `/v3/projects/${p}/alerts`, {
            filter: 'state = "OPEN"',
            pageSize: 1000,
            pageToken,
          }),
          signal,
        }),
      page => page.nextPageToken,
      page => {
        for (const alert of page.alerts ?? []) {
          const policy = alert.policy?.name;
          if (!policy || alert.state !== 'OPEN') continue;
          const seen = open.get(policy);
          // the earliest open alert of a policy says since when it is in alarm
          if (!seen || (alert.openTime ?? '') < (seen.openTime ?? '')) {
            open.set(policy, alert);
          }
        }
      },
    ),
  ]);

  const result: AlarmsByEnvironment = {};
  for (const policy of policies) {
    const displayName = policy.displayName ?? '';
    const parsed = parseAlarmName(displayName);
    const labelled = policy.userLabels?.[LABEL_ENVIRONMENT];
    if (!parsed || (labelled && labelled !== parsed.environment)) continue;
    const alert = policy.name ? open.get(policy.name) : undefined;
    const condition = policy.conditions?.[0];
    const threshold = condition?.conditionThreshold;
    let state: AlarmState;
    let reason: string;
    if (policy.enabled === false) {
      state = 'INSUFFICIENT_DATA';
      reason =
        'The alert policy is disabled, so Cloud Monitoring does not evaluate it';
    } else if (alert) {
      state = 'ALARM';
      const labels = Object.entries(alert.resource?.labels ?? {})
        .filter(([key]) => key !== 'project_id')
        .map(([key, value]) => `${key}=${value}`)
        .join(', ');
      reason = `Open alert${
        condition?.displayName ? `: ${condition.displayName}` : ''
      }${labels ? ` (${labels})` : ''}`;
    } else {
      state = 'OK';
      reason = 'No open alert';
    }
    const item: AlarmItem = {
      name: displayName,
      component: parsed.component,
      check: parsed.check,
      state,
      reason,
    };
    if (alert?.openTime)
      item.updatedAt = new Date(alert.openTime).toISOString();
    const metric = filterPart(threshold?.filter, 'metric.type');
    const namespace = filterPart(threshold?.filter, 'resource.type');
    if (metric) item.metric = metric;
    if (namespace) item.namespace = namespace;
    if (threshold?.thresholdValue !== undefined)
      item.threshold = threshold.thresholdValue;
    if (threshold?.comparison) item.comparison = threshold.comparison;
    const read = neutral(namespace, metric, threshold?.comparison);
    if (read) {
      item.signal = read.signal;
      item.direction = read.direction;
    }
    if (policy.name) {
      const id = policy.name.split('/').pop();
      item.consoleUrl = `https://console.cloud.google.com/monitoring/alerting/policies/${encodeURIComponent(
        id ?? '',
      )}?project=${encodeURIComponent(project)}`;
    }
    (result[parsed.environment] ??= []).push(item);
  }
  for (const items of Object.values(result)) {
    items.sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
        a.name.localeCompare(b.name),
    );
  }
  return result;
}
