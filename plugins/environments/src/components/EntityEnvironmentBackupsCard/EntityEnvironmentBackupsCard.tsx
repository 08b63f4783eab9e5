import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type {
  BackupHealth,
  BackupItem,
  BackupsSection,
} from '@terrace/plugin-environments-common';
import { useEnvironmentSection } from '../../hooks/useEnvironmentSection';
import { TimeAgo } from '../TimeAgo';
import { SectionState } from '../SectionState';

const RANK: Record<BackupHealth, number> = { critical: 0, warning: 1, ok: 2 };

const HEALTH_WORD: Record<BackupHealth, string> = {
  ok: 'Healthy',
  warning: 'Warning',
  critical: 'Critical',
};

/** The state icon and word for a health, with the reason beside it. */
export function BackupHealthStatus(props: {
  health: BackupHealth;
  reason?: string;
}) {
  const { health, reason } = props;
  const text = reason
    ? `${HEALTH_WORD[health]}: ${reason}`
    : HEALTH_WORD[health];
  if (health === 'ok') return <StatusOK>{text}</StatusOK>;
  if (health === 'warning') return <StatusWarning>{text}</StatusWarning>;
  return <StatusError>{text}</StatusError>;
}

function retention(item: BackupItem): string {
  const parts: string[] = [];
  if (item.retentionDays !== undefined) {
    parts.push(
      `${item.retentionDays} ${item.retentionDays === 1 ? 'day' : 'days'}`,
    );
  }
  if (item.versioning !== undefined) {
    parts.push(item.versioning ? 'versioning on' : 'versioning off');
  }
  if (item.lifecycle !== undefined) {
    parts.push(item.lifecycle ? 'lifecycle rules' : 'no lifecycle rules');
  }
  return parts.length > 0 ? parts.join(', ') : '—';
}

/** Table headings stay on one line; cells break between words only, never inside one. */
const HEADER = { whiteSpace: 'nowrap', overflowWrap: 'normal' } as const;
const CELL = { overflowWrap: 'normal', wordBreak: 'normal' } as const;

/**
 * When the newest backup was taken. Buckets are protected by versioning, not backups. With no
 * time reported, "never" is said only when the reason says there is no backup: a cloud can report
 * a snapshot without its creation time, and then the time is unknown, not "never".
 */
function LastBackup(props: { item: BackupItem }) {
  const { item } = props;
  const at =
    item.lastBackupAt ??
    item.latestAutomatedSnapshotAt ??
    item.latestManualSnapshotAt;
  if (!at && item.kind === 'bucket') {
    return <>not applicable (versioning)</>;
  }
  const fallback = /\bno (backup|snapshot)|\bnever\b/i.test(item.reason)
    ? 'never'
    : 'time unknown';
  return (
    <>
      <TimeAgo iso={at} fallback={fallback} />
      {item.latestRestorableTime ? (
        <Typography variant="caption" display="block">
          restorable to <TimeAgo iso={item.latestRestorableTime} />
        </Typography>
      ) : null}
    </>
  );
}

/** Per data store: the tier's backup policy, the last backup, retention, and health with why. */
export function EntityEnvironmentBackupsCard() {
  const { loading, error, value, retry } = useEnvironmentSection(
    (api, entity) => api.getBackups(entity),
  );
  const items =
    value?.status === 'ok'
      ? [...value.items].sort(
          (a, b) =>
            RANK[a.health] - RANK[b.health] ||
            a.component.localeCompare(b.component),
        )
      : [];
  const unhealthy = items.filter(i => i.health !== 'ok').length;
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title="Backups"
      subheader={
        items.length > 0
          ? `${items.length - unhealthy} of ${
              items.length
            } data stores meet the policy`
          : undefined
      }
    >
      <SectionState<BackupsSection>
        label="Backups"
        loading={loading}
        error={error}
        value={value}
        retry={retry}
      >
        {() =>
          items.length === 0 ? (
            <Typography>
              This environment has no data stores (postgres, mongodb, redis or
              bucket components), so there is nothing to back up.
            </Typography>
          ) : (
            <Table size="small" aria-label="Backups">
              <TableHead>
                <TableRow>
                  <TableCell style={HEADER}>Data store</TableCell>
                  <TableCell style={HEADER}>Last backup</TableCell>
                  <TableCell style={HEADER}>Health</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map(item => (
                  <TableRow key={`${item.component}/${item.resource}`}>
                    <TableCell style={CELL}>
                      {item.component}
                      <Typography variant="caption" display="block">
                        {item.kind} · {item.resource}
                      </Typography>
                    </TableCell>
                    <TableCell style={CELL}>
                      <LastBackup item={item} />
                    </TableCell>
                    <TableCell style={CELL}>
                      <BackupHealthStatus
                        health={item.health}
                        reason={item.reason}
                      />
                      <Typography variant="caption" display="block">
                        Policy: {item.policy}. Kept: {retention(item)}
                      </Typography>
                      {item.settingsReadAt ? (
                        <Typography variant="caption" display="block">
                          {item.kind === 'bucket'
                            ? 'settings read'
                            : 'snapshots listed'}{' '}
                          <TimeAgo iso={item.settingsReadAt} />
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
