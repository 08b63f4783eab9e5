import fs from 'node:fs';
import path from 'node:path';
import type { ProductFilter } from '../mapping';
import type { ProductSource } from '../source';

/**
 * GetProducts answers recorded as files (`__fixtures__/getProducts-<ServiceCode>.json`), filtered
 * the way the API filters: TERM_MATCH on a product attribute or on `productFamily`.
 */
export function recordedSource(): ProductSource & { calls: number } {
  const dir = path.join(__dirname, '..', '__fixtures__');
  const source = {
    calls: 0,
    async getProducts(serviceCode: string, filters: ProductFilter[]) {
      source.calls += 1;
      const file = path.join(dir, `getProducts-${serviceCode}.json`);
      if (!fs.existsSync(file)) return [];
      const answer = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        PriceList: string[];
      };
      return answer.PriceList.filter(entry => {
        const { product } = JSON.parse(entry);
        return filters.every(f =>
          f.field === 'productFamily'
            ? product.productFamily === f.value
            : product.attributes[f.field] === f.value,
        );
      });
    },
  };
  return source;
}
