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
  /** Firing alarms; -1 when the alarms section is not ok (sorts last). */
  firing: number;
  backup: string;
  /** Month to date as a share of the estimate; -1 when unknown. */
  spendRatio: number;
}

export interface OverviewFilters {
  owner: string;
  cloud: string;
  tier: string;
  firingOnly: boolean;
}

export const NO_FILTER = '';

export const emptyFilters: OverviewFilters = {
  owner: NO_FILTER,
  cloud: NO_FILTER,
  tier: NO_FILTER,
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

export function toRow(item: OverviewItem): OverviewRow {
  const { alarms, backups, cost } = item;
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
    firing: alarms.status === 'ok' ? alarms.alarm : -1,
    backup: backupWord(backups),
    spendRatio:
      cost.status === 'ok' &&
      cost.monthToDate !== undefined &&
      cost.estimate !== undefined &&
      cost.estimate > 0
        ? cost.monthToDate / cost.estimate
        : -1,
  };
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
