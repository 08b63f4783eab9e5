import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { EnvironmentRef } from '../locate/locateEnvironment';
import { createDefaultEnvironmentStatusService } from './defaultFactory';
import {
  answerWithFixtures,
  AzureArmStub,
  AZURE_PATHS,
  TEST_SUBSCRIPTION,
  testAzureCredential,
} from '../testing/azureArm';
import { StatusReadersRegistry } from '../readers/registry';
import { azureStatusReadersFromConfig } from '../readers/azure';

const OTHER_SUBSCRIPTION = '7d3f1a2b-4c5e-4f60-8a9b-0c1d2e3f4a5b';
const subscriptions = [TEST_SUBSCRIPTION, OTHER_SUBSCRIPTION];
const regions = ['westeurope', 'eastus'];

/** `n` Azure environments over 2 subscriptions x 2 regions; the first is the fixtures' shop-staging. */
function environments(n: number): EnvironmentRef[] {
  return Array.from({ length: n }, (_, i) => {
    const name = i === 0 ? 'shop-staging' : `env-${i}`;
    return {
      entityRef: `resource:default/${name}`,
      namespace: 'default',
      name,
      cloud: 'azure',
      accountId: subscriptions[i % 2],
      region: regions[Math.floor(i / 2) % 2],
      tier: 'staging',
    };
  });
}

describe('Azure calls per refresh do not grow with the number of environments', () => {
  let stub: AzureArmStub;

  beforeAll(async () => {
    stub = await AzureArmStub.start();
    answerWithFixtures(stub, '2026-12-01');
  });

  afterAll(() => stub.close());

  /** The overview of `n` environments through the default status service; the calls by API. */
  async function overview(n: number) {
    stub.requests.length = 0;
    const config = new ConfigReader({
      environments: {
        azure: {
          endpoint: stub.endpoint,
          subscriptions: subscriptions.map(subscriptionId => ({
            subscriptionId,
          })),
          maxRetries: 1,
          retryDelayMs: 10,
        },
      },
    });
    const service = createDefaultEnvironmentStatusService({
      config,
      cache: CacheManager.fromConfig(new ConfigReader({})).forPlugin(
        'environments',
      ),
      logger: mockServices.logger.mock(),
      readers: new StatusReadersRegistry([
        azureStatusReadersFromConfig(config, {
          credential: testAzureCredential,
        }),
      ]),
      now: () => new Date('2026-12-01T10:00:00Z'),
    });
    const items = await service.getOverview(environments(n));
    const calls: Record<string, number> = {};
    for (const [api, path] of Object.entries(AZURE_PATHS)) {
      calls[api] = stub.seen(path).length;
    }
    return { items, calls, total: stub.requests.length };
  }

  it('the overview of 1,000 environments across 2 subscriptions x 2 regions makes the same calls as for 10', async () => {
    const small = await overview(10);
    const large = await overview(1000);
    expect(small.items).toHaveLength(10);
    expect(large.items).toHaveLength(1000);
    expect(large.calls).toEqual(small.calls);
    expect(large.total).toBe(small.total);
    // per subscription, whatever its regions: one Resource Graph query (2 pages), the alert rules,
    // the fired alerts, two cost queries and a forecast; backups per server and storage account
    expect(large.calls).toEqual({
      resourceGraph: 4,
      metricAlerts: 2,
      alerts: 2,
      postgresServer: 4,
      postgresBackups: 4,
      blobServices: 2,
      managementPolicies: 2,
      costQuery: 4,
      costForecast: 2,
    });
    const shop = large.items.find(i => i.name === 'shop-staging')!;
    expect(shop.alarms).toMatchObject({ status: 'ok', alarm: 1, ok: 1 });
    expect(shop.backups.status).toBe('ok');
    expect(large.items.find(i => i.name === 'env-999')!.alarms).toMatchObject({
      status: 'ok',
      alarm: 0,
    });
  });
});
