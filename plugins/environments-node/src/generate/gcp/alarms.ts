import {
  gcpProfile,
  type ResolvedAlarm,
} from '@terrace/plugin-environments-common';
import {
  attr,
  Block,
  block,
  comment,
  BodyItem,
  raw,
  resource,
  template,
  TemplateExpr,
} from '../hcl';
import { componentLabels, GcpContext, id } from './context';

/** Aggregation across series of a neutral alarm's aggregation. */
const REDUCERS: Record<ResolvedAlarm['aggregation'], string> = {
  average: 'REDUCE_MEAN',
  maximum: 'REDUCE_MAX',
  minimum: 'REDUCE_MIN',
  sum: 'REDUCE_SUM',
};

/**
 * Cloud Monitoring alert policies of one component (the GCP profile maps each neutral alarm to
 * its metric), each named `<environment>/<component>/<check>` (contract section 2: Cloud
 * Monitoring display names allow `/`) and notifying the environment's e-mail channel. `filter`
 * is the part of the series filter that picks the watched resource (e.g. its database id);
 * `threshold` turns the neutral threshold into the metric's unit (percent to a fraction);
 * `metricOf` picks the metric (the profile's by default). An alarm Google has no metric for is
 * left out with a comment saying so.
 */
export function emitAlarms(
  ctx: GcpContext,
  component: string,
  filter: (alarm: ResolvedAlarm) => TemplateExpr,
  threshold: (alarm: ResolvedAlarm) => number = a =>
    a.unit === 'percent' ? a.threshold / 100 : a.threshold,
  metricOf: (
    alarm: ResolvedAlarm,
  ) => ReturnType<typeof gcpProfile.alarmMetric> = gcpProfile.alarmMetric,
): Array<Block | BodyItem> {
  return ctx.env.alarms
    .filter(a => a.component === component)
    .map(alarm => {
      const metric = metricOf(alarm);
      if (!metric) {
        return comment(
          `${alarm.name} (${alarm.description}): Google Cloud has no metric for it here; no alert policy.`,
        );
      }
      const extra =
        alarm.signal === 'server-errors'
          ? ' AND metric.labels.response_code_class = "5xx"'
          : '';
      return resource(
        'google_monitoring_alert_policy',
        `${id(component)}_${id(alarm.check)}`,
        [
          attr('display_name', alarm.name),
          attr('combiner', 'OR'),
          attr(
            'notification_channels',
            raw('google_monitoring_notification_channel.alarm_email[*].name'),
          ),
          attr('user_labels', componentLabels(component)),
          block('documentation', [], {
            content: alarm.description,
            mime_type: 'text/markdown',
          }),
          block(
            'conditions',
            [],
            [
              attr('display_name', alarm.description),
              block(
                'condition_threshold',
                [],
                [
                  attr(
                    'filter',
                    template(
                      `resource.type = "${metric.namespace}" AND metric.type = "${metric.metric}"${extra} AND `,
                      ...filter(alarm).parts,
                    ),
                  ),
                  attr('comparison', metric.comparison),
                  attr('threshold_value', threshold(alarm)),
                  attr(
                    'duration',
                    `${alarm.periodSeconds * (alarm.evaluationPeriods - 1)}s`,
                  ),
                  block('aggregations', [], {
                    alignment_period: `${alarm.periodSeconds}s`,
                    per_series_aligner: metric.statistic,
                    cross_series_reducer: REDUCERS[alarm.aggregation],
                  }),
                  block('trigger', [], { count: 1 }),
                ],
              ),
            ],
          ),
        ],
      );
    });
}
