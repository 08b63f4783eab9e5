import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import type { Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import Typography from '@material-ui/core/Typography';
import {
  Link,
  StatusError,
  StatusOK,
  StatusWarning,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  OverviewItem,
  SectionStatus,
} from '@terrace/plugin-environments-common';
import { formatMoney } from '../../lib/format';
import { OverviewFilterBar } from './OverviewFilterBar';
import {
  applyFilters,
  bySeverity,
  choices,
  filtersFromQuery,
  filtersToQuery,
  toRow,
  type OverviewFilters,
  type OverviewRow,
} from './overviewRows';

function notOk(status: SectionStatus) {
  return (
    <Typography variant="body2" color="textSecondary">
      {status === 'not-configured' ? 'not configured' : 'unavailable'}
    </Typography>
  );
}

function EntityLink(props: {
  entityRef: string;
  defaultKind: string;
  children: string;
}) {
  const entityRoute = useRouteRef(entityRouteRef);
  try {
    const ref = parseEntityRef(props.entityRef, {
      defaultKind: props.defaultKind,
    });
    return (
      <Link
        to={entityRoute({
          kind: ref.kind.toLocaleLowerCase('en-US'),
          namespace: ref.namespace.toLocaleLowerCase('en-US'),
          name: ref.name,
        })}
      >
        {props.children}
      </Link>
    );
  } catch {
    return <>{props.children}</>;
  }
}

/** "expired" (filled) or "expiring" (outlined) beside a preview environment's name. */
function ExpiryBadge(props: { item: OverviewItem }) {
  const { expiry, expiresAt } = props.item;
  if (!expiry) return null;
  return (
    <Chip
      size="small"
      color="secondary"
      variant={expiry === 'expired' ? 'default' : 'outlined'}
      label={expiry}
      title={`${expiry === 'expired' ? 'Expired' : 'Expires'} ${
        expiresAt ? `on ${expiresAt.slice(0, 10)}` : ''
      }`.trim()}
      style={{ marginLeft: 8 }}
    />
  );
}

/** Money never wraps inside an amount, and its digits line up. */
const MONEY = {
  whiteSpace: 'nowrap',
  fontVariantNumeric: 'tabular-nums',
} as const;

const DRIFT_RANK: Record<string, number> = {
  drifted: 0,
  unknown: 1,
  none: 2,
  '': 3,
};

/** The worst backup health of a row, as the Backups column shows it. */
function renderBackups(row: OverviewRow) {
  const { backups } = row.item;
  if (backups.status !== 'ok') return notOk(backups.status);
  if (backups.worst === 'critical') return <StatusError>critical</StatusError>;
  if (backups.worst === 'warning')
    return <StatusWarning>warning</StatusWarning>;
  return <StatusOK>{row.backup}</StatusOK>;
}

const columns: TableColumn<OverviewRow>[] = [
  {
    title: 'Name',
    field: 'displayName',
    highlight: true,
    // a name breaks between words only
    cellStyle: { wordBreak: 'normal', overflowWrap: 'normal' },
    customFilterAndSearch: (term: string, row: OverviewRow) =>
      `${row.displayName} ${row.name}`
        .toLocaleLowerCase('en-US')
        .includes(term.toLocaleLowerCase('en-US')),
    render: row => (
      <>
        <EntityLink entityRef={row.item.entityRef} defaultKind="resource">
          {row.displayName}
        </EntityLink>
        <ExpiryBadge item={row.item} />
      </>
    ),
  },
  {
    title: 'Owner',
    field: 'ownerName',
    render: row =>
      row.owner ? (
        <EntityLink entityRef={row.owner} defaultKind="group">
          {row.ownerName}
        </EntityLink>
      ) : (
        '—'
      ),
  },
  { title: 'Cloud', field: 'cloud' },
  { title: 'Region', field: 'region' },
  { title: 'Tier', field: 'tier' },
  {
    // the three columns above in one, for windows narrower than 1280 px
    title: 'Where',
    field: 'region',
    customSort: (a, b) =>
      a.cloud.localeCompare(b.cloud) ||
      a.region.localeCompare(b.region) ||
      a.tier.localeCompare(b.tier),
    render: row => (
      <>
        <span style={{ whiteSpace: 'nowrap' }}>{row.region}</span>
        <Typography variant="body2" color="textSecondary" component="span">
          <br />
          {row.cloud} · {row.tier}
        </Typography>
      </>
    ),
  },
  {
    title: 'Alarms firing',
    field: 'firing',
    type: 'numeric',
    searchable: false,
    render: row => {
      const { alarms } = row.item;
      if (alarms.status !== 'ok') return notOk(alarms.status);
      const total = alarms.ok + alarms.alarm + alarms.insufficientData;
      const text = `${alarms.alarm} of ${total}`;
      return alarms.alarm > 0 ? (
        <StatusError>{text}</StatusError>
      ) : (
        <StatusOK>{text}</StatusOK>
      );
    },
  },
  {
    title: 'Backups',
    field: 'backup',
    customSort: (a, b) => a.backupRank - b.backupRank,
    render: row => renderBackups(row),
  },
  {
    // Backups and Drift in one, for windows narrower than 1280 px
    title: 'Backups / drift',
    field: 'backup',
    customSort: (a, b) =>
      a.backupRank - b.backupRank || DRIFT_RANK[a.drift] - DRIFT_RANK[b.drift],
    render: row => (
      <>
        {renderBackups(row)}
        {row.drift && row.drift !== 'none' ? (
          <Typography variant="body2" color="textSecondary" component="span">
            <br />
            drift {row.drift}
          </Typography>
        ) : null}
      </>
    ),
  },
  {
    title: 'Drift',
    field: 'drift',
    // drifted first, then unknown, then none
    customSort: (a, b) => DRIFT_RANK[a.drift] - DRIFT_RANK[b.drift],
    render: row => {
      if (row.drift === 'drifted')
        return <StatusWarning>drifted</StatusWarning>;
      if (row.drift === 'none') return <StatusOK>none</StatusOK>;
      if (row.drift === 'unknown') {
        return (
          <Typography variant="body2" color="textSecondary">
            unknown
          </Typography>
        );
      }
      return '—';
    },
  },
  {
    title: 'Month to date / estimate',
    field: 'monthToDate',
    type: 'numeric',
    searchable: false,
    customSort: (a, b) => a.monthToDate - b.monthToDate,
    render: row => {
      const { cost } = row.item;
      if (cost.status !== 'ok') return notOk(cost.status);
      const mtd =
        cost.monthToDate === undefined
          ? '—'
          : formatMoney(cost.monthToDate, cost.currency);
      const estimate =
        cost.estimate === undefined
          ? 'no estimate'
          : formatMoney(cost.estimate, cost.currency);
      const share =
        row.spendRatio >= 0 ? ` (${Math.round(row.spendRatio * 100)}%)` : '';
      // each amount stays on one line; the line may break only between them
      const text = (
        <>
          <span style={MONEY}>{mtd}</span> /{' '}
          <span style={MONEY}>{estimate}</span>
          {share ? <span style={MONEY}>{share}</span> : null}
        </>
      );
      return row.spendRatio > 1 ? <StatusWarning>{text}</StatusWarning> : text;
    },
  },
];

/**
 * The overview table with its filters: most in need of attention first (alarms firing or a
 * critical backup, then warnings), every column sortable by its value, the filters kept in the
 * URL query; search and paging come from the table.
 */
export function EnvironmentsOverviewTable(props: { items: OverviewItem[] }) {
  // below 1280 px (beside the sidebar) the columns do not fit: cloud, region and tier share one,
  // and so do backups and drift
  const compact = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
  const shown = useMemo(
    () =>
      columns.filter(c =>
        compact
          ? !['Cloud', 'Region', 'Tier', 'Backups', 'Drift'].includes(
              String(c.title),
            )
          : !['Where', 'Backups / drift'].includes(String(c.title)),
      ),
    [compact],
  );
  const rows = useMemo(
    () => props.items.map(toRow).sort(bySeverity),
    [props.items],
  );
  const [query, setQuery] = useSearchParams();
  const filters = useMemo(() => filtersFromQuery(query), [query]);
  const setFilters = useCallback(
    (next: OverviewFilters) =>
      setQuery(current => filtersToQuery(next, current), { replace: true }),
    [setQuery],
  );
  const visible = useMemo(() => applyFilters(rows, filters), [rows, filters]);
  return (
    <>
      <Box mb={2}>
        <OverviewFilterBar
          filters={filters}
          owners={choices(rows, 'owner')}
          clouds={choices(rows, 'cloud')}
          tiers={choices(rows, 'tier')}
          onChange={setFilters}
        />
      </Box>
      <Table<OverviewRow>
        title={`Environments (${visible.length})`}
        columns={shown}
        data={visible}
        options={{
          search: true,
          paging: true,
          pageSize: 20,
          pageSizeOptions: [20, 50, 100],
          padding: 'dense',
          draggable: false,
        }}
        emptyContent={
          <Box p={2}>
            <Typography>
              {rows.length === 0
                ? 'No environments you may read yet. Create one with the "Create environment" template.'
                : 'No environment matches these filters.'}
            </Typography>
          </Box>
        }
      />
    </>
  );
}
