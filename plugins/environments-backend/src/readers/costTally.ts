import type { EnvironmentCost } from './types';

function ymd(date: Date) {
  return date.toISOString().slice(0, 10);
}

/**
 * The periods a cost refresh asks for, in UTC, as `YYYY-MM-DD`: last month's and this month's
 * first day, next month's first day, today and tomorrow (Cost Explorer's end dates are
 * exclusive). Used by the AWS and Google Cloud cost readers.
 */
export function costPeriods(now: Date) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = new Date(Date.UTC(y, m, now.getUTCDate()));
  const tomorrow = new Date(today.getTime() + 86_400_000);
  return {
    lastMonthStart: ymd(new Date(Date.UTC(y, m - 1, 1))),
    monthStart: ymd(new Date(Date.UTC(y, m, 1))),
    nextMonthStart: ymd(new Date(Date.UTC(y, m + 1, 1))),
    today: ymd(today),
    tomorrow: ymd(tomorrow),
  };
}

/** Rounds an amount to cents (every amount of a cost section is shown in cents). */
export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Splits one account's bill by environment, for every cloud's cost reader: each row of the
 * cloud's answer that carries an environment (tag or label) is added once, with its service and
 * whether it falls in the current month; `byEnvironment()` gives month to date, last month and
 * month to date by service (largest first, zero lines left out), all rounded to cents only at
 * the end so the sums do not drift.
 */
export class EnvironmentCostTally {
  private readonly costs: Record<string, EnvironmentCost> = {};
  private readonly services: Record<string, Record<string, number>> = {};

  /** Adds `amount` (the bill's currency) of `service` to `environment`, this month or last. */
  add(
    environment: string,
    service: string,
    amount: number,
    currentMonth: boolean,
  ): void {
    const cost = (this.costs[environment] ??= {
      monthToDate: 0,
      lastMonth: 0,
      byService: [],
    });
    if (currentMonth) {
      cost.monthToDate += amount;
      const perService = (this.services[environment] ??= {});
      perService[service] = (perService[service] ?? 0) + amount;
    } else {
      cost.lastMonth += amount;
    }
  }

  /** True once any row carried an environment: the bill can be split per environment. */
  get tagActive(): boolean {
    return Object.keys(this.costs).length > 0;
  }

  /** The rounded costs by environment name. */
  byEnvironment(): Record<string, EnvironmentCost> {
    const result: Record<string, EnvironmentCost> = {};
    for (const [environment, cost] of Object.entries(this.costs)) {
      result[environment] = {
        monthToDate: roundCents(cost.monthToDate),
        lastMonth: roundCents(cost.lastMonth),
        byService: Object.entries(this.services[environment] ?? {})
          .map(([service, amount]) => ({ service, amount: roundCents(amount) }))
          .filter(s => s.amount !== 0)
          .sort(
            (a, b) => b.amount - a.amount || a.service.localeCompare(b.service),
          ),
      };
    }
    return result;
  }
}
