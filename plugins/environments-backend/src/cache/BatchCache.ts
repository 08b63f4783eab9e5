import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import { NotConfiguredError } from '../readers/errors';

/** The outcome of one refresh of one (account, region, section): data for every environment in it. */
export interface Batch<T> {
  status: 'ok' | 'error' | 'not-configured';
  error?: string;
  /** ISO-8601 time the data was read from the cloud (or the failure seen). */
  updatedAt: string;
  data?: T;
  /**
   * Names this refresh (a random id): the same id is written under {@link batchVersionKey}, so a
   * reader that already holds this batch in memory need not read and parse it again.
   */
  version?: string;
}

export interface BatchCacheOptions {
  cache: CacheService;
  logger: LoggerService;
  /** A refresh that takes longer fails with a timeout error (only its section). */
  timeoutMs: number;
  /** How long a failed refresh is remembered, so a failing service is not hammered. */
  errorTtlMs: number;
  /**
   * How often a replica waiting for another replica's refresh looks for its answer in the cache,
   * in milliseconds. Default 100.
   */
  pollMs?: number;
  /**
   * How long a replica waits after writing its claim before reading it back to see whether it
   * won (see {@link BatchCache}), in milliseconds. Default 50.
   */
  claimSettleMs?: number;
}

/**
 * The marker a replica leaves in the shared cache while it refreshes a key (under
 * {@link refreshClaimKey}). It expires on its own `timeoutMs` + {@link CLAIM_MARGIN_MS} after it
 * was written, so a replica that stops mid-refresh holds the others up no longer than that.
 */
export interface RefreshClaim {
  /** Names the refresh: a random id per refresh, unique across replicas. */
  claimant: string;
  /** ISO-8601 time the claim was written. */
  claimedAt: string;
}

/** How much longer than a refresh's timeout its claim lives: writing the answer, clock jitter. */
export const CLAIM_MARGIN_MS = 2_000;

/** The cache key of the claim on `key`'s refresh (`#` never occurs in a batch key). */
export function refreshClaimKey(key: string): string {
  return `${key}#refreshing`;
}

/**
 * The cache key of the small stamp naming the version of the batch under `key` (`#` never occurs
 * in a batch key). Reading it costs one small cache read instead of parsing the whole batch: a
 * place's answer for 1,000 environments is megabytes of JSON, which every store (the in-memory
 * one too) serializes.
 */
export function batchVersionKey(key: string): string {
  return `${key}#version`;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Caches refreshes by key in the backend's CacheService and shares one refresh between every
 * concurrent request for the same key — within this backend and across replicas that share the
 * cache store (Redis in the production config). A refresh is bounded by a timeout and its failure
 * is captured as an `error` (or `not-configured`) batch, cached briefly like an answer: it never
 * throws to the caller.
 *
 * Across replicas (the cache offers get/set/delete, no atomic set-if-absent), a replica that
 * finds no batch and no claim writes a {@link RefreshClaim} under {@link refreshClaimKey}, waits
 * `claimSettleMs`, and reads the claim back: only if it is still its own does it call the cloud.
 * A replica that finds another's claim polls the cache every `pollMs` until the batch appears (and
 * serves it), or the claim is gone without a batch (the claimant stopped): then it claims the key
 * itself. Of two replicas that claim at once, the later write wins and the earlier one waits.
 *
 * Race window, and why it is acceptable: both replicas refresh only when the second one read "no
 * claim" before the first one's claim landed, yet wrote its own claim more than `claimSettleMs`
 * later (the first had already read its claim back and gone ahead). On Redis a read and a write
 * take about a millisecond, so that takes an event loop stalled for longer than `claimSettleMs`
 * (50 ms) between them. The cost of losing the race is one duplicate refresh — the same read-only
 * calls once more, both answers equal — never a wrong or missing answer. An atomic lock would close
 * it: Backstage's SchedulerService locks (in the database) only run scheduled tasks one at a time
 * and cannot guard an on-demand read, and a lock table of our own would add a database to this
 * plugin and a round trip to PostgreSQL to every cold read; neither is worth one rare duplicate.
 */
export class BatchCache {
  private readonly inFlight = new Map<string, Promise<Batch<unknown>>>();
  /** The last batch this process read or wrote per key, by its version (never mutated). */
  private readonly kept = new Map<string, Batch<unknown>>();
  private readonly pollMs: number;
  private readonly claimSettleMs: number;

