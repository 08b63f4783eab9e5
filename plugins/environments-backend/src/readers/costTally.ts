import type { EnvironmentCost } from './types';

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
