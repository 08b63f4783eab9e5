import { attr, blank, block, body, comment, raw, resource } from '../hcl';
import { componentLabels, GcpContext, GcpEmitted } from './context';

/** The header, and the e-mail notification channel every alert policy notifies: `main.tf`. */
export function emitShared(ctx: GcpContext): GcpEmitted {
  return {
    file: 'main.tf',
    items: body(
      {},
      comment(
        `Terrace environment ${ctx.env.name} (${ctx.env.tier}, ${ctx.env.region}, Google Cloud).`,
      ),
      comment(
        'Generated from environment.yaml: edit the spec and regenerate rather than this file.',
      ),
      blank(),
      resource('google_monitoring_notification_channel', 'alarm_email', [
        attr('count', raw('var.alarm_email == "" ? 0 : 1')),
        attr('display_name', `${ctx.env.name} alarms`),
        attr('type', 'email'),
        attr('labels', {
          kind: 'map',
          entries: [['email_address', raw('var.alarm_email')]],
        }),
        attr('user_labels', componentLabels('shared')),
      ]),
    ),
    variables: [
      block(
        'variable',
        ['alarm_email'],
        [
          attr('type', raw('string')),
          attr(
            'description',
            'E-mail address every alert policy notifies; empty for none.',
          ),
          attr('default', ''),
        ],
      ),
    ],
  };
}
