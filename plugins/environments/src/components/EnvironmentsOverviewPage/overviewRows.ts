import { parseEntityRef } from '@backstage/catalog-model';
import type {
  BackupHealth,
  OverviewItem,
} from '@terrace/plugin-environments-common';

/** One table row: the overview item flattened so the table can search and sort on plain fields. */
export interface OverviewRow {
  id: string;
  item: OverviewItem;
  name: string;
  displayName: string;
  owner: string;
  ownerName: string;
  cloud: string;
  region: string;
  tier: string;
  /** `expired`, `expiring` (within 3 days) or '' (the overview item's `expiry`). */
  expiry: string;
  /** Firing alarms; -1 when the alarms section is not ok (sorts last). */
  firing: number;
  backup: string;
  /** Month to date as a share of the estimate; -1 when unknown. */
  spendRatio: number;
  /** Month-to-date spend, for sorting by cost; -1 when unknown (sorts last). */
  monthToDate: number;
  /** Backups by severity: 3 critical, 2 warning, 1 healthy, 0 no data stores, -1 unknown. */
  backupRank: number;
  /** The latest drift check: `drifted`, `none`, `unknown`, or empty when the backend has none. */
  drift: string;
  /**
   * How much the environment needs attention, for the default order: 3 critical (alarms firing
   * or a critical backup), 2 warning (a backup warning or spend above the estimate), 1 a section
   * could not be read, 0 all well.
   */
  severity: number;
}

export interface OverviewFilters {
  owner: string;
  cloud: string;
  tier: string;
  /** One of {@link EXPIRY_FILTERS}, or NO_FILTER. */
  expiry: string;
  firingOnly: boolean;
}

/** The expiry filter's choices and their labels. */
export const EXPIRY_FILTERS: Record<string, string> = {
  'expired-or-expiring': 'Expired or expiring soon',
  expired: 'Expired',
  expiring: 'Expiring soon (3 days)',
};


export const NO_FILTER = '';

export const emptyFilters: OverviewFilters = {
  owner: NO_FILTER,
  cloud: NO_FILTER,
  tier: NO_FILTER,
  expiry: NO_FILTER,
  firingOnly: false,
};

const BACKUP_WORD: Record<BackupHealth, string> = {
  ok: 'healthy',
  warning: 'warning',
  critical: 'critical',
};

/** Short form of an owner ref: `group:default/shop` → `shop`. */
export function ownerName(owner: string | undefined): string {
  if (!owner) {
    return '';
  }
  try {
    return parseEntityRef(owner, { defaultKind: 'group' }).name;
  } catch {
    return owner;
  }
}

function backupWord(backups: OverviewItem['backups']): string {
  if (backups.status !== 'ok') {
    return backups.status;
  }
  return backups.worst ? BACKUP_WORD[backups.worst] : 'no data stores';
}

const BACKUP_RANK: Record<BackupHealth, number> = {
  critical: 3,
  warning: 2,
  ok: 1,
};

function backupRank(backups: OverviewItem['backups']): number {
  if (backups.status !== 'ok') return -1;
  return backups.worst ? BACKUP_RANK[backups.worst] : 0;
}

export function toRow(item: OverviewItem): OverviewRow {
  const { alarms, backups, cost } = item;
  const spendRatio =
    cost.status === 'ok' &&
    cost.monthToDate !== undefined &&
    cost.estimate !== undefined &&
    cost.estimate > 0
      ? cost.monthToDate / cost.estimate
      : -1;
  const firing = alarms.status === 'ok' ? alarms.alarm : -1;
  let severity = 0;
  if (firing > 0 || backups.worst === 'critical') severity = 3;
  else if (backups.worst === 'warning' || spendRatio > 1) severity = 2;
  else if ([alarms, backups, cost].some(s => s.status === 'error'))
    severity = 1;
  return {
    id: item.entityRef,
    item,
    name: item.name,
    displayName: item.title ?? item.name,
    owner: item.owner ?? '',
    ownerName: ownerName(item.owner),
    cloud: item.cloud ?? '',
    region: item.region ?? '',
    tier: item.tier ?? '',
    expiry: item.expiry ?? '',
    firing,
    backup: backupWord(backups),
    drift: item.drift ?? '',
    spendRatio,
    monthToDate:
      cost.status === 'ok' && cost.monthToDate !== undefined
        ? cost.monthToDate
        : -1,
    backupRank: backupRank(backups),
    severity,
  };
}

/** Most in need of attention first, then by name: the overview's default order. */
export function bySeverity(a: OverviewRow, b: OverviewRow): number {
  return (
    b.severity - a.severity || a.displayName.localeCompare(b.displayName, 'en')
  );
}

/**
 * Filters as URL query parameters (`?owner=…&cloud=…&tier=…&expiry=…&firing=1`), so a view can
 * be shared.
 */
export function filtersFromQuery(query: URLSearchParams): OverviewFilters {
  return {
    owner: query.get('owner') ?? NO_FILTER,
    cloud: query.get('cloud') ?? NO_FILTER,
    tier: query.get('tier') ?? NO_FILTER,
    expiry: query.get('expiry') ?? NO_FILTER,
    firingOnly: query.get('firing') === '1',
  };
}

/** The query for `filters`, leaving other parameters of `current` as they are. */
export function filtersToQuery(
  filters: OverviewFilters,
  current: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of ['owner', 'cloud', 'tier', 'expiry'] as const) {
    if (filters[key] === NO_FILTER) next.delete(key);
    else next.set(key, filters[key]);
  }
  if (filters.firingOnly) next.set('firing', '1');
  else next.delete('firing');
  return next;
}

function matchesExpiry(row: OverviewRow, filter: string): boolean {
  if (filter === NO_FILTER) return true;
  if (filter === 'expired-or-expiring') return row.expiry !== '';
  return row.expiry === filter;
}

export function applyFilters(
  rows: OverviewRow[],
  filters: OverviewFilters,
): OverviewRow[] {
  return rows.filter(
    row =>
      (filters.owner === NO_FILTER || row.owner === filters.owner) &&
      (filters.cloud === NO_FILTER || row.cloud === filters.cloud) &&
      (filters.tier === NO_FILTER || row.tier === filters.tier) &&
      matchesExpiry(row, filters.expiry) &&
      (!filters.firingOnly || row.firing > 0),
  );
}

/** The distinct non-empty values of one field, sorted, for a filter's choices. */
export function choices(
  rows: OverviewRow[],
  field: 'owner' | 'cloud' | 'tier',
): string[] {
  return [...new Set(rows.map(r => r[field]).filter(v => v !== ''))].sort();
}
