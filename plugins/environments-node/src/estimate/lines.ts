import type { EstimateLine } from '@terrace/plugin-environments-common';
import { MissingPriceError, type PricePoint } from './prices';

/** Hours in a billing month, as AWS's own calculator counts them. */
export const HOURS_PER_MONTH = 730;

/** Rounds an amount of money to the cent (half away from zero). */
export function roundToCent(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}

/** Keeps quantities readable: at most 4 decimals, no float noise (730 * 0.1 = 73). */
export function cleanQuantity(quantity: number): number {
  return Math.round(quantity * 10000) / 10000;
}

/** One problem found while pricing, with the spec field it comes from. */
export interface PricingProblem {
  path: string;
  message: string;
}

/**
 * Collects the lines of an estimate, the oldest retrieval date of the prices used, and the
 * prices that are missing (reported together, never priced as zero).
 */
export class LineCollector {
  readonly lines: EstimateLine[] = [];
  readonly problems: PricingProblem[] = [];
  private oldest: string | undefined;

  /**
   * Reads a price; on a missing price records a problem at `path` and returns undefined, so that
   * every missing price is reported in one pass.
   */
  price(path: string, read: () => PricePoint): PricePoint | undefined {
    try {
      const p = read();
      if (!this.oldest || p.retrieved < this.oldest) this.oldest = p.retrieved;
      return p;
    } catch (e) {
      if (e instanceof MissingPriceError) {
        this.problems.push({ path, message: e.message });
        return undefined;
      }
      throw e;
    }
  }

  add(
    line: Omit<EstimateLine, 'monthly' | 'unitPrice' | 'unit' | 'quantity'> & {
      quantity: number;
    },
    price: PricePoint | undefined,
  ): void {
    if (!price) return;
    const quantity = cleanQuantity(line.quantity);
    this.lines.push({
      component: line.component,
      resource: line.resource,
      description: line.description,
      quantity,
      unit: price.unit,
      unitPrice: price.usd,
      monthly: roundToCent(quantity * price.usd),
    });
  }

  retrieved(): string | undefined {
    return this.oldest;
  }
}
