import {
  neutralAzureAlarm,
  TAG_COMPONENT,
  TAG_ENVIRONMENT,
  type AlarmItem,
  type AlarmState,
} from '@terrace/plugin-environments-common';
import type { AlarmsByEnvironment } from '../types';
import { both, type AzureManagementClient } from './client';
import { portalUrl } from './resources';

/** Metric alerts' REST API version (Metric Alerts - List By Subscription). */
export const METRIC_ALERTS_API_VERSION = '2018-03-01';
/** Alerts Management's REST API version (Alerts - Get All). */
export const ALERTS_API_VERSION = '2019-05-05-preview';

const STATE_ORDER: Record<AlarmState, number> = {
  ALARM: 0,
  INSUFFICIENT_DATA: 1,
  OK: 2,
};

/** A metric alert rule (MetricAlertResource), as far as the card needs it. */
interface MetricAlert {
  id?: string;
  name?: string;
  tags?: Record<string, string> | null;
  properties?: {
    description?: string;
    severity?: number;
    enabled?: boolean;
    lastUpdatedTime?: string;
    criteria?: {
      allOf?: {
        metricName?: string;
        metricNamespace?: string;
        operator?: string;
        threshold?: number;
        timeAggregation?: string;
      }[];
    };
  };
}

/** A fired alert instance (Alert of Alerts Management), as far as the card needs it. */
interface AlertInstance {
  id?: string;
  name?: string;
  properties?: {
    essentials?: {
      severity?: string;
      monitorCondition?: string;
      alertState?: string;
      alertRule?: string;
      targetResourceName?: string;
      startDateTime?: string;
      lastModifiedDateTime?: string;
    };
  };
}

/**
 * Splits a metric alert's name into environment, component and check. Terrace writes
 * `<environment>/<component>/<check>` as `<environment>.<component>.<check>` on Azure (metric
 * alert names refuse `/`; environment and component names hold no period). The tags, when
 * present, name the environment and component; the check is what follows them.
 */
function parseAzureAlarm(
  name: string,
  tags: Record<string, string>,
): { environment: string; component: string; check: string } | undefined {
  const parts = name.split('.');
  const environment =
    tags[TAG_ENVIRONMENT] ?? (parts.length >= 3 ? parts[0] : '');
  const component = tags[TAG_COMPONENT] ?? (parts.length >= 3 ? parts[1] : '');
  if (!environment || !component) return undefined;
  const prefix = `${environment}.${component}.`;
  const check = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  return { environment, component, check };
}

/**
 * Reads the alarms of every environment in one subscription: the metric alert rules (Metric
 * Alerts - List By Subscription) and the alert instances that are firing now (Alerts - Get All,
 * `monitorCondition=Fired`, the last 30 days), both paged by `nextLink`. A rule with a fired
 * instance is `ALARM`; an enabled rule without one is `OK`; a disabled rule is
 * `INSUFFICIENT_DATA`. Rules are attributed by their `terrace:environment` and
 * `terrace:component` tags (their name when untagged). Two listings serve every environment.
 */
export async function readAlarms(
  client: AzureManagementClient,
  subscriptionId: string,
  signal?: AbortSignal,
): Promise<AlarmsByEnvironment> {
  const sub = encodeURIComponent(subscriptionId);
  const [rules, fired] = await both(
    client.list<MetricAlert>(
      {
        subscriptionId,
        operation: 'Microsoft.Insights/metricAlerts/read',
        role: 'Monitoring Reader',
      },
      `/subscriptions/${sub}/providers/Microsoft.Insights/metricAlerts`,
      METRIC_ALERTS_API_VERSION,
      signal,
    ),
    client.list<AlertInstance>(
      {
        subscriptionId,
        operation: 'Microsoft.AlertsManagement/alerts/read',
        role: 'Monitoring Reader',
      },
      `/subscriptions/${sub}/providers/Microsoft.AlertsManagement/alerts?monitorCondition=Fired&timeRange=30d`,
      ALERTS_API_VERSION,
      signal,
    ),
  );
  const firing = new Map<string, AlertInstance>();
  for (const alert of fired) {
    const essentials = alert.properties?.essentials;
    if (essentials?.monitorCondition !== 'Fired' || !essentials.alertRule) {
      continue;
    }
    const rule = essentials.alertRule.toLowerCase();
    const seen = firing.get(rule)?.properties?.essentials?.startDateTime ?? '';
    if ((essentials.startDateTime ?? '') >= seen) firing.set(rule, alert);
  }

  const result: AlarmsByEnvironment = {};
  for (const rule of rules) {
    if (!rule.id || !rule.name) continue;
    const parsed = parseAzureAlarm(rule.name, rule.tags ?? {});
    if (!parsed) continue;
    const criterion = rule.properties?.criteria?.allOf?.[0];
    const alert = firing.get(rule.id.toLowerCase())?.properties?.essentials;
    let state: AlarmState = 'OK';
    let reason: string | undefined;
    let updatedAt = rule.properties?.lastUpdatedTime;
    if (rule.properties?.enabled === false) {
      state = 'INSUFFICIENT_DATA';
      reason =
        'The alert rule is disabled, so Azure Monitor does not evaluate it';
    } else if (alert) {
      state = 'ALARM';
      reason = `Fired${
        alert.startDateTime ? ` at ${alert.startDateTime}` : ''
      }${alert.targetResourceName ? ` on ${alert.targetResourceName}` : ''}${
        alert.severity ? ` (${alert.severity})` : ''
      }`;
      updatedAt = alert.startDateTime ?? updatedAt;
    }
    const item: AlarmItem = {
      name: rule.name,
      component: parsed.component,
      check: parsed.check,
      state,
      consoleUrl: portalUrl(rule.id),
    };
    if (reason) item.reason = reason;
    if (updatedAt) item.updatedAt = new Date(updatedAt).toISOString();
    if (criterion?.metricName) item.metric = criterion.metricName;
    if (criterion?.metricNamespace) item.namespace = criterion.metricNamespace;
    if (criterion?.threshold !== undefined)
      item.threshold = criterion.threshold;
    if (criterion?.operator) item.comparison = criterion.operator;
    const neutral = neutralAzureAlarm({
      namespace: criterion?.metricNamespace,
      metric: criterion?.metricName,
      operator: criterion?.operator,
    });
    if (neutral) {
      item.signal = neutral.signal;
      item.direction = neutral.direction;
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
