import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import type { EnvironmentExpiry } from './EnvironmentExpiry';
import {
  EXPIRY_TASK_ID,
  scheduleEnvironmentExpiry,
} from './scheduleEnvironmentExpiry';

describe('scheduleEnvironmentExpiry', () => {
  const expiry = {
    run: jest.fn(async () => ({ checked: 2, sent: [] })),
  } as unknown as EnvironmentExpiry;

  async function schedule(data: JsonObject) {
    const scheduler = mockServices.scheduler.mock();
    const scheduled = await scheduleEnvironmentExpiry({
      config: mockServices.rootConfig({ data }),
      scheduler,
      logger: mockServices.logger.mock(),
      expiry,
    });
    return { scheduled, scheduler };
  }

  it('runs hourly by default, as one global task', async () => {
    const { scheduled, scheduler } = await schedule({});
    expect(scheduled).toBe(true);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: EXPIRY_TASK_ID,
        frequency: { hours: 1 },
        timeout: { minutes: 10 },
      }),
    );
    const { fn } = scheduler.scheduleTask.mock.calls[0][0];
    await fn(new AbortController().signal);
    expect(expiry.run).toHaveBeenCalledTimes(1);
  });

  it('takes environments.expiry.frequency and can be turned off', async () => {
    const { scheduler } = await schedule({
      environments: { expiry: { frequency: { cron: '*/15 * * * *' } } },
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ frequency: { cron: '*/15 * * * *' } }),
    );
    const off = await schedule({
      environments: { expiry: { enabled: false } },
    });
    expect(off.scheduled).toBe(false);
    expect(off.scheduler.scheduleTask).not.toHaveBeenCalled();
  });

  it('names the key of a frequency it cannot read', async () => {
    await expect(
      schedule({ environments: { expiry: { frequency: 'often' } } }),
    ).rejects.toThrow(/^environments\.expiry\.frequency/);
  });
});
