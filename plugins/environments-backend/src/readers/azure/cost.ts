import { TAG_ENVIRONMENT } from '@terrace/plugin-environments-common';
import { EnvironmentCostTally, roundCents } from '../costTally';
import type { AccountCost } from '../types';
import { both, type AzureCall, type AzureManagementClient } from './client';

/** Cost Management's REST API version (Query - Usage, Forecast - Usage). */
export const COST_MANAGEMENT_API_VERSION = '2023-03-01';

function ymd(date: Date) {
  return date.toISOString().slice(0, 10);
}

/** The periods a cost refresh asks for, in UTC (YYYY-MM-DD). */
export function azureCostPeriods(now: Date) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return {
    lastMonthStart: ymd(new Date(Date.UTC(y, m - 1, 1))),
    lastMonthEnd: ymd(new Date(Date.UTC(y, m, 0))),
    monthStart: ymd(new Date(Date.UTC(y, m, 1))),
    today: ymd(new Date(Date.UTC(y, m, now.getUTCDate()))),
    monthEnd: ymd(new Date(Date.UTC(y, m + 1, 0))),
    nextMonthStart: ymd(new Date(Date.UTC(y, m + 1, 1))),
  };
}

/** Cost Management's answer (QueryResult): columns, and rows in the columns' order. */
interface QueryResult {
  properties?: {
    nextLink?: string | null;
    columns?: { name?: string; type?: string }[];
    rows?: unknown[][];
  };
}

/** The index of the cost column: `Cost` or `PreTaxCost` (by API version), else the first number. */
function costColumn(columns: { name?: string; type?: string }[]) {
  const named = columns.findIndex(
    c => c.name === 'Cost' || c.name === 'PreTaxCost',
  );
  return named >= 0 ? named : columns.findIndex(c => c.type === 'Number');
}

/** Reads every page of one query (the next page is the same POST to `nextLink`). */
async function query(
  client: AzureManagementClient,
  call: AzureCall,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ columns: { name?: string; type?: string }[]; rows: unknown[][] }> {
  let columns: { name?: string; type?: string }[] = [];
  const rows: unknown[][] = [];
  let next: string | undefined = path;
  while (next) {
    const page: QueryResult | undefined = await client.send<QueryResult>(call, {
      method: 'POST',
      pathOrUrl: next,
      apiVersion: COST_MANAGEMENT_API_VERSION,
      body,
      signal,
    });
    if (page?.properties?.columns?.length) columns = page.properties.columns;
    rows.push(...(page?.properties?.rows ?? []));
    next = page?.properties?.nextLink || undefined;
  }
  return { columns, rows };
}

/**
 * Reads one subscription's bill with the Cost Management query API (`POST
 * /subscriptions/{id}/providers/Microsoft.CostManagement/query`, ActualCost): one query for the
 * month to date and one for last month, each grouped by the tag key `terrace:environment` and the
 * dimension `ServiceName`, and one forecast (`…/forecast`, daily, today to the month end) for the
 * subscription's month end. `tagActive` is false when no cost of either month carries the tag.
 * These calls serve every environment of the subscription; Cost Management limits calls per
 * scope, so callers cache this for hours.
 */
export async function readCost(
  client: AzureManagementClient,
  subscriptionId: string,
  now: Date,
  signal?: AbortSignal,
): Promise<AccountCost> {
  const periods = azureCostPeriods(now);
  const scope = `/subscriptions/${encodeURIComponent(subscriptionId)}`;
  const call: AzureCall = {
    subscriptionId,
    operation: 'Microsoft.CostManagement/query/action',
    role: 'Cost Management Reader',
  };
  const grouped = (from: string, to: string) => ({
    type: 'ActualCost',
    timeframe: 'Custom',
    timePeriod: { from: `${from}T00:00:00Z`, to: `${to}T23:59:59Z` },
    dataset: {
      aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
      grouping: [
        { type: 'TagKey', name: TAG_ENVIRONMENT },
        { type: 'Dimension', name: 'ServiceName' },
      ],
    },
  });
  const path = `${scope}/providers/Microsoft.CostManagement/query`;
  const [current, last] = await both(
    query(
      client,
      call,
      path,
      grouped(periods.monthStart, periods.today),
      signal,
    ),
    query(
      client,
      call,
      path,
      grouped(periods.lastMonthStart, periods.lastMonthEnd),
      signal,
    ),
  );

  let currency = 'USD';
  let accountMonthToDate = 0;
  const tally = new EnvironmentCostTally();
  for (const [answer, isCurrent] of [
    [current, true],
    [last, false],
  ] as const) {
    const col = (name: string) =>
      answer.columns.findIndex(c => c.name === name);
    const costAt = costColumn(answer.columns);
    const tagKeyAt = col('TagKey');
    const tagValueAt = col('TagValue');
    const serviceAt = col('ServiceName');
    const currencyAt = col('Currency');
    for (const row of answer.rows) {
      const amount = Number(row[costAt]) || 0;
      if (
        currencyAt >= 0 &&
        typeof row[currencyAt] === 'string' &&
        row[currencyAt]
      ) {
        currency = row[currencyAt] as string;
      }
      if (isCurrent) accountMonthToDate += amount;
      const environment =
        tagKeyAt >= 0 &&
        String(row[tagKeyAt] ?? '').toLowerCase() === TAG_ENVIRONMENT
          ? String(row[tagValueAt] ?? '')
          : '';
      if (!environment) continue;
      const service = String(row[serviceAt] ?? '') || 'Other';
      tally.add(environment, service, amount, isCurrent);
    }
  }

  let accountForecast: number | undefined;
  let forecastError: string | undefined;
  try {
    const forecast = await query(
      client,
      {
        ...call,
        operation: 'Microsoft.CostManagement/forecast/action',
      },
      `${scope}/providers/Microsoft.CostManagement/forecast`,
      {
        type: 'ActualCost',
        timeframe: 'Custom',
        timePeriod: {
          from: `${periods.today}T00:00:00Z`,
          to: `${periods.monthEnd}T23:59:59Z`,
        },
        dataset: {
          granularity: 'Daily',
          aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
        },
        includeActualCost: false,
        includeFreshPartialCost: false,
      },
      signal,
    );
    const costAt = costColumn(forecast.columns);
    const statusAt = forecast.columns.findIndex(c => c.name === 'CostStatus');
    let rest = 0;
    for (const row of forecast.rows) {
      if (statusAt >= 0 && row[statusAt] !== 'Forecast') continue;
      rest += Number(row[costAt]) || 0;
    }
    if (costAt >= 0) {
      // the forecast covers today to the month end; what is billed so far comes on top
      accountForecast = roundCents(accountMonthToDate + rest);
    }
  } catch (e) {
    forecastError = (e as Error).message;
  }

  return {
    currency,
    tagActive: tally.tagActive,
    accountMonthToDate: roundCents(accountMonthToDate),
    accountForecast,
    forecastError,
    monthStart: periods.monthStart,
    nextMonthStart: periods.nextMonthStart,
    byEnvironment: tally.byEnvironment(),
  };
}
