import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  DRIFT_NOT_CHECKED,
  type EnvironmentDrift,
  type SectionBase,
} from '@terrace/plugin-environments-common';
import { useEnvironmentSection } from '../../hooks/useEnvironmentSection';
import { SectionState } from '../SectionState';
import { TimeAgo } from '../TimeAgo';

/** The drift as a section for SectionState (its own "checked" line replaces "read from the cloud"). */
type DriftSection = SectionBase & { drift: EnvironmentDrift };

const CELL = { overflowWrap: 'normal', wordBreak: 'normal' } as const;

/** The state icon and words of a drift status. */
export function DriftStatus(props: { drift: EnvironmentDrift }) {
  const { drift } = props;
  if (drift.status === 'none') {
    return (
      <StatusOK>
        No drift: the cloud matches the Terraform state
        {drift.reason ? `. ${drift.reason}` : ''}
      </StatusOK>
    );
  }
  if (drift.status === 'drifted') {
    const n = drift.resources?.length ?? 0;
    if (n === 0) {
      return (
        <StatusWarning>
          Drifted: the plan has changes{drift.reason ? `. ${drift.reason}` : ''}
        </StatusWarning>
      );
    }
    return (
      <StatusWarning>
        Drifted: {n} {n === 1 ? 'resource differs' : 'resources differ'} from
        the Terraform state
      </StatusWarning>
    );
  }
  return (
    <StatusPending>
      Unknown: {drift.reason ?? 'no plan could be made'}
    </StatusPending>
  );
}

/**
 * Whether the cloud still matches the environment's Terraform state, from the latest scheduled
 * (or asked-for) plan: none, drifted with each changed resource and Terraform's actions, or
 * unknown with why; and when it was checked.
 */
export function EntityEnvironmentDriftCard() {
  const { loading, error, value, retry } = useEnvironmentSection(
    async (api, entity): Promise<DriftSection> => ({
      status: 'ok',
      updatedAt: '',
      drift: await api.getDrift(entity),
    }),
  );
  return (
    <InfoCard titleTypographyProps={{ component: 'h2' }} title="Drift">
      <SectionState<DriftSection>
        label="Drift"
        loading={loading}
        error={error}
        value={value}
        retry={retry}
      >
        {({ drift }) => (
          <>
            <DriftStatus drift={drift} />
            {drift.status === 'drifted' &&
            (drift.resources?.length ?? 0) > 0 ? (
              <Table size="small" aria-label="Drifted resources">
                <TableHead>
                  <TableRow>
                    <TableCell>Resource</TableCell>
                    <TableCell>Terraform would</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {drift.resources!.map(r => (
                    <TableRow key={r.address}>
                      <TableCell style={CELL}>
                        <code>{r.address}</code>
                      </TableCell>
                      <TableCell style={CELL}>{r.actions.join(', ')}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
            {drift.reason === DRIFT_NOT_CHECKED ? null : (
              <Typography variant="caption" color="textSecondary" component="p">
                Checked{' '}
                <TimeAgo iso={drift.checkedAt} fallback="at an unknown time" />
              </Typography>
            )}
          </>
        )}
      </SectionState>
    </InfoCard>
  );
}
