import {
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import {
  neutralAwsAlarm,
  parseAlarmName,
  type AlarmItem,
  type AlarmState,
} from '@terrace/plugin-environments-common';
import type { AlarmsByEnvironment } from '../types';
import type { AwsClients } from './clients';
import { awsCall } from './errors';
import { paginate } from './paginate';

const STATES = new Set<AlarmState>(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
const STATE_ORDER: Record<AlarmState, number> = {
  ALARM: 0,
  INSUFFICIENT_DATA: 1,
  OK: 2,
};

/**
 * Reads every metric alarm of one account and region (CloudWatch DescribeAlarms, paginated) and
 * attributes each to its environment by its name `<environment>/<component>/<check>`. The
 * environment part must match exactly, so `shop` never sees `shop-staging`'s alarms.
 */
export async function readAlarms(
  clients: AwsClients,
  signal?: AbortSignal,
): Promise<AlarmsByEnvironment> {
  const where = { accountId: clients.accountId, region: clients.region };
  const result: AlarmsByEnvironment = {};
  const fetchPage = (token: string | undefined) =>
    awsCall('cloudwatch:DescribeAlarms', where, () =>
      clients.cloudwatch.send(
        new DescribeAlarmsCommand({
          AlarmTypes: ['MetricAlarm'],
          MaxRecords: 100,
          NextToken: token || undefined,
        }),
        { abortSignal: signal },
      ),
    );
  const onPage = (page: DescribeAlarmsCommandOutput) => {
    for (const alarm of page.MetricAlarms ?? []) {
      const parsed = alarm.AlarmName
        ? parseAlarmName(alarm.AlarmName)
        : undefined;
      if (!parsed || !alarm.AlarmName) {
        continue;
      }
      const state = STATES.has(alarm.StateValue as AlarmState)
        ? (alarm.StateValue as AlarmState)
        : 'INSUFFICIENT_DATA';
      const item: AlarmItem = {
        name: alarm.AlarmName,
        component: parsed.component,
        check: parsed.check,
        state,
        consoleUrl: `https://${
          clients.region
        }.console.aws.amazon.com/cloudwatch/home?region=${
          clients.region
        }#alarmsV2:alarm/${encodeURIComponent(alarm.AlarmName)}`,
      };
      if (alarm.StateReason) item.reason = alarm.StateReason;
      if (alarm.StateUpdatedTimestamp) {
        item.updatedAt = new Date(alarm.StateUpdatedTimestamp).toISOString();
      }
      if (alarm.MetricName) item.metric = alarm.MetricName;
      if (alarm.Namespace) item.namespace = alarm.Namespace;
      if (alarm.Threshold !== undefined) item.threshold = alarm.Threshold;
      if (alarm.ComparisonOperator) item.comparison = alarm.ComparisonOperator;
      const neutral = neutralAwsAlarm({
        namespace: alarm.Namespace,
        metric: alarm.MetricName,
        comparison: alarm.ComparisonOperator,
      });
      if (neutral) {
        item.signal = neutral.signal;
        item.direction = neutral.direction;
      }
      (result[parsed.environment] ??= []).push(item);
    }
  };
  await paginate(fetchPage, page => page.NextToken, onPage);
  for (const items of Object.values(result)) {
    items.sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
        a.name.localeCompare(b.name),
    );
  }
  return result;
}
