import { InputError } from '@backstage/errors';
import type { ResolvedPostgres } from '@terrace/plugin-environments-common';
import { attr, block, body, BodyItem, raw, resource, template } from '../hcl';
import { emitAlarms } from './alarms';
import {
  componentLabels,
  GcpContext,
  GcpEmitted,
  gcpNames,
  id,
  NETWORK_ID,
  PROJECT,
  PSA_CONNECTION,
  REGION,
  skip,
} from './context';
import { secretManagerSecret } from './secretStore';

const GIB = 1024 ** 3;
const ADMIN_USER = 'terrace_admin';

/** Cloud SQL for PostgreSQL major versions (cloud.google.com/sql/docs/db-versions). */
export const CLOUD_SQL_POSTGRES_MAJORS = [
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
];
/** The newest major, which checkov's CKV_GCP_79 asks for. */
const NEWEST_MAJOR = '18';

/**
 * The flags checkov's Cloud SQL checks ask for (CKV_GCP_51..57, 108..111, CKV2_GCP_13): set,
 * not skipped. Connection, lock-wait and DDL logging plus pgaudit; statements' durations are not
 * logged one by one (`log_min_duration_statement = -1`).
 */
const DATABASE_FLAGS: Array<[string, string]> = [
  ['cloudsql.enable_pgaudit', 'on'],
  ['log_checkpoints', 'on'],
  ['log_connections', 'on'],
  ['log_disconnections', 'on'],
  ['log_duration', 'on'],
  ['log_error_verbosity', 'default'],
  ['log_hostname', 'on'],
  ['log_lock_waits', 'on'],
  ['log_min_duration_statement', '-1'],
  ['log_min_error_statement', 'error'],
  ['log_min_messages', 'error'],
  ['log_statement', 'ddl'],
  ['log_temp_files', '0'],
];

function major(db: ResolvedPostgres, index: number): string {
  const m = /^(\d+)/.exec(db.version)?.[1] ?? db.version;
  if (!CLOUD_SQL_POSTGRES_MAJORS.includes(m)) {
    throw new InputError(
      `spec.components[${index}].version: PostgreSQL "${
        db.version
      }" is not a version Cloud SQL runs (supported: ${CLOUD_SQL_POSTGRES_MAJORS.join(
        ', ',
      )})`,
    );
  }
  return m;
}

/**
 * `postgres-<name>.tf` for a `postgres` component: Cloud SQL for PostgreSQL (Enterprise edition)
 * on a private IP only (Private Service Access, no public IPv4), TLS required, REGIONAL
 * availability for high availability, automated backups with point-in-time recovery as resolved,
 * read replicas, the logging flags, deletion protection per the tier, an admin password made by
 * Terraform and kept in Secret Manager, and its alert policies.
 */
