import type { ResolvedAlarm } from '@terrace/plugin-environments-common';
import { Block, MapExpr, resource } from '../hcl';
import { ALARM_TOPIC_ARN, AwsContext, componentTags, id } from './context';

/**
 * CloudWatch alarms of one component, named `<environment>/<component>/<check>` (contract
 * section 2), each notifying the environment's SNS topic. `dimensions` maps an alarm's metric to
 * the resource it watches.
 */
export function emitAlarms(
  ctx: AwsContext,
  component: string,
  dimensions: (alarm: ResolvedAlarm) => MapExpr,
): Block[] {
  return ctx.env.alarms
    .filter(a => a.component === component)
    .map(alarm =>
      resource(
        'aws_cloudwatch_metric_alarm',
        `${id(component)}_${id(alarm.check)}`,
        {
          alarm_name: alarm.name,
          alarm_description: alarm.description,
          namespace: alarm.namespace,
          metric_name: alarm.metric,
          statistic: alarm.statistic,
          comparison_operator: alarm.comparison,
          threshold: alarm.threshold,
          period: alarm.periodSeconds,
          evaluation_periods: alarm.evaluationPeriods,
          treat_missing_data: 'notBreaching',
          dimensions: dimensions(alarm),
          alarm_actions: [ALARM_TOPIC_ARN],
          ok_actions: [ALARM_TOPIC_ARN],
          tags: componentTags(component),
        },
      ),
    );
}
