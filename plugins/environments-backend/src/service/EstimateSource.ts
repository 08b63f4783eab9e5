import type {
  CacheService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { CostEstimateSummary } from '@terrace/plugin-environments-common';
import { estimateSpec } from '@terrace/plugin-environments-node';
import { parse as parseYaml } from 'yaml';
import type { EnvironmentRef } from '../locate/locateEnvironment';

/** Where the cost card's estimate comes from. */
export interface EstimateSource {
  getEstimate(
    environment: EnvironmentRef,
  ): Promise<CostEstimateSummary | undefined>;
}

/** The URL of a file of the environment repo at the entity's `backstage.io/source-location`. */
export function repoFileUrl(
  sourceLocation: string | undefined,
  file: 'cost.json' | 'environment.yaml',
): string | undefined {
  if (!sourceLocation) return undefined;
  const location = sourceLocation.replace(/^url:/, '');
  try {
    const base = location.endsWith('/') ? location : `${location}/`;
    return new URL(file, base).toString();
  } catch {
    return undefined;
  }
}

/**
 * Reads the estimate from the environment repo's `cost.json` (written by `terrace generate`) with
 * the backend's UrlReader, at the entity's source location; without one, recomputes it from the
 * repo's `environment.yaml`. Cached, including "no estimate".
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
    const costUrl = repoFileUrl(environment.sourceLocation, 'cost.json');
    const specUrl = repoFileUrl(environment.sourceLocation, 'environment.yaml');
    if (!costUrl || !specUrl) return undefined;
    const key = `terrace:estimate:v1:${costUrl}`;
    const cached = (await this.options.cache.get(key)) as
      | { estimate?: CostEstimateSummary }
      | undefined;
    if (cached) return cached.estimate;
    const estimate =
      (await this.fromCostJson(environment, costUrl)) ??
      (await this.fromSpec(environment, specUrl));
    const entry: JsonObject = estimate ? { estimate: { ...estimate } } : {};
    await this.options.cache.set(key, entry, {
      ttl: this.options.ttlMs,
    });
    return estimate;
  }

  private async read(url: string) {
    const response = await this.options.urlReader.readUrl(url);
    return (await response.buffer()).toString('utf8');
  }

  /** The estimate `terrace generate` wrote into the repo. */
  private async fromCostJson(environment: EnvironmentRef, url: string) {
    try {
      const json = JSON.parse(await this.read(url));
      if (typeof json?.monthly !== 'number') return undefined;
      const estimate: CostEstimateSummary = {
        monthly: json.monthly,
        currency: typeof json.currency === 'string' ? json.currency : 'USD',
      };
      if (typeof json.prices?.retrieved === 'string') {
        estimate.retrieved = json.prices.retrieved;
      }
      return estimate;
    } catch (e) {
      this.options.logger.info('No cost.json for environment', {
        entityRef: environment.entityRef,
        url,
        error: String(e),
      });
      return undefined;
    }
  }

  /** Without a cost.json: the estimate recomputed from the repo's environment.yaml. */
  private async fromSpec(environment: EnvironmentRef, url: string) {
    try {
      const result = estimateSpec(parseYaml(await this.read(url)));
      if (!result.ok) {
        this.options.logger.info('environment.yaml of environment is invalid', {
          entityRef: environment.entityRef,
          url,
          problems: result.problems.length,
        });
        return undefined;
      }
      const estimate: CostEstimateSummary = {
        monthly: result.estimate.monthly,
        currency: result.estimate.currency,
        retrieved: result.estimate.prices.retrieved,
      };
      return estimate;
    } catch (e) {
      this.options.logger.info('No environment.yaml for environment', {
        entityRef: environment.entityRef,
        url,
        error: String(e),
      });
      return undefined;
    }
  }
}
