import { Fragment } from 'react';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Link } from '@backstage/core-components';
import type {
  AlarmItem,
  AlarmState,
  AlarmsSection,
} from '@terrace/plugin-environments-common';
import { useEnvironmentSection } from '../../hooks/useEnvironmentSection';
import { TimeAgo } from '../TimeAgo';
import { SectionState } from '../SectionState';

const ORDER: Record<AlarmState, number> = {
  ALARM: 0,
  INSUFFICIENT_DATA: 1,
  OK: 2,
};

const LABEL: Record<AlarmState, string> = {
  ALARM: 'ALARM',
  INSUFFICIENT_DATA: 'INSUFFICIENT DATA',
  OK: 'OK',
};

const useStyles = makeStyles(theme => ({
  ALARM: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
  },
  INSUFFICIENT_DATA: {
    backgroundColor: theme.palette.grey[700],
    color: theme.palette.common.white,
  },
  OK: {
    borderColor: theme.palette.success.main,
    color: theme.palette.text.primary,
  },
  reason: {
    maxWidth: '32em',
    overflowWrap: 'anywhere',
  },
}));

/** Firing alarms first, then missing data, then OK; newest change first within a state. */
export function sortAlarms(items: AlarmItem[]): AlarmItem[] {
  return [...items].sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '') ||
      a.name.localeCompare(b.name),
  );
}

/** Table headings stay on one line; cells break between words only, never inside one. */
const HEADER = { whiteSpace: 'nowrap', overflowWrap: 'normal' } as const;
const CELL = { overflowWrap: 'normal', wordBreak: 'normal' } as const;

/**
 * An alarm name (`shop-production/cache/memory-high`) that may wrap after each "/" (a `<wbr>`),
 * never inside a word; copying it gives the name unchanged.
 */
function BreakAfterSlashes(props: { text: string }) {
  const parts = props.text.split('/');
  return (
    <>
      {parts.map((part, i) => (
        // eslint-disable-next-line react/no-array-index-key
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? (
            <>
              /<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </>
  );
}

/** `2 of 14 firing`. */
export function alarmSummary(items: AlarmItem[]): string {
  const firing = items.filter(i => i.state === 'ALARM').length;
  return `${firing} of ${items.length} firing`;
}

/** The environment's alarms (named `<environment>/<component>/<check>`), firing ones first. */
export function EntityEnvironmentAlarmsCard() {
  const classes = useStyles();
  const { loading, error, value, retry } = useEnvironmentSection(
    (api, entity) => api.getAlarms(entity),
  );
  const summary =
    value?.status === 'ok' && value.items.length > 0
      ? alarmSummary(value.items)
      : undefined;
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title="Alarms"
      subheader={summary}
    >
      <SectionState<AlarmsSection>
        label="Alarms"
        loading={loading}
        error={error}
        value={value}
        retry={retry}
      >
        {section =>
          section.items.length === 0 ? (
            <Typography>
              No alarms are named after this environment yet. Terrace creates
              them (as environment/component/check) when the environment is
              applied.
            </Typography>
          ) : (
            <Table size="small" aria-label="Alarms">
              <TableHead>
                <TableRow>
                  <TableCell style={HEADER}>State</TableCell>
                  <TableCell style={HEADER}>Alarm</TableCell>
                  <TableCell style={HEADER}>Reason</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {sortAlarms(section.items).map(alarm => (
                  <TableRow key={alarm.name}>
                    <TableCell style={CELL}>
                      <Chip
                        size="small"
                        variant={alarm.state === 'OK' ? 'outlined' : 'default'}
                        label={LABEL[alarm.state]}
                        className={classes[alarm.state]}
                      />
                    </TableCell>
                    <TableCell style={CELL}>
                      {alarm.consoleUrl ? (
                        <Link to={alarm.consoleUrl}>
                          <BreakAfterSlashes text={alarm.name} />
                        </Link>
                      ) : (
                        <span>
                          <BreakAfterSlashes text={alarm.name} />
                        </span>
                      )}
                      <Typography variant="caption" display="block">
                        {alarm.component} · {alarm.check}
                      </Typography>
                    </TableCell>
                    <TableCell className={classes.reason} style={CELL}>
                      {alarm.reason ?? '—'}
                      {alarm.updatedAt ? (
                        <Typography variant="caption" display="block">
                          changed <TimeAgo iso={alarm.updatedAt} />
                        </Typography>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )
        }
      </SectionState>
    </InfoCard>
  );
}
