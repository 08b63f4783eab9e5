import { InputError } from '@backstage/errors';
import {
  awsEngineVersion,
  awsEngineVersionList,
  type ResolvedPostgres,
} from '@terrace/plugin-environments-common';
import { attr, block, body, map, raw, resource, template } from '../hcl';
import { emitAlarms } from './alarms';
import {
  assumeRolePolicy,
  AwsContext,
  AwsEmitted,
  awsNames,
  componentTags,
  DATA_SUBNET_IDS,
  id,
  KMS_KEY_ARN,
  managedPolicy,
  skip,
} from './context';
import { generatedSecret } from './secretStore';
import { dataStoreAccess, securityGroup } from './securityGroups';

const PORT = 5432;
const MASTER_USER = 'terrace_admin';

/** The engine table's row of the version; a version RDS does not run is refused. */
function engine(db: ResolvedPostgres) {
  const row = awsEngineVersion('postgres', db.version);
  if (!row) {
    throw new InputError(
      `${db.name}: PostgreSQL "${
        db.version
      }" is not a version RDS runs (supported: ${awsEngineVersionList(
        'postgres',
      )})`,
    );
  }
  return row;
}

/**
 * `<name>.tf` for a `postgres` component: RDS PostgreSQL on gp3 with storage autoscaling, KMS
 * encryption, backups, Multi-AZ and read replicas as resolved, Performance Insights, enhanced
 * monitoring, IAM authentication, TLS enforced by the parameter group, a master password made by
 * Terraform and kept in Secrets Manager, and its alarms.
 */
