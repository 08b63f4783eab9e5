import {
  PricingClient,
  paginateGetProducts,
  type Filter,
} from '@aws-sdk/client-pricing';
import type { ProductFilter } from './mapping';

/** @public Where products come from: the Price List Query API, or recorded answers in tests. */
export interface ProductSource {
  /** Every `PriceList` entry (JSON strings) that GetProducts returns for the filters, all pages. */
  getProducts(
    serviceCode: string,
    filters: ProductFilter[],
  ): Promise<unknown[]>;
}

/**
 * The Price List Query API. It answers in us-east-1 (also eu-central-1 and ap-south-1) for every
 * region's prices; credentials come from the SDK's default chain (environment, profile, SSO, role).
 * @public
 */
export function awsPriceListSource(
  client: PricingClient = new PricingClient({
    region: 'us-east-1',
    customUserAgent: 'terrace-prices-refresh',
  }),
): ProductSource {
  return {
    async getProducts(serviceCode, filters) {
      const entries: unknown[] = [];
      const Filters: Filter[] = filters.map(f => ({
        Type: 'TERM_MATCH',
        Field: f.field,
        Value: f.value,
      }));
      for await (const page of paginateGetProducts(
        { client, pageSize: 100 },
        { ServiceCode: serviceCode, Filters, FormatVersion: 'aws_v1' },
      )) {
        entries.push(...((page.PriceList as unknown[] | undefined) ?? []));
      }
      return entries;
    },
  };
}
