import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import { NotConfiguredError } from '../readers/errors';

/** The outcome of one refresh of one (account, region, section): data for every environment in it. */
export interface Batch<T> {
  status: 'ok' | 'error' | 'not-configured';
  error?: string;
  /** ISO-8601 time the data was read from the cloud (or the failure seen). */
  updatedAt: string;
  data?: T;
}

export interface BatchCacheOptions {
  cache: CacheService;
  logger: LoggerService;
  /** A refresh that takes longer fails with a timeout error (only its section). */
  timeoutMs: number;
  /** How long a failed refresh is remembered, so a failing service is not hammered. */
  errorTtlMs: number;
}

/**
 * Caches refreshes by key in the backend's CacheService and shares one in-flight refresh between
 * every concurrent request for the same key. A refresh is bounded by a timeout and its failure is
 * captured as an `error` (or `not-configured`) batch: it never throws to the caller.
 */
export class BatchCache {
  private readonly inFlight = new Map<string, Promise<Batch<unknown>>>();

  constructor(private readonly options: BatchCacheOptions) {}

  async get<T>(
    key: string,
    ttlMs: number,
    load: (signal: AbortSignal) => Promise<T>,
  ): Promise<Batch<T>> {
    const running = this.inFlight.get(key);
    if (running) {
      return running as Promise<Batch<T>>;
    }
    const promise = this.lookup(key, ttlMs, load);
    this.inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async lookup<T>(
    key: string,
    ttlMs: number,
    load: (signal: AbortSignal) => Promise<T>,
  ): Promise<Batch<T>> {
    try {
      const cached = await this.options.cache.get<JsonValue>(key);
      if (cached) {
        return cached as unknown as Batch<T>;
      }
    } catch (e) {
      this.options.logger.warn('Status cache read failed', {
        key,
        error: String(e),
      });
    }
    const batch = await this.refresh(key, load);
    try {
      await this.options.cache.set(key, batch as unknown as JsonValue, {
        ttl:
          batch.status === 'ok'
            ? ttlMs
            : Math.min(ttlMs, this.options.errorTtlMs),
      });
    } catch (e) {
      this.options.logger.warn('Status cache write failed', {
        key,
        error: String(e),
      });
    }
    return batch;
  }

  private async refresh<T>(
    key: string,
    load: (signal: AbortSignal) => Promise<T>,
  ): Promise<Batch<T>> {
    const controller = new AbortController();
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new Error(
            `the cloud did not answer within ${
              Math.round(this.options.timeoutMs / 100) / 10
            } s`,
          ),
        );
      }, this.options.timeoutMs);
    });
    try {
      const data = await Promise.race([load(controller.signal), timeout]);
      this.options.logger.debug('Refreshed status', {
        key,
        durationMs: Date.now() - started,
      });
      return { status: 'ok', updatedAt: new Date().toISOString(), data };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const notConfigured = e instanceof NotConfiguredError;
      this.options.logger.warn('Status refresh failed', {
        key,
        durationMs: Date.now() - started,
        error,
      });
      return {
        status: notConfigured ? 'not-configured' : 'error',
        error,
        updatedAt: new Date().toISOString(),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
