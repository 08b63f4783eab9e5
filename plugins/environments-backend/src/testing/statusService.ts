import { CacheManager } from '@backstage/backend-defaults/cache';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type { Tier } from '@terrace/plugin-environments-common';
import { awsStatusReadersFromConfig } from '../readers/aws';
import type { AwsCallListener } from '../readers/aws/clients';
import { StatusReadersRegistry } from '../readers/registry';
import type { EnvironmentRef } from '../locate/locateEnvironment';
import { createDefaultEnvironmentStatusService } from '../service/defaultFactory';
import { TEST_ROLE_NAME } from './moto';

/**
 * The app-config that points Terrace at moto: static main-account keys, and a role assumed in every
 * other account through moto's STS (AWS_ENDPOINT_URL_STS, the SDK's own setting, points STS at moto).
 */
export function motoAppConfig(
  endpoint: string,
  extra: Record<string, unknown> = {},
) {
  process.env.AWS_ENDPOINT_URL_STS = endpoint;
  return {
    aws: {
      mainAccount: { accessKeyId: 'test', secretAccessKey: 'test' },
      accountDefaults: { roleName: TEST_ROLE_NAME },
    },
    environments: {
      aws: {
        endpoint,
        cloudwatchProtocol: 'query',
        maxAttempts: 2,
        requestTimeoutMs: 10000,
      },
      status: { timeoutSeconds: 15 },
    },
    ...extra,
  };
}

const silentLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/**
 * The default status service, built as the plugin builds it (the AWS readers of the config, which
 * `listener` sees each call of), with a fresh in-memory cache. `bucketSettingsCache`: where the
 * AWS readers keep bucket settings (share one between services to see a later refresh); `now`:
 * their clock.
 */
export function createTestStatusService(options: {
  config: Record<string, unknown>;
  listener?: AwsCallListener;
  bucketSettingsCache?: CacheService;
  now?: () => Date;
}) {
  const config = new ConfigReader(options.config as JsonObject);
  return createDefaultEnvironmentStatusService({
    config,
    cache: CacheManager.fromConfig(new ConfigReader({})).forPlugin(
      'environments',
    ),
    logger: silentLogger,
    readers: new StatusReadersRegistry([
      awsStatusReadersFromConfig(config, {
        listener: options.listener,
        cache: options.bucketSettingsCache,
        now: options.now,
      }),
    ]),
  });
}

/** An EnvironmentRef as locate would produce it from an entity. */
export function environmentRef(
  name: string,
  accountId: string,
  region: string,
  tier: Tier,
): EnvironmentRef {
  return {
    entityRef: `resource:default/${name}`,
    namespace: 'default',
    name,
    cloud: 'aws',
    accountId,
    region,
    tier,
  };
}
