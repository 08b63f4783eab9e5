import { ConfigReader } from '@backstage/config';
import { NotConfiguredError, SectionReadError } from '../errors';
import type { StatusReaders } from '../types';
import {
  answerWithFixtures,
  AzureArmStub,
  azureFixture,
  AZURE_PATHS,
  TEST_AZURE_TOKEN,
  TEST_SUBSCRIPTION,
  testAzureCredential,
} from '../../testing/azureArm';
import { azureStatusReadersFromConfig, readAzureClientSettings } from './index';

const NOW = new Date('2026-12-01T10:00:00Z');
const place = { accountId: TEST_SUBSCRIPTION, region: 'westeurope' };

function config(endpoint: string, extra: Record<string, unknown> = {}) {
  return new ConfigReader({
    environments: {
      azure: {
        endpoint,
        subscriptions: [{ subscriptionId: TEST_SUBSCRIPTION, title: 'Shop' }],
        maxRetries: 2,
        retryDelayMs: 10,
        requestTimeoutMs: 5000,
        ...extra,
      },
    },
  });
}

describe('Azure status readers against a local Azure Resource Manager', () => {
  let stub: AzureArmStub;
  let readers: StatusReaders;

  beforeEach(async () => {
    stub = await AzureArmStub.start();
    answerWithFixtures(stub, '2026-12-01');
    readers = azureStatusReadersFromConfig(config(stub.endpoint), {
      credential: testAzureCredential,
    });
  });

  afterEach(() => stub.close());

  it('reads resources with one Resource Graph query, paged by $skipToken, sending the token', async () => {
    const resources = await readers.readResources(place);
    expect(resources['shop-staging']).toEqual([
      expect.objectContaining({
        type: 'Microsoft.App/containerApps',
        category: 'service',
        name: 'ca-shop-staging-api',
        component: 'api',
      }),
      expect.objectContaining({
        type: 'Microsoft.DBforPostgreSQL/flexibleServers',
        category: 'database',
        name: 'psql-shop-staging-db-3f9a1c',
        component: 'db',
        consoleUrl: expect.stringMatching(
          /^https:\/\/portal\.azure\.com\/#resource\/subscriptions\/.*\/psql-shop-staging-db-3f9a1c\/overview$/,
        ),
      }),
      expect.objectContaining({
        type: 'Microsoft.Insights/metricAlerts',
        category: 'monitoring',
        component: 'db',
      }),
      expect.objectContaining({
        type: 'Microsoft.Storage/storageAccounts',
        category: 'bucket',
        name: 'stshopstaging3f9a1c',
        component: 'shared',
      }),
    ]);
    expect(resources.shop.map(r => r.name)).toEqual(['psql-shop-db-81b2e0']);

    const calls = stub.seen(AZURE_PATHS.resourceGraph);
    expect(calls).toHaveLength(2);
    expect(calls[0].query.get('api-version')).toBe('2022-10-01');
    expect(calls[0].authorization).toBe(`Bearer ${TEST_AZURE_TOKEN}`);
    expect(calls[0].body).toMatchObject({
      subscriptions: [TEST_SUBSCRIPTION],
      options: { resultFormat: 'objectArray' },
    });
    expect(calls[0].body.query).toContain("tags['terrace:environment']");
    expect(calls[0].body.options.$skipToken).toBeUndefined();
    expect(calls[1].body.options.$skipToken).toBe(
      azureFixture('resourceGraph.page1').$skipToken,
    );
  });

  it('shows a metric alert with a fired instance as ALARM, attributed by its tags', async () => {
    const alarms = await readers.readAlarms(place);
    expect(alarms['shop-staging']).toEqual([
      expect.objectContaining({
        name: 'shop-staging.db.cpu-high',
        component: 'db',
        check: 'cpu-high',
        state: 'ALARM',
        reason: expect.stringContaining('psql-shop-staging-db-3f9a1c'),
        updatedAt: '2026-12-01T08:50:00.000Z',
        metric: 'cpu_percent',
        threshold: 80,
        comparison: 'GreaterThan',
        signal: 'cpu',
        direction: 'above',
      }),
      expect.objectContaining({
        name: 'shop-staging.db.free-storage-low',
        check: 'free-storage-low',
        state: 'OK',
        signal: 'free-storage',
        direction: 'below',
      }),
    ]);
    expect(alarms.shop).toEqual([
      expect.objectContaining({
        name: 'shop.db.cpu-high',
        state: 'INSUFFICIENT_DATA',
        reason: expect.stringContaining('disabled'),
      }),
    ]);
    // an alert rule Terrace did not create is nobody's
    expect(Object.keys(alarms).sort()).toEqual(['shop', 'shop-staging']);
    const [fired] = stub.seen(AZURE_PATHS.alerts);
    expect(fired.query.get('monitorCondition')).toBe('Fired');
    expect(
      stub.seen(AZURE_PATHS.metricAlerts)[0].query.get('api-version'),
    ).toBe('2018-03-01');
  });

  it('reads flexible server backups and blob versioning and lifecycle per environment', async () => {
    const resources = await readers.readResources(place);
    const backups = await readers.readBackups(place, resources);
    expect(backups['shop-staging']).toEqual([
      {
        component: 'db',
        kind: 'postgres',
        resource: 'psql-shop-staging-db-3f9a1c',
        retentionDays: 7,
        latestAutomatedSnapshotAt: '2026-12-01T02:30:22.123Z',
        latestManualSnapshotAt: '2026-11-29T18:30:22.123Z',
        snapshotCount: 3,
      },
      {
        component: 'shared',
        kind: 'bucket',
        resource: 'stshopstaging3f9a1c',
        versioning: true,
        lifecycle: true,
      },
    ]);
    expect(backups.shop).toEqual([
      expect.objectContaining({
        resource: 'psql-shop-db-81b2e0',
        retentionDays: 1,
        snapshotCount: 0,
      }),
    ]);
  });

  it('reads a storage account without a lifecycle policy (404) as lifecycle off', async () => {
    stub.on('GET', AZURE_PATHS.managementPolicies, {
      status: 404,
      body: azureFixture('managementPolicies.notFound'),
    });
    const resources = await readers.readResources(place);
    const backups = await readers.readBackups(place, resources);
    expect(backups['shop-staging']).toContainEqual(
      expect.objectContaining({ kind: 'bucket', lifecycle: false }),
    );
  });

  it('reads the bill grouped by the environment tag and service, with the forecast', async () => {
    const cost = await readers.readCost(TEST_SUBSCRIPTION, NOW);
    expect(cost).toEqual({
      currency: 'EUR',
      tagActive: true,
      accountMonthToDate: 6.29,
      accountForecast: 280.54,
      forecastError: undefined,
      monthStart: '2026-12-01',
      nextMonthStart: '2027-01-01',
      byEnvironment: {
        'shop-staging': {
          monthToDate: 0.89,
          lastMonth: 9.99,
          byService: [
            { service: 'Azure Database for PostgreSQL', amount: 0.73 },
            { service: 'Storage', amount: 0.12 },
            { service: 'Azure Container Apps', amount: 0.04 },
          ],
        },
        shop: {
          monthToDate: 1.9,
          lastMonth: 0,
          byService: [
            { service: 'Azure Database for PostgreSQL', amount: 1.9 },
          ],
        },
      },
    });
    const queries = stub.seen(AZURE_PATHS.costQuery);
    expect(queries).toHaveLength(2);
    expect(
      queries
        .map(q => q.body.timePeriod)
        .sort((a, b) => a.from.localeCompare(b.from)),
    ).toEqual([
      { from: '2026-11-01T00:00:00Z', to: '2026-11-30T23:59:59Z' },
      { from: '2026-12-01T00:00:00Z', to: '2026-12-01T23:59:59Z' },
    ]);
    expect(queries[0].body.dataset.grouping).toEqual([
      { type: 'TagKey', name: 'terrace:environment' },
      { type: 'Dimension', name: 'ServiceName' },
    ]);
    expect(queries[0].query.get('api-version')).toBe('2023-03-01');
    const [forecast] = stub.seen(AZURE_PATHS.costForecast);
    expect(forecast.body.timePeriod).toEqual({
      from: '2026-12-01T00:00:00Z',
      to: '2026-12-31T23:59:59Z',
    });
  });

  it('says the tag is not active when no cost carries it', async () => {
    stub.on('POST', AZURE_PATHS.costQuery, {
      body: azureFixture('costQuery.untagged'),
    });
    const cost = await readers.readCost(TEST_SUBSCRIPTION, NOW);
    expect(cost.tagActive).toBe(false);
    expect(cost.byEnvironment).toEqual({});
    expect(cost.accountMonthToDate).toBe(12.92);
    expect(readers.costTagInactive(TEST_SUBSCRIPTION)).toContain(
      'terrace:environment',
    );
  });

  it('keeps the bill when the forecast fails, saying why', async () => {
    stub.on('POST', AZURE_PATHS.costForecast, {
      status: 403,
      body: azureFixture('error.authorizationFailed'),
    });
    const cost = await readers.readCost(TEST_SUBSCRIPTION, NOW);
    expect(cost.tagActive).toBe(true);
    expect(cost.accountForecast).toBeUndefined();
    expect(cost.forecastError).toContain('Cost Management Reader');
  });

  describe('failures', () => {
    it('names the role to grant when Azure answers 403', async () => {
      stub.on('GET', AZURE_PATHS.metricAlerts, {
        status: 403,
        body: azureFixture('error.authorizationFailed'),
      });
      stub.on('POST', AZURE_PATHS.resourceGraph, {
        status: 403,
        body: azureFixture('error.authorizationFailed'),
      });
      stub.on('POST', AZURE_PATHS.costQuery, {
        status: 403,
        body: azureFixture('error.authorizationFailed'),
      });
      await expect(readers.readAlarms(place)).rejects.toThrow(
        new SectionReadError(
          `Azure denied Microsoft.Insights/metricAlerts/read (subscription ${TEST_SUBSCRIPTION}): grant the Backstage backend's identity the Monitoring Reader role on the subscription`,
        ),
      );
      await expect(readers.readResources(place)).rejects.toThrow(
        /grant the Backstage backend's identity the Reader role/,
      );
      await expect(readers.readCost(TEST_SUBSCRIPTION, NOW)).rejects.toThrow(
        /the Cost Management Reader role/,
      );
      // 403 is not retried
      expect(stub.seen(AZURE_PATHS.metricAlerts)).toHaveLength(1);
    });

    it('says to check the workload identity when Azure answers 401', async () => {
      stub.on('POST', AZURE_PATHS.resourceGraph, {
        status: 401,
        body: azureFixture('error.invalidAuthenticationToken'),
      });
      const error = await readers.readResources(place).catch(e => e);
      expect(error).toBeInstanceOf(SectionReadError);
      expect(error.message).toContain('InvalidAuthenticationToken');
      expect(error.message).toContain('workload identity');
    });

    it('retries a 429 after its Retry-After and then reads', async () => {
      let throttled = 0;
      stub.on('POST', AZURE_PATHS.resourceGraph, () =>
        throttled++ === 0
          ? {
              status: 429,
              headers: { 'Retry-After': '1' },
              body: azureFixture('error.throttled'),
            }
          : undefined,
      );
      const started = Date.now();
      const resources = await readers.readResources(place);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(Object.keys(resources).sort()).toEqual(['shop', 'shop-staging']);
      // one throttled answer, then both pages
      expect(stub.seen(AZURE_PATHS.resourceGraph)).toHaveLength(3);
    });

    it('fails with a throttling message when Azure keeps answering 429', async () => {
      stub.on('GET', AZURE_PATHS.metricAlerts, {
        status: 429,
        headers: { 'Retry-After': '0' },
        body: azureFixture('error.throttled'),
      });
      await expect(readers.readAlarms(place)).rejects.toThrow(
        /Azure throttled Microsoft.Insights\/metricAlerts\/read .* after 3 attempts; it is retried on the next refresh/,
      );
      expect(stub.seen(AZURE_PATHS.metricAlerts)).toHaveLength(3);
    });

    it('retries a 5xx with backoff, then fails with the code Azure gave', async () => {
      stub.on('POST', AZURE_PATHS.costQuery, {
        status: 500,
        body: azureFixture('error.internalServerError'),
      });
      const error = await readers
        .readCost(TEST_SUBSCRIPTION, NOW)
        .catch(e => e);
      expect(error).toBeInstanceOf(SectionReadError);
      expect(error.message).toMatch(
        /^Microsoft.CostManagement\/query\/action failed \(subscription .*\): HTTP 500 InternalServerError/,
      );
      // two queries, each tried three times
      expect(stub.seen(AZURE_PATHS.costQuery)).toHaveLength(6);
    });

    it('asks to list a subscription that is not in the config, without calling Azure', async () => {
      const other = '0f8e7d6c-5b4a-4392-8170-6a5b4c3d2e1f';
      await expect(
        readers.readResources({ accountId: other, region: 'westeurope' }),
      ).rejects.toThrow(
        new NotConfiguredError(
          `Subscription ${other} is not listed in environments.azure.subscriptions in app-config.yaml: add it, and grant the Backstage backend's identity Reader, Monitoring Reader and Cost Management Reader on it`,
        ),
      );
      expect(stub.requests).toHaveLength(0);
    });

    it('says there is no credential when the credential cannot give a token', async () => {
      const noCredential = azureStatusReadersFromConfig(config(stub.endpoint), {
        credential: {
          async getToken() {
            const e = new Error('DefaultAzureCredential found no credential');
            e.name = 'CredentialUnavailableError';
            throw e;
          },
        },
      });
      await expect(noCredential.readAlarms(place)).rejects.toThrow(
        NotConfiguredError,
      );
      expect(stub.requests).toHaveLength(0);
    });

    it('says a call did not answer in time', async () => {
      const impatient = azureStatusReadersFromConfig(
        config(stub.endpoint, { requestTimeoutMs: 100, maxRetries: 0 }),
        { credential: testAzureCredential },
      );
      stub.on('POST', AZURE_PATHS.resourceGraph, {
        delayMs: 1000,
        body: azureFixture('resourceGraph.page2'),
      });
      const started = Date.now();
      await expect(impatient.readResources(place)).rejects.toThrow(
        new SectionReadError(
          `Microsoft.ResourceGraph/resources/read did not answer in time (subscription ${TEST_SUBSCRIPTION})`,
        ),
      );
      expect(Date.now() - started).toBeLessThan(900);
    });

    it('does not follow a next page to another host', async () => {
      stub.on('GET', AZURE_PATHS.metricAlerts, {
        body: {
          value: [],
          nextLink: 'https://elsewhere.example/subscriptions/x/metricAlerts',
        },
      });
      await expect(readers.readAlarms(place)).rejects.toThrow(
        /not at http:\/\/127\.0\.0\.1/,
      );
    });
  });

  it('validates the subscription id of an entity', () => {
    expect(
      readers.locate(TEST_SUBSCRIPTION.toUpperCase(), 'resource:default/shop'),
    ).toEqual({ ok: true, accountId: TEST_SUBSCRIPTION });
    expect(readers.locate('shop-prod', 'resource:default/shop')).toEqual({
      ok: false,
      problem:
        'The annotation terrace.dev/account-id of resource:default/shop is "shop-prod"; set it to the Azure subscription id (a GUID)',
    });
  });
});

