import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type {
  EnvironmentCostDelta,
  EnvironmentEventKind,
} from '@terrace/plugin-environments-common';
import { useEnvironmentSection } from '../../hooks/useEnvironmentSection';
import { formatMoney } from '../../lib/format';
import { TimeAgo } from '../TimeAgo';

const KIND_LABEL: Record<EnvironmentEventKind, string> = {
  create: 'Created',
  change: 'Changed',
  drift: 'Drift',
  destroy: 'Destroyed',
  approval: 'Approval',
  expiry: 'Expiry',
};

/** "+$42.50 a month ($0.00 → $42.50)"; a decrease with a minus sign. */
export function costDeltaText(delta: EnvironmentCostDelta): string {
  let sign = '±';
  if (delta.difference > 0) sign = '+';
  if (delta.difference < 0) sign = '−';
  return `${sign}${formatMoney(
    Math.abs(delta.difference),
    delta.currency,
  )} a month (${formatMoney(delta.before, delta.currency)} → ${formatMoney(
    delta.after,
    delta.currency,
  )})`;
}

/**
 * The environment's history: each create, change, drift, destroy and approval, newest first, with
 * its time, who, what, the monthly cost delta and a link to the scaffolder task that did it.
 */
export function EntityEnvironmentHistoryCard() {
  const { value, loading, error } = useEnvironmentSection((api, entity) =>
    api.getHistory(entity),
  );
  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || value.items.length === 0) {
    content = (
      <Typography variant="body2">
        Nothing recorded yet: creates, changes, drift, teardown and approvals of
        this environment appear here.
      </Typography>
    );
  } else {
    content = (
      <Table size="small" aria-label="Environment history">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>What</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>Summary</TableCell>
            <TableCell>Cost</TableCell>
            <TableCell>Task</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.items.map((event, i) => (
            <TableRow key={`${event.at}-${i}`}>
              <TableCell>
                <TimeAgo iso={event.at} />
              </TableCell>
              <TableCell>{KIND_LABEL[event.kind] ?? event.kind}</TableCell>
              <TableCell>{event.actor}</TableCell>
              <TableCell>{event.summary}</TableCell>
              <TableCell>
                {event.costDelta ? costDeltaText(event.costDelta) : '—'}
              </TableCell>
              <TableCell>
                {event.taskId ? (
                  <Link
                    to={`/create/tasks/${encodeURIComponent(event.taskId)}`}
                  >
                    Open the task
                  </Link>
                ) : (
                  '—'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <InfoCard titleTypographyProps={{ component: 'h2' }} title="History">
      {content}
    </InfoCard>
  );
}
