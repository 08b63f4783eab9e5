import { tierPolicy } from '@terrace/plugin-environments-common';
import type { BackupFacts } from '../readers/types';
import { judgeBackup, worstHealth } from './judgeBackups';

const now = new Date('2026-11-25T12:00:00Z');
const hoursBefore = (h: number) =>
  new Date(now.getTime() - h * 3_600_000).toISOString();

describe('judgeBackup', () => {
  it('is critical in prod when the last backup is older than 26 h, saying so', () => {
    const item = judgeBackup(
      {
        component: 'db',
        kind: 'postgres',
        resource: 'shop-db',
        retentionDays: 7,
        latestRestorableTime: hoursBefore(30),
      },
      tierPolicy('prod'),
      now,
    );
    expect(item).toMatchObject({
      health: 'critical',
      lastBackupAt: hoursBefore(30),
      policy: 'retention ≥ 7 days, last backup < 26 h (prod)',
      reason:
        'The last backup was 30 h ago; the prod tier requires one within 26 h',
    });
  });

  it("names the environment's cloud when it gave a snapshot without its time", () => {
    const facts: BackupFacts = {
      component: 'db',
      kind: 'postgres',
      resource: 'shop-db',
      retentionDays: 7,
      snapshotCount: 1,
    };
    expect(judgeBackup(facts, tierPolicy('prod'), now, 'AWS')).toMatchObject({
      health: 'warning',
      reason:
        '1 snapshot found, but AWS gave no creation time, so their age against the 26 h of the prod tier is unknown',
    });
    expect(judgeBackup(facts, tierPolicy('prod'), now).reason).toBe(
      '1 snapshot found, but the cloud gave no creation time, so their age against the 26 h of the prod tier is unknown',
    );
  });

  it('is ok in prod with 7 days of retention and a backup 2 h old', () => {
    const item = judgeBackup(
      {
        component: 'db',
        kind: 'postgres',
        resource: 'shop-db',
        retentionDays: 7,
        latestRestorableTime: hoursBefore(0.1),
        latestManualSnapshotAt: hoursBefore(2),
      },
      tierPolicy('prod'),
      now,
    );
    expect(item).toMatchObject({
      health: 'ok',
      reason: 'Retention 7 days, last backup 6 min ago',
      latestRestorableTime: hoursBefore(0.1),
      latestManualSnapshotAt: hoursBefore(2),
    });
  });

  it('is critical when retention is below the tier minimum', () => {
    expect(
      judgeBackup(
        {
          component: 'db',
          kind: 'postgres',
          resource: 'x',
          retentionDays: 3,
          latestRestorableTime: hoursBefore(1),
        },
        tierPolicy('prod'),
        now,
      ),
    ).toMatchObject({
      health: 'critical',
      reason:
        'Backup retention is 3 days; the prod tier requires at least 7 days',
    });
  });

  it('accepts backups off in dev, where the tier allows it', () => {
    expect(
      judgeBackup(
        { component: 'cache', kind: 'redis', resource: 'x', retentionDays: 0 },
        tierPolicy('dev'),
        now,
      ),
    ).toMatchObject({
      health: 'ok',
      reason: 'Automated backups are off, which the dev tier allows',
    });
  });

  it('judges buckets by versioning where the tier requires it', () => {
    expect(
      judgeBackup(
        {
          component: 'assets',
          kind: 'bucket',
          resource: 'b',
          versioning: false,
          lifecycle: false,
        },
        tierPolicy('staging'),
        now,
      ),
    ).toMatchObject({
      health: 'ok',
      reason:
        'Versioning is off, which the staging tier allows (no lifecycle rules)',
    });
    expect(
      judgeBackup(
        {
          component: 'assets',
          kind: 'bucket',
          resource: 'b',
          versioning: false,
          lifecycle: true,
        },
        tierPolicy('prod'),
        now,
      ).health,
    ).toBe('critical');
  });

  it('says a bucket whose settings were not read yet is not judged yet, and passes on when they were read', () => {
    expect(
      judgeBackup(
        { component: 'assets', kind: 'bucket', resource: 'b' },
        tierPolicy('prod'),
        now,
        'AWS',
      ),
    ).toEqual({
      component: 'assets',
      kind: 'bucket',
      resource: 'b',
      policy: 'versioning required (prod)',
      health: 'warning',
      reason:
        'Versioning and lifecycle not read yet: AWS bucket settings are read a few buckets per refresh, so this one shows within the next refreshes',
    });
    expect(
      judgeBackup(
        {
          component: 'assets',
          kind: 'bucket',
          resource: 'b',
          versioning: true,
          lifecycle: false,
          settingsReadAt: '2026-12-01T09:00:00.000Z',
        },
        tierPolicy('prod'),
        now,
      ),
    ).toMatchObject({
      health: 'ok',
      settingsReadAt: '2026-12-01T09:00:00.000Z',
    });
  });

  it('passes on when kept snapshot listings were read, and does not call a backup late that was on time when last listed', () => {
    const redis = (latest: string, readAt: string): BackupFacts => ({
      component: 'cache',
      kind: 'redis',
      resource: 'shop-cache',
      retentionDays: 7,
      latestAutomatedSnapshotAt: latest,
      snapshotCount: 7,
      settingsReadAt: readAt,
    });
    // listed 3 h ago when the last snapshot was 24 h old: 27 h now, but a newer one may exist
    const unknown = judgeBackup(
      redis(hoursBefore(27), hoursBefore(3)),
      tierPolicy('prod'),
      now,
    );
    expect(unknown).toMatchObject({
      health: 'warning',
      settingsReadAt: hoursBefore(3),
      reason:
        'The last backup known was 27 h ago, listed 3 h ago; a newer one may exist — the prod tier requires one within 26 h',
    });
    // already late when it was listed: critical
    const late = judgeBackup(
      redis(hoursBefore(30), hoursBefore(3)),
      tierPolicy('prod'),
      now,
    );
    expect(late).toMatchObject({
      health: 'critical',
      settingsReadAt: hoursBefore(3),
      reason:
        'The last backup was 30 h ago; the prod tier requires one within 26 h',
    });
  });

  it('finds the worst health', () => {
    expect(
      worstHealth([
        { health: 'ok' },
        { health: 'critical' },
        { health: 'warning' },
      ]),
    ).toBe('critical');
    expect(worstHealth([])).toBeUndefined();
  });
});