describe('calls per refresh', () => {
  /** A Resource Graph page and alert rules for `count` environments in one subscription. */
  function answerFor(stub: AzureArmStub, count: number) {
    const template = azureFixture('resourceGraph.page2').data[1];
    const rule = azureFixture('metricAlerts').value[0];
    const names = Array.from({ length: count }, (_, i) => `env-${i}`);
    stub
      .on('POST', AZURE_PATHS.resourceGraph, {
        body: {
          totalRecords: count,
          count,
          resultTruncated: 'false',
          data: names.map(name => ({
            ...template,
            id: template.id.replace('psql-shop-db-81b2e0', `psql-${name}-db`),
            name: `psql-${name}-db`,
            tags: { 'terrace:environment': name, 'terrace:component': 'db' },
          })),
          facets: [],
        },
      })
      .on('GET', AZURE_PATHS.metricAlerts, {
        body: {
          value: names.map(name => ({
            ...rule,
            id: rule.id.replace(
              'shop-staging.db.cpu-high',
              `${name}.db.cpu-high`,
            ),
            name: `${name}.db.cpu-high`,
            tags: { 'terrace:environment': name, 'terrace:component': 'db' },
          })),
        },
      });
    return names;
  }

  it('grow with subscriptions, not environments: 1 and 50 environments take the same calls', async () => {
    const counts: number[] = [];
    for (const environments of [1, 50]) {
      const stub = await AzureArmStub.start();
      answerWithFixtures(stub, '2026-12-01');
      const names = answerFor(stub, environments);
      const listened: string[] = [];
      const readers = azureStatusReadersFromConfig(config(stub.endpoint), {
        credential: testAzureCredential,
        listener: call => listened.push(`${call.method} ${call.operation}`),
      });
      const [resources, alarms, cost] = await Promise.all([
        readers.readResources(place),
        readers.readAlarms(place),
        readers.readCost(TEST_SUBSCRIPTION, NOW),
      ]);
      expect(Object.keys(resources)).toHaveLength(environments);
      expect(Object.keys(alarms).sort()).toEqual([...names].sort());
      expect(cost.tagActive).toBe(true);
      counts.push(stub.requests.length);
      // the listener sees each call once (no retries here), named by its Azure operation
      expect(listened).toHaveLength(stub.requests.length);
      expect(listened).toContain('POST Microsoft.ResourceGraph/resources/read');
      await stub.close();
    }
    // one Resource Graph query, two alert listings, two cost queries and one forecast
    expect(counts).toEqual([6, 6]);
  });

  it('serve the regions of one subscription with one call per listing', async () => {
    const stub = await AzureArmStub.start();
    answerWithFixtures(stub, '2026-12-01');
    const readers = azureStatusReadersFromConfig(config(stub.endpoint), {
      credential: testAzureCredential,
    });
    await Promise.all([
      readers.readResources({ ...place, region: 'westeurope' }),
      readers.readResources({ ...place, region: 'eastus' }),
    ]);
    expect(stub.seen(AZURE_PATHS.resourceGraph)).toHaveLength(2); // two pages, once
    await stub.close();
  });
});

