import type {
  ResolvedComponent,
  ResolvedEnvironment,
} from '@terrace/plugin-environments-common';

/** A data store of the environment and what of its data survives a destroy. */
export interface LostDataStore {
  /** Component name in environment.yaml, e.g. `db`. */
  component: string;
  type: 'postgres' | 'mongodb' | 'redis' | 'bucket';
  /**
   * Whether anything of its data is kept after the destroy (a final snapshot; a bucket's objects
   * when `forceDestroyBuckets` is not set, for then the destroy is refused).
   */
  kept: boolean;
  /** One sentence for people: what is deleted and what is kept, from the spec and its tier. */
  detail: string;
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

function postgres(
  env: ResolvedEnvironment,
  c: Extract<ResolvedComponent, { type: 'postgres' }>,
): LostDataStore {
  const backups =
    c.backupRetentionDays > 0
      ? `its automated backups (${days(c.backupRetentionDays)})`
      : 'it has no automated backups';
  if (env.cloud === 'aws') {
    // aws_db_instance: skip_final_snapshot = false, delete_automated_backups left at true
    return {
      component: c.name,
      type: 'postgres',
      kept: true,
      detail: `PostgreSQL ${
        c.name
      }: a final snapshot is kept (skip_final_snapshot = false, named ${
        c.resourceName
      }-final-…); ${
        c.backupRetentionDays > 0
          ? `${backups} are deleted with the instance`
          : backups
      }${c.readReplicas > 0 ? '; read replicas keep nothing' : ''}.`,
    };
  }
  const what =
    env.cloud === 'azure'
      ? 'the flexible server leaves no final snapshot'
      : 'the Cloud SQL instance leaves no final backup';
  return {
    component: c.name,
    type: 'postgres',
    kept: false,
    detail: `PostgreSQL ${c.name}: ${what}; ${
      c.backupRetentionDays > 0 ? `${backups} go with it` : backups
    }. Export the data first (pg_dump) if it matters.`,
  };
}

/** The component name the access-log bucket is listed under (it is no component of the spec). */
export const ACCESS_LOG_BUCKET = 'access-logs';

function bucket(
  name: string,
  versioning: boolean,
  force: boolean,
  what = `Bucket ${name}`,
): LostDataStore {
  const objects = versioning
    ? 'every object and object version'
    : 'every object';
  return force
    ? {
        component: name,
        type: 'bucket',
        kept: false,
        detail: `${what}: ${objects} in it is deleted for good (forceDestroyBuckets: force_destroy set to true, applied, then destroyed).`,
      }
    : {
        component: name,
        type: 'bucket',
        kept: true,
        detail: `${what}: keeps its objects (force_destroy = false), so the destroy is refused unless forceDestroyBuckets ("Delete every object in the buckets") is set, which deletes ${objects} in it for good.`,
      };
}

/**
 * What a destroy of the environment loses: each data store (postgres, mongodb, redis, bucket,
 * and the access-log bucket of audit logs when the Terraform has one) and whether its final
 * snapshot, backups or objects are kept, from the resolved spec (its tier's presets) and the way
 * the generators write each cloud's Terraform. `forceDestroyBuckets`: the buckets' objects are
 * deleted (else the destroy is refused at them); `accessLogBucket`: the Terraform address of the
 * generated access-log bucket, if any (e.g. `aws_s3_bucket.access_logs`). Empty when the
 * environment holds no data store.
 */
export function lostDataStores(
  env: ResolvedEnvironment,
  options: { forceDestroyBuckets?: boolean; accessLogBucket?: string } = {},
): LostDataStore[] {
  const force = options.forceDestroyBuckets === true;
  const lost: LostDataStore[] = [];
  for (const c of env.components) {
    switch (c.type) {
      case 'postgres':
        lost.push(postgres(env, c));
        break;
      case 'mongodb':
        lost.push({
          component: c.name,
          type: 'mongodb',
          kept: false,
          detail: c.backup
            ? `MongoDB ${c.name}: its Atlas cloud backup snapshots are deleted with the cluster (no final snapshot). Export the data first (mongodump) if it matters.`
            : `MongoDB ${c.name}: cloud backup is off; the data is gone with the cluster.`,
        });
        break;
      case 'redis':
        lost.push({
          component: c.name,
          type: 'redis',
          kept: false,
          detail:
            c.snapshotRetentionDays > 0
              ? `Redis ${c.name}: its automatic snapshots (${days(
                  c.snapshotRetentionDays,
                )}) are deleted with it; no final snapshot is taken.`
              : `Redis ${c.name}: no snapshots; the cached data is gone.`,
        });
        break;
      case 'bucket':
        lost.push(bucket(c.name, c.versioning, force));
        break;
      default:
        break;
    }
  }
  if (options.accessLogBucket) {
    lost.push(
      bucket(
        ACCESS_LOG_BUCKET,
        true,
        force,
        `Access-log bucket (${options.accessLogBucket}, the audit logs of requests to the environment's buckets, load balancers and CDN)`,
      ),
    );
  }
  return lost;
}

/**
 * The task page's "What was lost" text: one bullet per data store (kept or lost, and why), or a
 * line saying the environment held none.
 */
export function lostMarkdown(lost: LostDataStore[]): string {
  if (lost.length === 0) {
    return 'The environment held no data store (postgres, mongodb, redis, bucket).';
  }
  return lost
    .map(
      l =>
        `- **${l.component}** (${l.type}, ${l.kept ? 'kept' : 'lost'}): ${
          l.detail
        }`,
    )
    .join('\n');
}