export function emitPostgres(
  ctx: AwsContext,
  db: ResolvedPostgres,
): AwsEmitted {
  const n = id(db.name);
  const prod = ctx.env.tier === 'prod';
  const instance = `aws_db_instance.${n}`;
  const common = (replica: boolean) => [
    attr('instance_class', db.size),
    attr('storage_type', 'gp3'),
    attr('max_allocated_storage', db.maxStorageGb),
    attr('storage_encrypted', true),
    attr('kms_key_id', KMS_KEY_ARN),
    attr('vpc_security_group_ids', [raw(`aws_security_group.${n}.id`)]),
    attr('parameter_group_name', raw(`aws_db_parameter_group.${n}.name`)),
    attr('publicly_accessible', false),
    attr('iam_database_authentication_enabled', true),
    attr('deletion_protection', db.deletionProtection),
    attr('auto_minor_version_upgrade', true),
    attr('copy_tags_to_snapshot', true),
    attr('enabled_cloudwatch_logs_exports', ['postgresql', 'upgrade']),
    attr('performance_insights_enabled', db.performanceInsights),
    db.performanceInsights
      ? attr('performance_insights_kms_key_id', KMS_KEY_ARN)
      : undefined,
    db.performanceInsights
      ? attr('performance_insights_retention_period', 7)
      : undefined,
    attr('monitoring_interval', db.monitoringIntervalSeconds),
    db.monitoringIntervalSeconds > 0
      ? attr('monitoring_role_arn', raw(`aws_iam_role.${n}_monitoring.arn`))
      : undefined,
    attr('apply_immediately', false),
    replica ? undefined : attr('tags', componentTags(db.name)),
  ];
  const skips = (replica: boolean) => [
    !db.performanceInsights &&
      skip(
        'CKV_AWS_353',
        `the ${ctx.env.tier} tier preset leaves Performance Insights off for throwaway databases; staging and prod turn it on`,
      ),
    db.monitoringIntervalSeconds === 0 &&
      skip(
        'CKV_AWS_118',
        `enhanced monitoring is off in the ${ctx.env.tier} tier to save its CloudWatch cost`,
      ),
    !db.deletionProtection &&
      skip(
        'CKV_AWS_293',
        `deletion protection is on in prod only; ${ctx.env.tier} environments are torn down freely`,
      ),
    (replica || !db.highAvailability) &&
      skip(
        'CKV_AWS_157',
        replica
          ? 'read replicas scale reads; availability comes from the Multi-AZ primary'
          : `highAvailability is off in this ${ctx.env.tier} spec: single-AZ halves the database cost`,
      ),
    replica &&
      skip(
        'CKV_AWS_133',
        'RDS for PostgreSQL read replicas take no automated backups; the primary is backed up',
      ),
  ];

  const names = awsNames(ctx, db);
  const version = engine(db);
  return {
    file: `postgres-${db.name}.tf`,
    items: body(
      {},
      securityGroup(
        n,
        names.securityGroup,
        db.name,
        `PostgreSQL ${db.name}: reachable only from the environment's services`,
      ),
      dataStoreAccess(db, PORT, ctx.compute()),
      resource('aws_db_subnet_group', n, {
        name: names.dbSubnetGroup,
        description: `Data subnets of ${ctx.env.name}`,
        subnet_ids: DATA_SUBNET_IDS,
        tags: componentTags(db.name),
      }),
      resource('aws_db_parameter_group', n, [
        attr('name', names.dbParameterGroup),
        attr('family', version.family),
        attr(
          'description',
          `PostgreSQL ${version.major} for ${names.dbInstance}: TLS only, DDL and slow query logging`,
        ),
        block('parameter', [], { name: 'rds.force_ssl', value: '1' }),
        block('parameter', [], { name: 'log_statement', value: 'ddl' }),
        block('parameter', [], {
          name: 'log_min_duration_statement',
          value: '1000',
        }),
        attr('tags', componentTags(db.name)),
        block('lifecycle', [], { create_before_destroy: true }),
      ]),
      generatedSecret({
        name: `${n}_master`,
        secretName: names.masterSecret,
        component: db.name,
        description: `Master credentials of ${names.dbInstance}`,
        recoveryDays: prod ? 30 : 7,
        special: '!#$%&*()-_=+[]{}<>:?',
        value: password => ({
          kind: 'call',
          name: 'jsonencode',
          args: [
            map({
              engine: 'postgres',
              username: MASTER_USER,
              password,
              host: raw(`${instance}.address`),
              port: PORT,
              dbname: 'postgres',
            }),
          ],
        }),
      }),
      db.monitoringIntervalSeconds > 0 && [
        resource('aws_iam_role', `${n}_monitoring`, {
          name: names.monitoringRole,
          assume_role_policy: assumeRolePolicy('monitoring.rds.amazonaws.com'),
          tags: componentTags(db.name),
        }),
        resource('aws_iam_role_policy_attachment', `${n}_monitoring`, {
          role: raw(`aws_iam_role.${n}_monitoring.name`),
          policy_arn: managedPolicy(
            'service-role/AmazonRDSEnhancedMonitoringRole',
          ),
        }),
      ],
      // A final snapshot name new in every lifecycle of the database: a second destroy
      // never meets the first one's snapshot (DBSnapshotAlreadyExists).
      resource('random_id', `${n}_final_snapshot`, [
        attr('byte_length', 4),
        attr('keepers', map({ identifier: names.dbInstance })),
      ]),
      resource(
        'aws_db_instance',
        n,
        body(
          {},
          skips(false),
          attr('identifier', names.dbInstance),
          attr('engine', 'postgres'),
          attr('engine_version', version.engineVersion),
          attr('allocated_storage', db.storageGb),
          attr('username', MASTER_USER),
          attr('password', raw(`random_password.${n}_master.result`)),
          attr('db_subnet_group_name', raw(`aws_db_subnet_group.${n}.name`)),
          attr('multi_az', db.highAvailability),
          attr('backup_retention_period', db.backupRetentionDays),
          attr('backup_window', '16:00-17:00'),
          attr('maintenance_window', 'sun:17:30-sun:18:30'),
          attr('skip_final_snapshot', false),
          // Unique over destroy and re-create: the suffix lives in state (G09).
          attr(
            'final_snapshot_identifier',
            template(
              names.finalSnapshotPrefix,
              raw(`random_id.${n}_final_snapshot.hex`),
            ),
          ),
          common(false),
        ),
      ),
      db.readReplicas > 0 &&
        resource(
          'aws_db_instance',
          `${n}_replica`,
          body(
            {},
            skips(true),
            attr('count', db.readReplicas),
            attr(
              'identifier',
              template(names.replicaPrefix, raw('count.index')),
            ),
            attr('replicate_source_db', raw(`${instance}.identifier`)),
            attr('multi_az', false),
            attr('backup_retention_period', 0),
            attr('skip_final_snapshot', true),
            common(true),
            attr(
              'tags',
              componentTags(db.name, { 'terrace:role': 'read-replica' }),
            ),
          ),
        ),
      emitAlarms(ctx, db.name, alarm =>
        map({
          DBInstanceIdentifier:
            alarm.signal === 'replica-lag' && db.readReplicas > 0
              ? raw(`aws_db_instance.${n}_replica[0].identifier`)
              : raw(`${instance}.identifier`),
        }),
      ),
    ),
    outputs: [
      block('output', [`${n}_endpoint`], {
        description: `${db.name}: PostgreSQL endpoint (host:port)`,
        value: raw(`${instance}.endpoint`),
      }),
      block('output', [`${n}_master_secret_arn`], {
        description: `${db.name}: Secrets Manager secret holding the master credentials`,
        value: raw(`aws_secretsmanager_secret.${n}_master.arn`),
      }),
    ],
  };
}
