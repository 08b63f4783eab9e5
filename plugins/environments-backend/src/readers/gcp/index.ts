import type { Config } from '@backstage/config';
import {
  LABEL_ENVIRONMENT,
  ANNOTATION_ACCOUNT_ID,
  GCP_PROJECT_ID_PATTERN,
} from '@terrace/plugin-environments-common';
import { GoogleAuth } from 'google-auth-library';
import { NotConfiguredError } from '../errors';
import type { StatusReaders } from '../types';
import { readGcpAlarms } from './alarms';
import { readGcpBackups } from './backups';
import {
  GCP_APIS,
  GcpClient,
  type GcpApi,
  type GcpAuthClient,
  type GcpCallListener,
} from './client';
import { BILLING_TABLE_PATTERN, readGcpCost } from './cost';
import { readGcpResources } from './resources';
import { ProjectShare } from './share';

export { GcpClient } from './client';
export type {
  GcpAuthClient,
  GcpCallListener,
  GcpClientSettings,
} from './client';

const ACCOUNT = 'the Google Cloud project id';


/** A project the portal reads, from `environments.gcp.projects`. */
export interface GcpProject {
  projectId: string;
  title?: string;
  /** The billing export of this project's bill, when it differs from `billingExportTable`. */
  billingExportTable?: string;
}

/** Everything the GCP readers are built from (`environments.gcp` in app-config). */
export interface GcpReaderSettings {
  /** The projects environments may live in; empty: any project the credentials can read. */
  projects: GcpProject[];
  /** `project.dataset.table` of the Cloud Billing export to BigQuery (standard usage cost). */
  billingExportTable?: string;
  /** The project BigQuery jobs run in; default the export table's project. */
  billingQueryProject?: string;
  /** How long one project-wide read is shared by the regions of a refresh, in ms. Default 60 000. */
  shareMs?: number;
}

/**
 * The Google Cloud status readers: Cloud Asset (resources by label), Cloud Monitoring alert
 * policies and open alerts, Cloud SQL backup runs and bucket versioning, and the BigQuery billing
 * export (cost). `terrace.dev/account-id` holds the project id. Every read covers a whole project
 * and is shared by the regions of one refresh, so calls grow with projects only.
 * @public
 */
export function createGcpStatusReaders(
  client: GcpClient,
  settings: GcpReaderSettings,
): StatusReaders {
  const share = new ProjectShare(settings.shareMs ?? 60_000);
  const listed = new Map(settings.projects.map(p => [p.projectId, p]));
  const billingOf = (project: string) => {
    const table =
      listed.get(project)?.billingExportTable ?? settings.billingExportTable;
    return table
      ? { table, queryProject: settings.billingQueryProject }
      : undefined;
  };
  const notConfiguredCost = (project: string) =>
    `No BigQuery billing export is configured for project ${project}: export the Cloud Billing account to BigQuery (standard usage cost), then set environments.gcp.billingExportTable (or billingExportTable on the project's entry of environments.gcp.projects) in app-config to its project.dataset.table, and grant the portal roles/bigquery.jobUser and roles/bigquery.dataViewer on it`;
  return {
    cloud: 'gcp',
    displayName: 'Google Cloud',
    accountHint: ACCOUNT,
    locate(accountId, entityRef) {
      if (!GCP_PROJECT_ID_PATTERN.test(accountId)) {
        return {
          ok: false,
          problem: `The annotation ${ANNOTATION_ACCOUNT_ID} of ${entityRef} is "${accountId}"; set it to ${ACCOUNT} (6 to 30 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen)`,
        };
      }
      if (listed.size > 0 && !listed.has(accountId)) {
        return {
          ok: false,
          problem: `The Google Cloud project "${accountId}" of ${entityRef} is not one the portal reads; add it to environments.gcp.projects in app-config (it lists ${[
            ...listed.keys(),
          ].join(', ')})`,
        };
      }
      return { ok: true, accountId };
    },
    configure: {
      resources: `Set the terrace.dev/cloud (gcp), terrace.dev/region and terrace.dev/account-id (the project id) annotations on this entity, and grant the portal's service account ${GCP_APIS.cloudAsset.role} on that project (Cloud Asset API enabled).`,
      alarms: `Set the terrace.dev/cloud, terrace.dev/region and terrace.dev/account-id annotations on this entity, and grant the portal's service account ${GCP_APIS.monitoring.role} on that project.`,
      backups: `Set the terrace.dev/cloud, terrace.dev/region, terrace.dev/account-id and terrace.dev/tier annotations on this entity, and grant the portal's service account ${GCP_APIS.sqlAdmin.role} and ${GCP_APIS.storage.role} on that project.`,
      cost: `Export the Cloud Billing account to BigQuery, set environments.gcp.billingExportTable in app-config to the export table (project.dataset.table), and grant the portal's service account ${GCP_APIS.bigQuery.role}.`,
    },
    readResources: (place, signal) =>
      share.get(
        `resources:${place.accountId}`,
        () => readGcpResources(client, place.accountId),
        signal,
      ),
    readAlarms: (place, signal) =>
      share.get(
        `alarms:${place.accountId}`,
        () => readGcpAlarms(client, place.accountId),
        signal,
      ),
    readBackups: (place, resources, signal) =>
      share.get(
        `backups:${place.accountId}`,
        () => readGcpBackups(client, place.accountId, resources),
        signal,
      ),
    readCost: async (accountId, now, signal) => {
      const billing = billingOf(accountId);
      if (!billing) throw new NotConfiguredError(notConfiguredCost(accountId));
      return readGcpCost(client, accountId, billing, now, signal);
    },
    costTagInactive: accountId =>
      `No cost of project ${accountId} in the BigQuery billing export carries the label ${LABEL_ENVIRONMENT}, so the bill cannot be split per environment: label the resources (Terrace's generated Terraform sets it through the provider's default_labels); labels apply to costs from the time they are set`,
  };
}

