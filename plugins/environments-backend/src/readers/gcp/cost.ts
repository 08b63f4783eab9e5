import { randomUUID } from 'node:crypto';
import { LABEL_ENVIRONMENT } from '@terrace/plugin-environments-common';
import { SectionReadError } from '../errors';
import { costPeriods } from '../costTally';
import { EnvironmentCostTally, roundCents } from '../costTally';
import type { AccountCost } from '../types';
import type { GcpClient } from './client';

/**
 * A BigQuery table name `project.dataset.table` (the billing export's, e.g.
 * `billing-admin.billing_export.gcp_billing_export_v1_012345_6789AB_CDEF01`). Checked before it
 * is written into SQL, since a table name cannot be a query parameter.
 */
export const BILLING_TABLE_PATTERN =
  /^[a-z][a-z0-9-]{4,28}[a-z0-9]\.[A-Za-z0-9_]{1,1024}\.[A-Za-z0-9_$-]{1,1024}$/;

/** Where the billing export of a project's bill is, and which project runs the query. */
export interface BillingExport {
  /** `project.dataset.table` of the standard usage cost export. */
  table: string;
  /** The project the BigQuery job runs (and is billed) in; default the table's project. */
  queryProject?: string;
}

/**
 * The query over the standard usage cost export
 * (cloud.google.com/billing/docs/how-to/export-data-bigquery-tables/standard-usage): cost plus
 * credits (so the net cost, as the Billing reports show it) of one project, per period (`current`
 * month or `last` month, by usage start time), value of the `terrace-environment` label (NULL when
 * absent), service description and currency. The ingestion-time partition filter keeps the scan
 * to the two months (rows are exported after their usage, so their partition is not earlier).
 */
export function billingQuery(table: string): string {
  return [
    'SELECT',
    "  IF(usage_start_time >= TIMESTAMP(@month_start), 'current', 'last') AS period,",
    '  (SELECT l.value FROM UNNEST(labels) AS l WHERE l.key = @label_key LIMIT 1) AS environment,',
    '  service.description AS service,',
    '  currency,',
    '  SUM(cost) + SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS amount',
    `FROM \`${table}\``,
    'WHERE project.id = @project',
    '  AND _PARTITIONTIME >= TIMESTAMP(@last_month_start)',
    '  AND usage_start_time >= TIMESTAMP(@last_month_start)',
    '  AND usage_start_time < TIMESTAMP(@next_month_start)',
    'GROUP BY period, environment, service, currency',
  ].join('\n');
}

/** A jobs.query / jobs.getQueryResults answer (cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query#response-body). */
interface QueryResponse {
  jobComplete?: boolean;
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  schema?: { fields?: Array<{ name?: string }> };
  rows?: Array<{ f?: Array<{ v?: unknown }> }>;
  pageToken?: string;
  errors?: Array<{ message?: string; reason?: string }>;
}

function stringParam(name: string, value: string) {
  return {
    name,
    parameterType: { type: 'STRING' },
    parameterValue: { value },
  };
}

/**
 * Reads one project's bill from the BigQuery billing export with the REST jobs.query API
 * (`POST /bigquery/v2/projects/{queryProject}/queries`, a parameterized standard-SQL query, see
 * {@link billingQuery}), following `jobs.getQueryResults`
 * (`GET /bigquery/v2/projects/{p}/queries/{jobId}`) while the job runs or the rows are paged.
 * Month to date and last month (UTC months, as the export's `usage_start_time`), per
 * environment by the `terrace-environment` label and per `service.description`. `tagActive` is
 * false when no cost of the two months carries the label. The export has no forecast: the
 * status service extrapolates month to date (`forecastBasis: linear`).
 * Errors: `SectionReadError` naming roles/bigquery.jobUser and roles/bigquery.dataViewer on 403.
 */
export async function readGcpCost(
  client: GcpClient,
  project: string,
  billing: BillingExport,
  now: Date,
  signal?: AbortSignal,
): Promise<AccountCost> {
  const periods = costPeriods(now);
  const queryProject = billing.queryProject ?? billing.table.split('.')[0];
  const request = (url: string, method: 'GET' | 'POST', body?: unknown) =>
    client.request<QueryResponse>({
      api: 'bigQuery',
      what: `query of the billing export ${billing.table}`,
      project: queryProject,
      url,
      method,
      body,
      signal,
    });
  let page = await request(
    client.url(
      'bigQuery',
      `/bigquery/v2/projects/${encodeURIComponent(queryProject)}/queries`,
    ),
    'POST',
    {
      query: billingQuery(billing.table),
      useLegacySql: false,
      parameterMode: 'NAMED',
      queryParameters: [
        stringParam('project', project),
        stringParam('label_key', LABEL_ENVIRONMENT),
        stringParam('last_month_start', periods.lastMonthStart),
        stringParam('month_start', periods.monthStart),
        stringParam('next_month_start', periods.nextMonthStart),
      ],
      timeoutMs: 8000,
      maxResults: 10000,
      // one id for every attempt: a retried POST does not start (and bill) a second job
      requestId: randomUUID(),
    },
  );
  const rows: unknown[][] = [];
  let fields: string[] = [];
  for (let i = 0; i < 50; i++) {
    if (page.errors?.length) {
      throw new SectionReadError(
        `The BigQuery query of the billing export ${
          billing.table
        } failed: ${page.errors.map(e => e.message).join('; ')}`,
      );
    }
    if (page.jobComplete !== false) {
      fields = (page.schema?.fields ?? []).map(f => f.name ?? '');
      rows.push(...(page.rows ?? []).map(r => (r.f ?? []).map(c => c.v)));
    }
    if (page.jobComplete !== false && !page.pageToken) break;
    const job = page.jobReference;
    if (!job?.jobId) {
      throw new SectionReadError(
        `The BigQuery query of the billing export ${billing.table} did not finish and named no job`,
      );
    }
    page = await request(
      client.url(
        'bigQuery',
        `/bigquery/v2/projects/${encodeURIComponent(
          job.projectId ?? queryProject,
        )}/queries/${encodeURIComponent(job.jobId)}`,
        {
          location: job.location,
          pageToken: page.jobComplete === false ? undefined : page.pageToken,
          timeoutMs: 8000,
          maxResults: 10000,
        },
      ),
      'GET',
    );
  }

  const col = (name: string) => fields.indexOf(name);
  const [iPeriod, iEnv, iService, iCurrency, iAmount] = [
    col('period'),
    col('environment'),
    col('service'),
    col('currency'),
    col('amount'),
  ];
  let currency = 'USD';
  let accountMonthToDate = 0;
  const tally = new EnvironmentCostTally();
  for (const row of rows) {
    const amount = Number(row[iAmount] ?? 0) || 0;
    const current = row[iPeriod] === 'current';
    const environment = row[iEnv];
    const service = (row[iService] as string | null) || 'Other';
    if (typeof row[iCurrency] === 'string' && row[iCurrency])
      currency = row[iCurrency] as string;
    if (current) accountMonthToDate += amount;
    if (typeof environment !== 'string' || !environment) continue;
    tally.add(environment, service, amount, current);
  }
  return {
    currency,
    tagActive: tally.tagActive,
    accountMonthToDate: roundCents(accountMonthToDate),
    forecastError:
      'The BigQuery billing export has no forecast; month to date is extrapolated',
    monthStart: periods.monthStart,
    nextMonthStart: periods.nextMonthStart,
    byEnvironment: tally.byEnvironment(),
  };
}
