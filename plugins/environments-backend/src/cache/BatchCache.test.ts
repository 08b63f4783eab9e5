import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotConfiguredError } from '../readers/errors';
import { BatchCache } from './BatchCache';

function batches(options: { timeoutMs?: number; errorTtlMs?: number } = {}) {
  return new BatchCache({
    cache: CacheManager.fromConfig(new ConfigReader({})).forPlugin(
      'environments',
    ),
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
