import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type LoggerService,
  type RootConfigService,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { EnvironmentExpiry } from './EnvironmentExpiry';

/** The scheduler's id of the expiry task. */
export const EXPIRY_TASK_ID = 'environments-expiry';

/**
 * Schedules the expiry task (`EnvironmentExpiry.run`) with Backstage's scheduler, as a global
 * task (one replica at a time), unless `environments.expiry.enabled` is false.
 * `environments.expiry.frequency` (default hourly) and `environments.expiry.timeout` (default 10
 * minutes) take what the scheduler's config takes: `{ hours: 1 }`, `'PT1H'`, `{ cron: '0 * * * *' }`.
 * Throws (naming the key) at startup when the frequency cannot be read.
 * Returns whether it was scheduled.
 */
export async function scheduleEnvironmentExpiry(options: {
  config: RootConfigService;
  scheduler: SchedulerService;
  logger: LoggerService;
  expiry: EnvironmentExpiry;
}): Promise<boolean> {
  const { config, scheduler, logger, expiry } = options;
  const settings = config.getOptionalConfig('environments.expiry');
  if (settings?.getOptionalBoolean('enabled') === false) {
    logger.info(
      'Environment expiry is turned off (environments.expiry.enabled)',
    );
    return false;
  }
  let schedule;
  try {
    schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader({
        frequency: settings?.getOptional('frequency') ?? { hours: 1 },
        timeout: settings?.getOptional('timeout') ?? { minutes: 10 },
      }),
    );
  } catch (error) {
    throw new Error(
      `environments.expiry.frequency / timeout: ${(error as Error).message}`,
    );
  }
  await scheduler.scheduleTask({
    id: EXPIRY_TASK_ID,
    ...schedule,
    fn: async () => {
      const result = await expiry.run();
      logger.info('Checked environment expiry', {
        checked: result.checked,
        sent: result.sent.length,
      });
    },
  });
  return true;
}
