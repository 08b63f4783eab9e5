import type {
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { CostEstimateSummary } from '@terrace/plugin-environments-common';
import type { EnvironmentRef } from '../locate/locateEnvironment';

/** Where the cost card's estimate comes from. */
export interface EstimateSource {
  getEstimate(
    environment: EnvironmentRef,
  ): Promise<CostEstimateSummary | undefined>;
}

/** The URL of `cost.json` beside the entity's `backstage.io/source-location`, if it has one. */
export function costJsonUrl(
  sourceLocation: string | undefined,
): string | undefined {
  if (!sourceLocation) return undefined;
  const location = sourceLocation.replace(/^url:/, '');
  try {
    const base = location.endsWith('/') ? location : `${location}/`;
    return new URL('cost.json', base).toString();
  } catch {
    return undefined;
  }
}

/**
 * Reads the estimate from the environment repo's `cost.json` (written by `terrace generate`) with
 * the backend's UrlReader, at the entity's source location. Cached, including "no estimate".
 */
export class CostJsonEstimateSource implements EstimateSource {
  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      cache: CacheService;
      logger: LoggerService;
      ttlMs: number;
    },
  ) {}

  async getEstimate(environment: EnvironmentRef) {
    const url = costJsonUrl(environment.sourceLocation);
    if (!url) return undefined;
    const key = `terrace:estimate:v1:${url}`;
    const cached = (await this.options.cache.get(key)) as
      | { estimate?: CostEstimateSummary }
      | undefined;
    if (cached) return cached.estimate;
    let estimate: CostEstimateSummary | undefined;
    try {
      const response = await this.options.urlReader.readUrl(url);
      const json = JSON.parse((await response.buffer()).toString('utf8'));
      if (typeof json?.monthly === 'number') {
        estimate = {
          monthly: json.monthly,
          currency: typeof json.currency === 'string' ? json.currency : 'USD',
        };
        if (typeof json.prices?.retrieved === 'string') {
          estimate.retrieved = json.prices.retrieved;
        }
      }
    } catch (e) {
      this.options.logger.info('No estimate for environment', {
        entityRef: environment.entityRef,
        url,
        error: String(e),
      });
    }
    const entry: JsonObject = estimate ? { estimate: { ...estimate } } : {};
    await this.options.cache.set(key, entry, {
      ttl: this.options.ttlMs,
    });
    return estimate;
  }
}