const API_KEYS: GcpApi[] = [
  'cloudAsset',
  'monitoring',
  'sqlAdmin',
  'storage',
  'bigQuery',
];

/**
 * Reads `environments.gcp` (see config.d.ts) into client and reader settings; throws an Error
 * naming the key for a project id or export table that breaks GCP's rules. Undefined when
 * `environments.gcp` is absent (the portal reads no Google Cloud environments).
 */
export function readGcpConfig(config: Config):
  | {
      client: Omit<ConstructorParameters<typeof GcpClient>[0], 'auth'>;
      readers: GcpReaderSettings;
    }
  | undefined {
  const gcp = config.getOptionalConfig('environments.gcp');
  if (!gcp) return undefined;
  const checkTable = (key: string, table: string | undefined) => {
    if (table !== undefined && !BILLING_TABLE_PATTERN.test(table)) {
      throw new Error(
        `${key} is "${table}"; set it to the billing export table as project.dataset.table (e.g. billing-admin.billing_export.gcp_billing_export_v1_012345_6789AB_CDEF01)`,
      );
    }
    return table;
  };
  const projects = (gcp.getOptionalConfigArray('projects') ?? []).map(
    (entry, i) => {
      const projectId = entry.getString('projectId');
      if (!GCP_PROJECT_ID_PATTERN.test(projectId)) {
        throw new Error(
          `environments.gcp.projects[${i}].projectId is "${projectId}"; a Google Cloud project id is 6 to 30 lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen`,
        );
      }
      return {
        projectId,
        title: entry.getOptionalString('title'),
        billingExportTable: checkTable(
          `environments.gcp.projects[${i}].billingExportTable`,
          entry.getOptionalString('billingExportTable'),
        ),
      };
    },
  );
  const billingQueryProject = gcp.getOptionalString('billingQueryProject');
  if (
    billingQueryProject !== undefined &&
    !GCP_PROJECT_ID_PATTERN.test(billingQueryProject)
  ) {
    throw new Error(
      `environments.gcp.billingQueryProject is "${billingQueryProject}"; set it to a Google Cloud project id`,
    );
  }
  const endpoint = gcp.getOptionalString('endpoint');
  const baseUrls: Partial<Record<GcpApi, string>> = {};
  for (const api of API_KEYS) {
    const url = gcp.getOptionalString(`endpoints.${api}`) ?? endpoint;
    if (url) baseUrls[api] = url;
  }
  return {
    client: {
      baseUrls,
      maxAttempts: gcp.getOptionalNumber('maxAttempts'),
      requestTimeoutMs: gcp.getOptionalNumber('requestTimeoutMs'),
    },
    readers: {
      projects,
      billingExportTable: checkTable(
        'environments.gcp.billingExportTable',
        gcp.getOptionalString('billingExportTable'),
      ),
      billingQueryProject,
    },
  };
}

/**
 * The Google Cloud status readers built from `environments.gcp`, signed by `auth` (default
 * google-auth-library's `GoogleAuth`: Application Default Credentials, i.e. workload identity on
 * GKE / Cloud Run, or GOOGLE_APPLICATION_CREDENTIALS), or none when `environments.gcp` is absent.
 * @public
 */
export function gcpStatusReadersFromConfig(
  config: Config,
  options: { auth?: GcpAuthClient; listener?: GcpCallListener } = {},
): StatusReaders[] {
  const settings = readGcpConfig(config);
  if (!settings) return [];
  // At first use GoogleAuth looks for a default project (environment, gcloud, metadata server,
  // then Cloud Resource Manager for an external account), which fails where the portal may not
  // read projects; the readers name the project in every URL, so they give it one of theirs.
  const auth =
    options.auth ??
    new GoogleAuth({
      scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      projectId:
        settings.readers.billingQueryProject ??
        settings.readers.projects[0]?.projectId,
    });
  return [
    createGcpStatusReaders(
      new GcpClient({ ...settings.client, auth, listener: options.listener }),
      settings.readers,
    ),
  ];
}
