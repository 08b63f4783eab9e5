import {
  coreServices,
  createServiceFactory,
  type CacheService,
  type LoggerService,
  type ServiceRef,
  type UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { BatchCache } from '../cache/BatchCache';
import {
  DefaultEnvironmentStatusService,
  type SectionTtls,
} from './DefaultEnvironmentStatusService';
import { statusReadersRegistryServiceRef } from '../readers/registry';
import type { StatusReadersLookup } from '../readers/types';
import type { EnvironmentStatusService } from './types';
import { CostJsonEstimateSource } from './EstimateSource';

const MINUTE = 60_000;

/** Settings read from `environments.status` (see config.d.ts). */
export interface StatusSettings {
  ttls: SectionTtls;
  errorTtlMs: number;
  estimateTtlMs: number;
  timeoutMs: number;
}

/** Reads `environments.status`; cost is cached at least 6 h (each call to a billing API is billed). */
export function readStatusSettings(config: Config): StatusSettings {
  const status = config.getOptionalConfig('environments.status');
  const ttl = status?.getOptionalConfig('cacheTtlMinutes');
  const minutes = (key: string, fallback: number) =>
    (ttl?.getOptionalNumber(key) ?? fallback) * MINUTE;
  return {
    ttls: {
      resources: minutes('resources', 5),
      alarms: minutes('alarms', 1),
      backups: minutes('backups', 15),
      cost: Math.max(minutes('cost', 360), 360 * MINUTE),
    },
    errorTtlMs: minutes('errors', 1),
    estimateTtlMs: minutes('estimate', 60),
    timeoutMs: (status?.getOptionalNumber('timeoutSeconds') ?? 10) * 1000,
  };
}

/**
 * Builds the default status service from config, core services and the readers of each cloud
 * (the plugin passes its registry, `statusReadersRegistryServiceRef`).
 */
export function createDefaultEnvironmentStatusService(options: {
  config: Config;
  cache: CacheService;
  logger: LoggerService;
  urlReader?: UrlReaderService;
  readers: StatusReadersLookup;
  now?: () => Date;
}): EnvironmentStatusService {
  const settings = readStatusSettings(options.config);
  return new DefaultEnvironmentStatusService({
    readers: options.readers,
    batches: new BatchCache({
      cache: options.cache,
      logger: options.logger,
      timeoutMs: settings.timeoutMs,
      errorTtlMs: settings.errorTtlMs,
    }),
    ttls: settings.ttls,
    estimates: options.urlReader
      ? new CostJsonEstimateSource({
          urlReader: options.urlReader,
          cache: options.cache,
          logger: options.logger,
          ttlMs: settings.estimateTtlMs,
        })
      : undefined,
    logger: options.logger,
    now: options.now,
  });
}

export function defaultEnvironmentStatusServiceFactory(
  service: ServiceRef<EnvironmentStatusService, 'plugin', 'singleton'>,
) {
  return createServiceFactory({
    service,
    deps: {
      config: coreServices.rootConfig,
      cache: coreServices.cache,
      logger: coreServices.logger,
      urlReader: coreServices.urlReader,
      readers: statusReadersRegistryServiceRef,
    },
    factory: deps => createDefaultEnvironmentStatusService(deps),
  });
}