describe('environments.azure config', () => {
  it('names the key of a subscription id that is not a GUID', () => {
    expect(() =>
      readAzureClientSettings(
        new ConfigReader({
          environments: {
            azure: { subscriptions: [{ subscriptionId: 'shop-prod' }] },
          },
        }),
      ),
    ).toThrow(
      'environments.azure.subscriptions[0].subscriptionId is "shop-prod"; an Azure subscription id is a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
    );
  });

  it('sends tokens only over https, or to the loopback for tests', () => {
    expect(() =>
      readAzureClientSettings(
        new ConfigReader({
          environments: { azure: { endpoint: 'http://arm.example.com' } },
        }),
      ),
    ).toThrow(/environments.azure.endpoint .* only sent over https/);
    expect(
      readAzureClientSettings(
        new ConfigReader({ environments: { azure: { subscriptions: [] } } }),
      ),
    ).toMatchObject({
      endpoint: 'https://management.azure.com',
      scope: 'https://management.azure.com/.default',
      maxRetries: 3,
    });
    expect(
      readAzureClientSettings(
        new ConfigReader({
          environments: {
            azure: { endpoint: 'https://management.chinacloudapi.cn/' },
          },
        }),
      ),
    ).toMatchObject({
      endpoint: 'https://management.chinacloudapi.cn',
      scope: 'https://management.chinacloudapi.cn/.default',
    });
  });
});
