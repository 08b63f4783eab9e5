import {
  awsProfile,
  type ResolvedAlarm,
} from '@terrace/plugin-environments-common';
import { Block, MapExpr, resource } from '../hcl';
import { ALARM_TOPIC_ARN, AwsContext, componentTags, id } from './context';

/**
 * CloudWatch alarms of one component (the AWS profile maps each neutral alarm to its metric), named `<environment>/<component>/<check>` (contract
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
    .map(alarm => {
      const metric = awsProfile.alarmMetric(alarm);
      if (!metric) {
        throw new TypeError(
          `no CloudWatch metric for the ${alarm.signal} of a ${alarm.source} (${alarm.name})`,
        );
      }
      return resource(
        'aws_cloudwatch_metric_alarm',
        `${id(component)}_${id(alarm.check)}`,
        {
          alarm_name: alarm.name,
          alarm_description: alarm.description,
          namespace: metric.namespace,
          metric_name: metric.metric,
          statistic: metric.statistic,
          comparison_operator: metric.comparison,
          threshold: alarm.threshold,
          period: alarm.periodSeconds,
          evaluation_periods: alarm.evaluationPeriods,
          treat_missing_data: 'notBreaching',
          dimensions: dimensions(alarm),
          alarm_actions: [ALARM_TOPIC_ARN],
          ok_actions: [ALARM_TOPIC_ARN],
          tags: componentTags(component),
        },
      );
    });
}
