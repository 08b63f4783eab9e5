import {
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { TAG_ENVIRONMENT } from '@terrace/plugin-environments-common';
import { costPeriods, EnvironmentCostTally, roundCents } from '../costTally';
import type { AccountCost } from '../types';
import type { AwsClients } from './clients';
import { awsCall } from './errors';
import { paginate } from './paginate';

function amountOf(
  metrics: Record<string, { Amount?: string; Unit?: string }> | undefined,
) {
  const metric = metrics?.UnblendedCost;
  return { amount: Number(metric?.Amount ?? 0) || 0, unit: metric?.Unit };
}

/**
 * Reads one account's bill with Cost Explorer: GetCostAndUsage for last month and this month,
 * grouped by the `terrace:environment` tag and by SERVICE (paginated), and one GetCostForecast for
 * the account's month end. Every environment of the account is served by these calls; Cost Explorer
 * is billed per call, so callers cache this for hours.
 */
export async function readCost(
  clients: AwsClients,
  now: Date,
  signal?: AbortSignal,
): Promise<AccountCost> {
  const where = { accountId: clients.accountId, region: 'global' };
  const periods = costPeriods(now);
  const results: ResultByTime[] = [];
  const fetchPage = (token: string | undefined) =>
    awsCall('ce:GetCostAndUsage', where, () =>
      clients.costExplorer.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: periods.lastMonthStart, End: periods.tomorrow },
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
          GroupBy: [
            { Type: 'TAG', Key: TAG_ENVIRONMENT },
            { Type: 'DIMENSION', Key: 'SERVICE' },
          ],
          NextPageToken: token,
        }),
        { abortSignal: signal },
      ),
    );
  await paginate(
    fetchPage,
    page => page.NextPageToken,
    page => results.push(...(page.ResultsByTime ?? [])),
  );

  let currency = 'USD';
  let accountMonthToDate = 0;
  const tally = new EnvironmentCostTally();
  const prefix = `${TAG_ENVIRONMENT}$`;
  for (const result of results) {
    const start = result.TimePeriod?.Start ?? '';
    const current = start >= periods.monthStart;
    for (const group of result.Groups ?? []) {
      const [tagKey = '', service = 'Other'] = group.Keys ?? [];
      const { amount, unit } = amountOf(group.Metrics);
      if (unit) currency = unit;
      if (current) accountMonthToDate += amount;
      const environment = tagKey.startsWith(prefix)
        ? tagKey.slice(prefix.length)
        : '';
      if (!environment) continue;
      tally.add(environment, service, amount, current);
    }
  }

  let accountForecast: number | undefined;
  let forecastError: string | undefined;
  if (periods.today < periods.nextMonthStart) {
    try {
      const forecast = await awsCall('ce:GetCostForecast', where, () =>
        clients.costExplorer.send(
          new GetCostForecastCommand({
            TimePeriod: { Start: periods.today, End: periods.nextMonthStart },
            Metric: 'UNBLENDED_COST',
            Granularity: 'MONTHLY',
          }),
          { abortSignal: signal },
        ),
      );
      const rest = Number(forecast.Total?.Amount);
      if (Number.isFinite(rest)) {
        // the forecast covers today to the month end; what is billed so far comes on top
        accountForecast = roundCents(accountMonthToDate + rest);
      }
    } catch (e) {
      forecastError = (e as Error).message;
    }
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
