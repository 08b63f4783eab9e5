import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type AuthService,
  type LoggerService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConfigReader, type Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ENVIRONMENT_ENTITY_TYPE } from '@terrace/plugin-environments-common';
import type { DriftChecker } from './DriftChecker';

/** The scheduler's id of the drift task. */
export const DRIFT_TASK_ID = 'environments-drift-check';

/**
 * `environments.drift`: whether the scheduled drift check runs (`enabled`, default false) and
 * how often (`frequency`: a cron `{ cron: '0 *\/6 * * *' }`, an ISO duration or a HumanDuration
 * such as `{ hours: 6 }`; default every 6 hours), with `timeout` for one round over every
 * environment (default 2 hours). Errors: throws naming the key when a value cannot be read.
 */
export function readDriftSchedule(config: Config): {
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
} {
  const drift = config.getOptionalConfig('environments.drift');
  const enabled = drift?.getOptionalBoolean('enabled') ?? false;
  try {
    const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader({
        frequency: drift?.getOptional('frequency') ?? { hours: 6 },
        timeout: drift?.getOptional('timeout') ?? { hours: 2 },
      }),
    );
    return { enabled, schedule: { ...schedule, scope: 'global' } };
  } catch (e) {
    throw new Error(
      `environments.drift: ${
        (e as Error).message
      } (frequency: e.g. { hours: 6 } or { cron: '0 */6 * * *' })`,
    );
  }
}

/**
 * Schedules the drift check of every environment entity in the catalog (one worker at a time
 * across replicas: scope `global`) when `environments.drift.enabled` is true. Resolves once the
 * task is scheduled (or not, when disabled), with whether it was.
 */
export async function scheduleDriftChecks(options: {
  config: Config;
  scheduler: SchedulerService;
  catalog: CatalogService;
  auth: AuthService;
  checker: DriftChecker;
  logger: LoggerService;
}): Promise<boolean> {
  const { enabled, schedule } = readDriftSchedule(options.config);
  if (!enabled) {
    options.logger.info(
      'Drift checks are off (environments.drift.enabled is not true)',
    );
    return false;
  }
  await options.scheduler.scheduleTask({
    id: DRIFT_TASK_ID,
    ...schedule,
    fn: async (signal?: AbortSignal) => {
      const { items } = await options.catalog.getEntities(
        {
          filter: { kind: 'Resource', 'spec.type': ENVIRONMENT_ENTITY_TYPE },
        },
        { credentials: await options.auth.getOwnServiceCredentials() },
      );
      const counts = await options.checker.checkAll(items, signal);
      options.logger.info('Drift check of every environment done', counts);
    },
  });
  return true;
}
