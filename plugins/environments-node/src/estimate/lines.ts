import type { EstimateLine } from '@terrace/plugin-environments-common';
import { MissingPriceError, type PricePoint, type TieredPrice } from './prices';

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

/** A number as the price pages write it: `10,240`, `0.085`. */
function show(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/**
 * How a monthly volume falls into volume tiers: the quantity in each tier used, at its price,
 * and the total. `upTo` tops are cumulative (10,240 then 51,200 for "next 40 TB").
 */
export function splitIntoTiers(
  quantity: number,
  tiers: TieredPrice['tiers'],
): { parts: Array<{ quantity: number; price: number }>; total: number } {
  const parts: Array<{ quantity: number; price: number }> = [];
  let floor = 0;
  for (const tier of tiers) {
    if (quantity <= floor) break;
    const top = tier.upTo ?? Infinity;
    const inTier = Math.min(quantity, top) - floor;
    if (inTier > 0) parts.push({ quantity: inTier, price: tier.price });
    floor = top;
  }
  const total = parts.reduce((sum, p) => sum + p.quantity * p.price, 0);
  return { parts, total };
}

/** `10,240 × 0.085 + 10,240 × 0.08 = 1,689.60` */
export function tierArithmetic(
  parts: Array<{ quantity: number; price: number }>,
  total: number,
): string {
  const sum = parts.map(p => `${show(p.quantity)} × ${show(p.price)}`);
  return `${sum.length > 0 ? sum.join(' + ') : '0'} = ${roundToCent(
    total,
  ).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
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

  /** Reads a tiered price; like {@link LineCollector.price}. */
  tieredPrice(path: string, read: () => TieredPrice): TieredPrice | undefined {
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

  /**
   * Adds a line priced by volume tier: the description ends with the tier arithmetic
   * (`10,240 × 0.085 + 10,240 × 0.08 = 1,689.60`), `unitPrice` is the resulting average per
   * unit and `tiers` lists each tier's quantity and price.
   */
  addTiered(
    line: Omit<
      EstimateLine,
      'monthly' | 'unitPrice' | 'unit' | 'quantity' | 'tiers'
    > & { quantity: number },
    price: TieredPrice | undefined,
  ): void {
    if (!price) return;
    const quantity = cleanQuantity(line.quantity);
    const { parts, total } = splitIntoTiers(quantity, price.tiers);
    this.lines.push({
      component: line.component,
      resource: line.resource,
      // A zero volume still shows the rate it would start at: `0 × 0.085 = 0.00`.
      description: `${line.description}: ${tierArithmetic(
        parts.length > 0
          ? parts
          : [{ quantity: 0, price: price.tiers[0].price }],
        total,
      )}`,
      quantity,
      unit: price.unit,
      unitPrice:
        quantity > 0
          ? Math.round((total / quantity) * 1e6) / 1e6
          : price.tiers[0].price,
      monthly: roundToCent(total),
      tiers: parts.map(p => ({
        quantity: cleanQuantity(p.quantity),
        unitPrice: p.price,
      })),
    });
  }

  retrieved(): string | undefined {
    return this.oldest;
  }
}
