import type {
  BackupHealth,
  BackupItem,
  TierPolicy,
} from '@terrace/plugin-environments-common';
import type { BackupFacts } from '../readers/types';

const ORDER: Record<BackupHealth, number> = { ok: 0, warning: 1, critical: 2 };

/** The worst health of a list, or undefined for an empty list. */
export function worstHealth(
  items: { health: BackupHealth }[],
): BackupHealth | undefined {
  return items.reduce<BackupHealth | undefined>(
    (worst, item) =>
      worst === undefined || ORDER[item.health] > ORDER[worst]
        ? item.health
        : worst,
    undefined,
  );
}

function newest(...times: (string | undefined)[]): string | undefined {
  return times
    .filter((t): t is string => Boolean(t))
    .sort()
    .pop();
}

function hoursAgo(time: string, now: Date) {
  return Math.max(0, (now.getTime() - Date.parse(time)) / 3_600_000);
}

function formatHours(hours: number) {
  if (hours < 1) return `${Math.round(hours * 60)} min ago`;
  if (hours < 48) return `${Math.round(hours)} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

function days(n: number) {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/**
 * Judges one resource's backups against the tier's policy, with the reason in words.
 * Databases and caches: retention below the tier's minimum, or a newest backup older than the
 * tier's maximum age, is critical. Buckets: versioning off where the tier requires it is critical.
 * `cloudName`: the cloud in the reason's words (its readers' `displayName`, e.g. `AWS`).
 */
export function judgeBackup(
  facts: BackupFacts,
  policy: TierPolicy,
  now: Date,
  cloudName = 'the cloud',
): BackupItem {
  const tier = policy.tier;
  const base = {
    component: facts.component,
    kind: facts.kind,
    resource: facts.resource,
  };
  if (facts.kind === 'bucket') {
    const bucketPolicy = policy.requireBucketVersioning
      ? `versioning required (${tier})`
      : `versioning optional (${tier})`;
    if (facts.versioning === undefined) {
      // the bounded refresh has not reached this bucket yet (a fleet's first refreshes)
      return {
        ...base,
        policy: bucketPolicy,
        health: 'warning',
        reason: `Versioning and lifecycle not read yet: ${cloudName} bucket settings are read a few buckets per refresh, so this one shows within the next refreshes`,
      };
    }
    const versioning = facts.versioning;
    const lifecycle = facts.lifecycle ?? false;
    const lifecycleText = lifecycle
      ? 'lifecycle rules on'
      : 'no lifecycle rules';
    let health: BackupHealth = 'ok';
    let reason: string;
    if (!versioning && policy.requireBucketVersioning) {
      health = 'critical';
      reason = `Versioning is off; the ${tier} tier requires it, so deleted or overwritten objects cannot be recovered (${lifecycleText})`;
    } else if (!versioning) {
      reason = `Versioning is off, which the ${tier} tier allows (${lifecycleText})`;
    } else {
      reason = `Versioning is on (${lifecycleText})`;
    }
    return {
      ...base,
      policy: bucketPolicy,
      versioning,
      lifecycle,
      ...(facts.settingsReadAt ? { settingsReadAt: facts.settingsReadAt } : {}),
      health,
      reason,
    };
  }

  const min = policy.minBackupRetentionDays;
  const maxAge = policy.maxBackupAgeHours;
  const retention = facts.retentionDays ?? 0;
  const lastBackupAt =
    retention > 0 || facts.latestManualSnapshotAt
      ? newest(
          retention > 0 ? facts.latestRestorableTime : undefined,
          facts.latestAutomatedSnapshotAt,
          facts.latestManualSnapshotAt,
        )
      : undefined;
  const policyText =
    min > 0
      ? `retention ≥ ${days(min)}, last backup < ${maxAge} h (${tier})`
      : `backups optional, last backup < ${maxAge} h when on (${tier})`;
  const item: BackupItem = {
    ...base,
    policy: policyText,
    retentionDays: retention,
    health: 'ok',
    reason: '',
  };
  if (lastBackupAt) item.lastBackupAt = lastBackupAt;
  if (facts.latestRestorableTime && retention > 0) {
    item.latestRestorableTime = facts.latestRestorableTime;
  }
  if (facts.latestAutomatedSnapshotAt) {
    item.latestAutomatedSnapshotAt = facts.latestAutomatedSnapshotAt;
  }
  if (facts.latestManualSnapshotAt) {
    item.latestManualSnapshotAt = facts.latestManualSnapshotAt;
  }
  if (facts.settingsReadAt) item.settingsReadAt = facts.settingsReadAt;

  if (retention < min) {
    item.health = 'critical';
    item.reason =
      retention === 0
        ? `Automated backups are off (retention 0 days); the ${tier} tier requires at least ${days(
            min,
          )}`
        : `Backup retention is ${days(
            retention,
          )}; the ${tier} tier requires at least ${days(min)}`;
    return item;
  }
  if (retention === 0) {
    item.reason = `Automated backups are off, which the ${tier} tier allows`;
    return item;
  }
  if (!lastBackupAt && (facts.snapshotCount ?? 0) > 0) {
    item.health = 'warning';
    item.reason = `${facts.snapshotCount} snapshot${
      facts.snapshotCount === 1 ? '' : 's'
    } found, but ${cloudName} gave no creation time, so their age against the ${maxAge} h of the ${tier} tier is unknown`;
    return item;
  }
  if (!lastBackupAt) {
    item.health = 'critical';
    item.reason = `No backup found although retention is ${days(
      retention,
    )}; the ${tier} tier requires one within ${maxAge} h`;
    return item;
  }
  const age = hoursAgo(lastBackupAt, now);
  if (
    age >= maxAge &&
    facts.settingsReadAt &&
    hoursAgo(lastBackupAt, new Date(facts.settingsReadAt)) < maxAge
  ) {
    // the snapshots were listed a while ago (a kept listing) and the last one was within the
    // policy then: a newer one may have been taken since, so this is not known to be late
    item.health = 'warning';
    item.reason = `The last backup known was ${formatHours(
      age,
    )}, listed ${formatHours(
      hoursAgo(facts.settingsReadAt, now),
    )}; a newer one may exist — the ${tier} tier requires one within ${maxAge} h`;
    return item;
  }
  if (age >= maxAge) {
    item.health = 'critical';
    item.reason = `The last backup was ${formatHours(
      age,
    )}; the ${tier} tier requires one within ${maxAge} h`;
    return item;
  }
  item.reason = `Retention ${days(retention)}, last backup ${formatHours(age)}`;
  return item;
}
