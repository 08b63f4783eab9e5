import {
  GCP_ATLAS_PSC_ENDPOINTS,
  type ResolvedComponent,
  type ResolvedEnvironment,
} from '@terrace/plugin-environments-common';
import type { EmitterReadme } from '../emitter';
import { memorystoreTier, memorystoreVersion } from './redis';
import { gcpStateLocation } from './state';

/** What each component becomes on Google Cloud, for the README's component table. */
function describe(c: ResolvedComponent): string {
  switch (c.type) {
    case 'postgres':
      return `Cloud SQL for PostgreSQL ${c.version} (Enterprise), ${c.size}, ${
        c.storageGb
      }-${c.maxStorageGb} GB SSD, ${
        c.highAvailability ? 'regional (HA)' : 'zonal'
      }, private IP only${
        c.readReplicas ? `, ${c.readReplicas} read replica(s)` : ''
      }, backups ${c.backupRetentionDays} days${
        c.pointInTimeRecovery ? ' + PITR' : ''
      }`;
    case 'redis':
      return `Memorystore for Redis ${memorystoreVersion(c.version)}, ${
        c.size
      }, ${memorystoreTier(c)}, AUTH + TLS, eviction ${c.evictionPolicy}`;
    case 'bucket':
      return `Cloud Storage bucket, ${
        c.public ? `public reads for ${c.servedBy}` : 'public access prevented'
      }, versioning ${c.versioning ? 'on' : 'off'}${
        c.expireDays ? `, delete after ${c.expireDays} days` : ''
      }${c.archiveDays ? `, ARCHIVE class after ${c.archiveDays} days` : ''}`;
    case 'service':
      return `Cloud Run service, ${c.cpu} vCPU / ${c.memoryMb} MiB, ${
        c.minCount
      }-${c.maxCount} instances, ${
        c.public ? 'public (allUsers invoker)' : 'internal ingress only'
      }`;
    case 'registry':
      return `Artifact Registry Docker repository, keeps ${c.keepImages} versions, untagged deleted after ${c.untaggedExpireDays} days`;
    case 'cdn':
      return `Cloud CDN on a global external HTTPS load balancer for ${[
        ...c.bucketOrigins,
        ...(c.serviceOrigin ? [`${c.serviceOrigin} (/api/*)`] : []),
      ].join(', ')}`;
    case 'mongodb':
      return `MongoDB Atlas ${c.version} ${c.size} replica set on Google Cloud${
        c.privateLink
          ? ` over Private Service Connect (${GCP_ATLAS_PSC_ENDPOINTS} endpoints)`
          : ''
      }, access list: the Cloud NAT address`;
    case 'secrets':
      return `Secret Manager secrets: ${c.names.join(', ')}`;
    case 'vm-group':
      return `regional managed instance group of ${
        c.instanceType
      } (Debian 12, Shielded VM), ${c.minCount}-${
        c.maxCount
      } instances autoscaled on CPU at ${c.cpuTarget}%, behind ${
        c.public ? 'an external' : 'an internal'
      } passthrough Network Load Balancer on port ${c.port}, autohealing on ${
        c.healthCheckPath
      }`;
    default:
      return '';
  }
}

/** The Google Cloud parts of the environment repo's README. */
export const gcpReadme: EmitterReadme = {
  describeComponent: describe,
  alarmTarget: (env: ResolvedEnvironment) =>
    `the Cloud Monitoring e-mail channel \`${env.name} alarms\` (set \`alarm_email\`)`,
  state(env: ResolvedEnvironment) {
    const state = gcpStateLocation(env);
    return [
      `State lives in the Cloud Storage bucket \`${state.bucket}\` under \`${state.prefix}\` (the gcs backend locks it itself). Create the bucket once per project (skip this when another environment already did; pass \`-backend-config=bucket=<name>\` to \`terraform init\` if that name is taken), and enable the APIs the environment uses:`,
      '',
      '```sh',
      `gcloud storage buckets create gs://${state.bucket} --location=${env.region} --uniform-bucket-level-access --public-access-prevention`,
      `gcloud storage buckets update gs://${state.bucket} --versioning`,
      'gcloud services enable compute.googleapis.com servicenetworking.googleapis.com sqladmin.googleapis.com redis.googleapis.com run.googleapis.com artifactregistry.googleapis.com secretmanager.googleapis.com monitoring.googleapis.com',
      '```',
    ].join('\n');
  },
  workflowCredentials: () =>
    'Google Cloud credentials through Workload Identity Federation, from the repository variables `TERRACE_GCP_WORKLOAD_IDENTITY_PROVIDER` and `TERRACE_GCP_SERVICE_ACCOUNT`',
  dataAfterDestroy: () =>
    'Cloud SQL instances leave no final backup: their automated backups go with the instance, so export the data first (`gcloud sql export sql <instance> gs://<bucket>/<file>.sql.gz --database=<db>`) if it matters.',
  beforeDestroy(env: ResolvedEnvironment) {
    if (!env.components.some(c => c.type === 'bucket')) return [];
    return [
      'Cloud Storage buckets keep their objects (`force_destroy = false`), so `terraform destroy` stops at a bucket that',
      "is not empty. The portal's **Destroy environment** template deletes every object and object version first when its",
      '"Delete every object in the buckets" option (`forceDestroyBuckets`) is ticked, and refuses the destroy otherwise.',
      'By hand: set `force_destroy = true` on each bucket, apply, then destroy.',
    ];
  },
  secrets: () => [
    'Secret values are never in this repository: database passwords are generated by Terraform and the Memorystore AUTH',
    'string by Google, both kept in Secret Manager; the secrets of `secrets` components are created empty and given a value',
    'with `gcloud secrets versions add <secret-id> --data-file=-`.',
  ],
};
