import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotConfiguredError } from '../readers/errors';
import type { CacheService } from '@backstage/backend-plugin-api';
import {
  BatchCache,
  batchVersionKey,
  CLAIM_MARGIN_MS,
  refreshClaimKey,
} from './BatchCache';

function batches(
  options: {
    timeoutMs?: number;
    errorTtlMs?: number;
    cache?: CacheService;
  } = {},
) {
  return new BatchCache({
    cache:
      options.cache ??
      CacheManager.fromConfig(new ConfigReader({})).forPlugin('environments'),
    logger: mockServices.logger.mock(),
    timeoutMs: options.timeoutMs ?? 1000,
    errorTtlMs: options.errorTtlMs ?? 50,
  });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('BatchCache', () => {
  it('shares one in-flight refresh between concurrent callers and caches the answer', async () => {
    const cache = batches();
    const load = jest.fn(async () => {
      await sleep(20);
      return { shop: 1 };
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => cache.get('k', 60_000, load)),
    );
    expect(load).toHaveBeenCalledTimes(1);
    expect(answers.every(a => a.status === 'ok' && a.data?.shop === 1)).toBe(
      true,
    );
    await cache.get('k', 60_000, load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('remembers a failure only briefly, then refreshes again', async () => {
    const cache = batches({ errorTtlMs: 1500 });
    const failing = jest.fn(async () => {
      throw new Error('AWS denied x:Y');
    });
    expect(await cache.get('e', 60_000, failing)).toMatchObject({
      status: 'error',
      error: 'AWS denied x:Y',
    });
    await cache.get('e', 60_000, failing);
    expect(failing).toHaveBeenCalledTimes(1);
    await sleep(1700);
    expect(await cache.get('e', 60_000, async () => 'fine')).toMatchObject({
      status: 'ok',
      data: 'fine',
    });
  });

  it('turns a missing configuration into not-configured and a slow refresh into a timeout', async () => {
    const cache = batches({ timeoutMs: 50 });
    expect(
      await cache.get('n', 1000, async () => {
        throw new NotConfiguredError('No AWS credentials for account 1');
      }),
    ).toMatchObject({
      status: 'not-configured',
      error: 'No AWS credentials for account 1',
    });
    let aborted = false;
    const slow = await cache.get('s', 1000, signal => {
      signal.addEventListener('abort', () => {
        aborted = true;
      });
      return sleep(1000);
    });
    expect(slow).toMatchObject({
      status: 'error',
      error: 'the cloud did not answer within 0.1 s',
    });
    expect(aborted).toBe(true);
  });
});

/**
 * One cache store shared by several replicas: each replica gets its own CacheService client of
 * one CacheManager, whose memory store stands in for the production config's Redis here (the
 * production-config test, e2e/production.test.mjs, runs two backends on a real Redis).
 */
function sharedStore() {
  const manager = CacheManager.fromConfig(new ConfigReader({}));
  return () => manager.forPlugin('environments');
}

describe('BatchCache across replicas sharing one cache store', () => {
  it('serves the batch it holds while the shared version stamp names it, and the newer batch once another replica wrote one', async () => {
    const replica = sharedStore();
    const shared = replica();
    const a = batches({ cache: shared });
    const b = batches({ cache: replica() });
    const first = await a.get('k', 60_000, async () => ({ shop: 'first' }));
    const readByB = await b.get('k', 60_000, async () => ({ shop: 'unused' }));
    expect(readByB.data).toEqual({ shop: 'first' });
    // the second read on B is the object it already parsed (no parse of the whole batch again)
    expect(await b.get('k', 60_000, async () => ({ shop: 'unused' }))).toBe(
      readByB,
    );
    // the batch expires and A reads the cloud again: B sees the new one, not its old copy
    await shared.delete('k');
    await shared.delete(batchVersionKey('k'));
    const second = await a.get('k', 60_000, async () => ({ shop: 'second' }));
    expect(second.version).not.toBe(first.version);
    const again = await b.get('k', 60_000, async () => ({ shop: 'unused' }));
    expect(again.data).toEqual({ shop: 'second' });
    expect(again.version).toBe(second.version);
  });

  it('a replica asking while another refreshes waits for that refresh instead of calling the cloud', async () => {
    const replica = sharedStore();
    const a = batches({ cache: replica() });
    const b = batches({ cache: replica() });
    const loadA = jest.fn(async () => {
      await sleep(400);
      return { shop: 'from A' };
    });
    const loadB = jest.fn(async () => ({ shop: 'from B' }));
    const fromA = a.get('k', 60_000, loadA);
    await sleep(150); // A has claimed the key and is calling the cloud
    const fromB = await b.get('k', 60_000, loadB);
    expect(loadB).not.toHaveBeenCalled();
    expect(fromB).toMatchObject({ status: 'ok', data: { shop: 'from A' } });
    expect(await fromA).toEqual(fromB);
    // and later reads on B are served from the shared cache
    await b.get('k', 60_000, loadB);
    expect(loadB).not.toHaveBeenCalled();
    expect(loadA).toHaveBeenCalledTimes(1);
  });

  it('two replicas asking at the same moment make one refresh between them', async () => {
    const replica = sharedStore();
    const replicas = [
      batches({ cache: replica() }),
      batches({ cache: replica() }),
    ];
    const loads = replicas.map(() =>
      jest.fn(async () => {
        await sleep(100);
        return 42;
      }),
    );
    const answers = await Promise.all(
      replicas.flatMap((r, i) =>
        Array.from({ length: 3 }, () => r.get('k', 60_000, loads[i])),
      ),
    );
    expect(loads[0].mock.calls.length + loads[1].mock.calls.length).toBe(1);
    expect(answers.every(x => x.status === 'ok' && x.data === 42)).toBe(true);
    expect(new Set(answers.map(x => x.updatedAt)).size).toBe(1);
  });

  it('a failure seen by one replica is served to the other for its error lifetime', async () => {
    const replica = sharedStore();
    const a = batches({ cache: replica(), errorTtlMs: 60_000 });
    const b = batches({ cache: replica(), errorTtlMs: 60_000 });
    await a.get('e', 60_000, async () => {
      throw new Error('AWS denied tag:GetResources');
    });
    const loadB = jest.fn(async () => 'fine');
    expect(await b.get('e', 60_000, loadB)).toMatchObject({
      status: 'error',
      error: 'AWS denied tag:GetResources',
    });
    expect(loadB).not.toHaveBeenCalled();
  });

  it('a claim left by a replica that stopped mid-refresh holds the others up only until it expires', async () => {
    const replica = sharedStore();
    const cache = replica();
    // replica A wrote its claim, then stopped before answering
    await cache.set(
      refreshClaimKey('k'),
      { claimant: 'replica-a', claimedAt: new Date().toISOString() },
      { ttl: 500 },
    );
    const b = batches({ cache: replica() });
    const load = jest.fn(async () => 'read by B');
    const started = Date.now();
    expect(await b.get('k', 60_000, load)).toMatchObject({
      status: 'ok',
      data: 'read by B',
    });
    expect(load).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(await cache.get(refreshClaimKey('k'))).toBeUndefined();
  });

  it('a claim that never expires in the store is given up after the refresh timeout and its margin', async () => {
    const replica = sharedStore();
    const cache = replica();
    await cache.set(refreshClaimKey('k'), {
      claimant: 'replica-a',
      claimedAt: new Date().toISOString(),
    });
    const b = batches({ cache: replica(), timeoutMs: 200 });
    const started = Date.now();
    expect(await b.get('k', 60_000, async () => 'read by B')).toMatchObject({
      status: 'ok',
      data: 'read by B',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(
      200 + CLAIM_MARGIN_MS - 50,
    );
  });
});
