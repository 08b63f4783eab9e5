import {
  azureAlarmName,
  azureProfile,
  type CloudAlarmMetric,
  type ResolvedAlarm,
} from '@terrace/plugin-environments-common';
import { attr, block, Block, RawExpr, resource } from '../hcl';
import {
  ACTION_GROUP_ID,
  AzureContext,
  id,
  RESOURCE_GROUP,
  tags,
} from './context';

/** The evaluation windows Azure Monitor accepts, in minutes. */
const WINDOWS = [1, 5, 15, 30, 60, 360, 720, 1440];

/** ISO 8601 duration of a number of minutes (`PT5M`, `PT1H`, `P1D`). */
function duration(minutes: number): string {
  if (minutes % 1440 === 0) return `P${minutes / 1440}D`;
  if (minutes % 60 === 0) return `PT${minutes / 60}H`;
  return `PT${minutes}M`;
}

/**
 * The alarm's window: its period times its evaluation periods, rounded up to the next window
 * Azure accepts; evaluated every minute for windows up to 5 minutes, else every 5 minutes.
 */
export function alarmWindow(
  alarm: Pick<ResolvedAlarm, 'periodSeconds' | 'evaluationPeriods'>,
) {
  const wanted = (alarm.periodSeconds * alarm.evaluationPeriods) / 60;
  const window = WINDOWS.find(w => w >= wanted) ?? WINDOWS[WINDOWS.length - 1];
  return {
    window_size: duration(window),
    frequency: window <= 5 ? 'PT1M' : 'PT5M',
  };
}

/**
 * Metric alerts of one component (the Azure profile maps each neutral alarm to its metric), named
 * in Azure's form of `<environment>/<component>/<check>`: `<environment>.<component>.<check>`
 * (metric alert names refuse `/`). Each notifies the environment's action group. `scope` is the
 * resource the alert watches (`scopeOf` may pick another, e.g. the read replica for lag).
 */
export function emitAlarms(
  ctx: AzureContext,
  component: string,
  scopeOf: (alarm: ResolvedAlarm) => RawExpr,
  /**
   * The metric of an alarm where the component's resources differ from the profile's (a
   * vm-group's load balancer); `null` leaves the alarm out, `undefined` takes the profile's.
   */
  metricOf?: (
    alarm: ResolvedAlarm,
  ) => { metric: CloudAlarmMetric; threshold: number } | null | undefined,
): Block[] {
  return ctx.env.alarms
    .filter(a => a.component === component)
    .flatMap(alarm => {
      const own = metricOf?.(alarm);
      if (own === null) return [];
      const metric = own?.metric ?? azureProfile.alarmMetric(alarm);
      const threshold = own?.threshold ?? alarm.threshold;
      if (!metric) {
        throw new TypeError(
          `no Azure Monitor metric for the ${alarm.signal} of a ${alarm.source} (${alarm.name})`,
        );
      }
      return [
        resource(
          'azurerm_monitor_metric_alert',
          `${id(component)}_${id(alarm.check)}`,
          [
            attr('name', azureAlarmName(alarm.name)),
            attr('resource_group_name', RESOURCE_GROUP),
            attr('scopes', [scopeOf(alarm)]),
            attr('description', alarm.description),
            attr('severity', 2),
            ...Object.entries(alarmWindow(alarm)).map(([k, v]) => attr(k, v)),
            block(
              'criteria',
              [],
              [
                attr('metric_namespace', metric.namespace),
                attr('metric_name', metric.metric),
                attr('aggregation', metric.statistic),
                attr('operator', metric.comparison),
                attr('threshold', threshold),
                // Server errors are the container app's requests answered 5xx.
                alarm.signal === 'server-errors' &&
                  block('dimension', [], {
                    name: 'statusCodeCategory',
                    operator: 'Include',
                    values: ['5xx'],
                  }),
              ],
            ),
            block('action', [], { action_group_id: ACTION_GROUP_ID }),
            attr('tags', tags(ctx, component)),
          ],
        ),
      ];
    });
}
