/**
 * Reading the answers of the AWS Price List Query API (`GetProducts`). Each `PriceList` entry is
 * one product as a JSON document: `product.attributes` describe it, `terms.OnDemand` holds its
 * on-demand price dimensions (`pricePerUnit.USD` as a decimal string).
 */
import { z } from 'zod';

const priceDimensionSchema = z.object({
  unit: z.string(),
  description: z.string().optional(),
  beginRange: z.string().optional(),
  endRange: z.string().optional(),
  pricePerUnit: z.record(z.string(), z.string()),
});

const termSchema = z.object({
  priceDimensions: z.record(z.string(), priceDimensionSchema),
  offerTermCode: z.string().optional(),
  effectiveDate: z.string().optional(),
});

const priceListItemSchema = z.object({
  product: z.object({
    productFamily: z.string().optional(),
    sku: z.string(),
    attributes: z.record(z.string(), z.string()),
  }),
  serviceCode: z.string(),
  terms: z.object({
    OnDemand: z.record(z.string(), termSchema).optional(),
  }),
  publicationDate: z.string().optional(),
});

/** @public One product of a GetProducts answer with its on-demand price. */
export interface PricedProduct {
  sku: string;
  serviceCode: string;
  productFamily?: string;
  attributes: Record<string, string>;
  /** Unit as the Price List spells it: `Hrs`, `GB-Mo`, `GB`, `LCU-Hrs`, ... */
  unit: string;
  usd: number;
  /** The price dimension's own words, e.g. `$0.018 per RDS db.t3.micro Single-AZ instance hour ...`. */
  description?: string;
  publicationDate?: string;
}

/** @public Thrown when an answer of the Price List API is not in the documented shape. */
export class PriceListFormatError extends Error {
  readonly name = 'PriceListFormatError';
}

/**
 * Parses one `PriceList` entry (a JSON string, or an object when the SDK already parsed it).
 * Returns undefined for a product without an on-demand price (reserved-only offers). A product
 * with tiers gives its first tier (`beginRange` 0), the price of the first units used.
 * @public
 */
export function parsePriceListItem(entry: unknown): PricedProduct | undefined {
  let doc: unknown = entry;
  if (typeof entry === 'string') {
    try {
      doc = JSON.parse(entry);
    } catch (e) {
      throw new PriceListFormatError(
        `PriceList entry is not JSON: ${(e as Error).message}`,
      );
    }
  }
  const parsed = priceListItemSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PriceListFormatError(
      `PriceList entry ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  const item = parsed.data;
  const dimensions = Object.values(item.terms.OnDemand ?? {}).flatMap(t =>
    Object.values(t.priceDimensions),
  );
  const usdDimensions = dimensions.filter(
    d => d.pricePerUnit.USD !== undefined,
  );
  if (usdDimensions.length === 0) return undefined;
  const first =
    usdDimensions.find(d => (d.beginRange ?? '0') === '0') ?? usdDimensions[0];
  const usd = Number(first.pricePerUnit.USD);
  if (!Number.isFinite(usd) || usd < 0) {
    throw new PriceListFormatError(
      `PriceList entry ${item.product.sku}: price "${first.pricePerUnit.USD}" is not a number`,
    );
  }
  return {
    sku: item.product.sku,
    serviceCode: item.serviceCode,
    productFamily: item.product.productFamily,
    attributes: item.product.attributes,
    unit: first.unit,
    usd,
    description: first.description,
    publicationDate: item.publicationDate,
  };
}

/** @public Usage types carry a region prefix outside us-east-1 (`APS2-NatGateway-Hours`). */
export function usageTypeName(usagetype: string | undefined): string {
  if (!usagetype) return '';
  const m = usagetype.match(/^[A-Z]{2,4}\d?-(.+)$/);
  return m ? m[1] : usagetype;
}