export function emitPostgres(
  ctx: GcpContext,
  db: ResolvedPostgres,
  index: number,
): GcpEmitted {
  const n = id(db.name);
  const names = gcpNames(ctx, db);
  const version = major(db, index);
  const backups = db.backupRetentionDays > 0;
  const settings = (replica: boolean): Array<BodyItem | false> => [
    attr('tier', db.size),
    attr('edition', 'ENTERPRISE'),
    attr(
      'availability_type',
      !replica && db.highAvailability ? 'REGIONAL' : 'ZONAL',
    ),
    attr('disk_type', 'PD_SSD'),
    attr('disk_size', db.storageGb),
    attr('disk_autoresize', true),
    attr('disk_autoresize_limit', db.maxStorageGb),
    attr('deletion_protection_enabled', db.deletionProtection),
    attr(
      'user_labels',
      componentLabels(
        db.name,
        replica ? { 'terrace-role': 'read-replica' } : {},
      ),
    ),
    block('ip_configuration', [], {
      ipv4_enabled: false,
      private_network: NETWORK_ID,
      ssl_mode: 'ENCRYPTED_ONLY',
      enable_private_path_for_google_cloud_services: true,
    }),
    !replica &&
      block(
        'backup_configuration',
        [],
        [
          attr('enabled', backups),
          attr('start_time', '16:00'),
          attr(
            'point_in_time_recovery_enabled',
            backups && db.pointInTimeRecovery,
          ),
          backups && db.pointInTimeRecovery
            ? attr(
                'transaction_log_retention_days',
                Math.min(7, db.backupRetentionDays),
              )
            : undefined,
          backups
            ? block('backup_retention_settings', [], {
                retained_backups: db.backupRetentionDays,
                retention_unit: 'COUNT',
              })
            : undefined,
        ],
      ),
    !replica &&
      block('maintenance_window', [], {
        day: 7,
        hour: 17,
        update_track: 'stable',
      }),
    block('insights_config', [], {
      query_insights_enabled: true,
      record_application_tags: false,
      record_client_address: false,
    }),
    ...DATABASE_FLAGS.map(([name, value]) =>
      block('database_flags', [], { name, value }),
    ),
  ];

  const skips = (replica: boolean) => [
    skip(
      'CKV_GCP_6',
      'TLS is required (ssl_mode ENCRYPTED_ONLY) on a private IP only; client certificates are left to the Cloud SQL connectors and Auth Proxy, which bring their own',
    ),
    version !== NEWEST_MAJOR &&
      skip(
        'CKV_GCP_79',
        `the spec pins PostgreSQL ${db.version}; Terrace keeps the version asked for`,
      ),
    (replica || !backups) &&
      skip(
        'CKV_GCP_14',
        replica
          ? 'Cloud SQL read replicas take no backups of their own; the primary is backed up'
          : `backupRetentionDays is 0 in this ${ctx.env.tier} spec`,
      ),
  ];

  const instance = `google_sql_database_instance.${n}`;
  return {
    file: `postgres-${db.name}.tf`,
    items: body(
      {},
      // Google keeps a deleted instance's name for up to a week: a suffix new in every
      // lifecycle of the database lets it be re-created at once.
      resource('random_id', `${n}_name`, { byte_length: 4 }),
      resource('random_password', `${n}_admin`, {
        length: 32,
        special: true,
        override_special: '!#$%&*()-_=+[]{}<>:?',
      }),
      resource('google_sql_database_instance', n, [
        ...skips(false),
        attr(
          'name',
          template(names.sqlInstancePrefix, raw(`random_id.${n}_name.hex`)),
        ),
        attr('database_version', `POSTGRES_${version}`),
        attr('region', REGION),
        attr('deletion_protection', db.deletionProtection),
        block('settings', [], settings(false)),
        attr('depends_on', [PSA_CONNECTION]),
      ]),
      db.readReplicas > 0 &&
        resource('google_sql_database_instance', `${n}_replica`, [
          ...skips(true),
          attr('count', db.readReplicas),
          attr(
            'name',
            template(
              names.sqlReplicaPrefix,
              raw(`random_id.${n}_name.hex`),
              '-',
              raw('count.index'),
            ),
          ),
          attr('master_instance_name', raw(`${instance}.name`)),
          attr('database_version', `POSTGRES_${version}`),
          attr('region', REGION),
          attr('deletion_protection', db.deletionProtection),
          block('replica_configuration', [], { failover_target: false }),
          block('settings', [], settings(true)),
        ]),
      resource('google_sql_user', `${n}_admin`, {
        name: ADMIN_USER,
        instance: raw(`${instance}.name`),
        password: raw(`random_password.${n}_admin.result`),
      }),
      secretManagerSecret({
        name: `${n}_admin`,
        secretId: names.generatedSecret('admin-password'),
        component: db.name,
        version: raw(`random_password.${n}_admin.result`),
      }),
      emitAlarms(
        ctx,
        db.name,
        alarm =>
          template(
            'resource.labels.database_id = "',
            PROJECT,
            ':',
            raw(
              alarm.signal === 'replica-lag'
                ? `${instance}_replica[0].name`
                : `${instance}.name`,
            ),
            '"',
          ),
        alarm => {
          if (alarm.signal === 'free-storage') {
            return Number(
              (1 - alarm.threshold / (db.storageGb * GIB)).toFixed(4),
            );
          }
          return alarm.unit === 'percent'
            ? alarm.threshold / 100
            : alarm.threshold;
        },
      ),
    ),
    outputs: [
      block('output', [`${n}_private_ip`], {
        description: `${db.name}: private IP address of the PostgreSQL instance`,
        value: raw(`${instance}.private_ip_address`),
      }),
      block('output', [`${n}_connection_name`], {
        description: `${db.name}: connection name for the Cloud SQL connectors`,
        value: raw(`${instance}.connection_name`),
      }),
      block('output', [`${n}_admin_secret`], {
        description: `${db.name}: Secret Manager secret holding the admin password`,
        value: raw(`google_secret_manager_secret.${n}_admin.id`),
      }),
    ],
  };
}