  constructor(private readonly options: BatchCacheOptions) {
    this.pollMs = options.pollMs ?? 100;
    this.claimSettleMs = options.claimSettleMs ?? 50;
  }

  /**
   * The batch under `key`: from the cache, from a refresh already running (here or on another
   * replica), or by calling `load` (bounded by `timeoutMs`) and caching its outcome for `ttlMs`
   * (a failure for at most `errorTtlMs`).
   */
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
    const claimKey = refreshClaimKey(key);
    // a claim waited out for its whole lifetime (a store that did not expire it) is ignored
    let outlived: string | undefined;
    for (;;) {
      const cached = await this.readBatch<T>(key);
      if (cached) return cached;
      const other = await this.read<RefreshClaim>(claimKey);
      if (other && other.claimant !== outlived) {
        const answered = await this.waitForClaimant<T>(key, other);
        if (answered) return answered;
        // the claimant stopped without an answer: claim the key ourselves
        outlived = other.claimant;
        continue;
      }
      const mine: RefreshClaim = {
        claimant: randomUUID(),
        claimedAt: new Date().toISOString(),
      };
      await this.write(
        claimKey,
        mine,
        this.options.timeoutMs + CLAIM_MARGIN_MS,
      );
      await sleep(this.claimSettleMs);
      const winner = await this.read<RefreshClaim>(claimKey);
      if (winner && winner.claimant !== mine.claimant) {
        // another replica claimed it at the same moment and its write came last: it refreshes
        continue;
      }
      const batch = await this.refresh(key, load);
      const ttl =
        batch.status === 'ok'
          ? ttlMs
          : Math.min(ttlMs, this.options.errorTtlMs);
      await this.write(key, batch, ttl);
      // written after the batch and with its lifetime, so a stamp never names a batch not there
      await this.write(batchVersionKey(key), { version: batch.version }, ttl);
      this.kept.set(key, batch);
      await this.remove(claimKey);
      return batch;
    }
  }

  /**
   * Polls the cache until the batch another replica is refreshing appears (returned), or its
   * claim is gone or has outlived its lifetime without one (undefined).
   */
  private async waitForClaimant<T>(
    key: string,
    claim: RefreshClaim,
  ): Promise<Batch<T> | undefined> {
    const claimKey = refreshClaimKey(key);
    // the claim expires in the store by then; bounded here too, should a store not expire it
    const deadline = Date.now() + this.options.timeoutMs + CLAIM_MARGIN_MS;
    this.options.logger.debug('Waiting for another refresh of the status', {
      key,
      claimant: claim.claimant,
      claimedAt: claim.claimedAt,
    });
    for (;;) {
      await sleep(this.pollMs);
      const batch = await this.readBatch<T>(key);
      if (batch) return batch;
      const current = await this.read<RefreshClaim>(claimKey);
      if (!current || current.claimant !== claim.claimant) return undefined;
      if (Date.now() > deadline) return undefined;
    }
  }

  /**
   * The batch under `key`: the copy this process holds when the cache's version stamp still
   * names it (one small read), otherwise read and parsed from the cache (and kept when stamped).
   */
  private async readBatch<T>(key: string): Promise<Batch<T> | undefined> {
    const stamp = await this.read<{ version?: string }>(batchVersionKey(key));
    const kept = this.kept.get(key);
    if (stamp?.version && kept?.version === stamp.version) {
      return kept as Batch<T>;
    }
    this.kept.delete(key);
    const batch = await this.read<Batch<T>>(key);
    if (batch?.version && batch.version === stamp?.version) {
      this.kept.set(key, batch);
    }
    return batch;
  }

  private async read<V>(key: string): Promise<V | undefined> {
    try {
      const value = await this.options.cache.get<JsonValue>(key);
      return (value ?? undefined) as V | undefined;
    } catch (e) {
      this.options.logger.warn('Status cache read failed', {
        key,
        error: String(e),
      });
      return undefined;
    }
  }

  private async write(key: string, value: object, ttl: number) {
    try {
      await this.options.cache.set(key, value as unknown as JsonValue, { ttl });
    } catch (e) {
      this.options.logger.warn('Status cache write failed', {
        key,
        error: String(e),
      });
    }
  }

  private async remove(key: string) {
    try {
      await this.options.cache.delete(key);
    } catch (e) {
      this.options.logger.warn('Status cache write failed', {
        key,
        error: String(e),
      });
    }
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
      return {
        status: 'ok',
        updatedAt: new Date().toISOString(),
        data,
        version: randomUUID(),
      };
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
        version: randomUUID(),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
