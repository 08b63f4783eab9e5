/*
 * Azure and Google Cloud status readers: calls per overview refresh as environments grow.
 * See bench/cloud-readers.md for the command and the last result.
 *
 * Neither cloud has an emulator for its management APIs, so the readers talk to the same local
 * servers their tests use (127.0.0.1, answering the documented response shapes from fixtures):
 * the Azure Resource Manager stub (`src/testing/azureArm.ts`) and the fake Google APIs
 * (`src/readers/gcp/__testUtils__/fakeGoogleApis.ts`). For N = 10, 100 and 1,000 environments
 * over 2 subscriptions/projects x 2 regions it builds the status service as the plugin does (real
 * readers, batching and a fresh cache), asks for the overview once and counts the requests each
 * API received, and times that cold overview.
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { OAuth2Client } from 'google-auth-library';
import type { EnvironmentRef } from '../plugins/environments-backend/src/locate/locateEnvironment';
import { createDefaultEnvironmentStatusService } from '../plugins/environments-backend/src/service/defaultFactory';
import { StatusReadersRegistry } from '../plugins/environments-backend/src/readers/registry';
import { azureStatusReadersFromConfig } from '../plugins/environments-backend/src/readers/azure';
import { gcpStatusReadersFromConfig } from '../plugins/environments-backend/src/readers/gcp';
import {
  answerWithFixtures,
  AzureArmStub,
  AZURE_PATHS,
  TEST_SUBSCRIPTION,
  testAzureCredential,
} from '../plugins/environments-backend/src/testing/azureArm';
import { FakeGoogleApis } from '../plugins/environments-backend/src/readers/gcp/__testUtils__/fakeGoogleApis';

const SIZES = [10, 100, 1000];
const NOW = new Date('2026-12-01T10:00:00Z');

function environments(
  n: number,
  cloud: 'azure' | 'gcp',
  accounts: string[],
  regions: string[],
): EnvironmentRef[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `env-${i}`;
    return {
      entityRef: `resource:default/${name}`,
      namespace: 'default',
      name,
      cloud,
      accountId: accounts[i % 2],
      region: regions[Math.floor(i / 2) % 2],
      tier: 'staging',
    };
  });
}

/** Warnings and errors to stderr (a failing section would make the counts meaningless). */
const logger: LoggerService = {
  error: (message, meta) => console.error('error:', message, meta ?? ''),
  warn: (message, meta) => console.error('warn:', message, meta ?? ''),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

function service(config: ConfigReader, readers: StatusReadersRegistry) {
  return createDefaultEnvironmentStatusService({
    config,
    cache: CacheManager.fromConfig(new ConfigReader({})).forPlugin(
      'environments',
    ),
    logger,
    readers,
    now: () => NOW,
  });
}

async function azure() {
  const stub = await AzureArmStub.start();
  answerWithFixtures(stub, '2026-12-01');
  const subscriptions = [
    TEST_SUBSCRIPTION,
    '7d3f1a2b-4c5e-4f60-8a9b-0c1d2e3f4a5b',
  ];
  const rows = [];
  try {
    for (const n of SIZES) {
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
      const status = service(
        config,
        new StatusReadersRegistry([
          azureStatusReadersFromConfig(config, {
            credential: testAzureCredential,
          }),
        ]),
      );
      const started = performance.now();
      await status.getOverview(
        environments(n, 'azure', subscriptions, ['westeurope', 'eastus']),
      );
      const ms = performance.now() - started;
      const byApi = Object.fromEntries(
        Object.entries(AZURE_PATHS).map(([api, path]) => [
          api,
          stub.seen(path).length,
        ]),
      );
      rows.push({ n, total: stub.requests.length, ms, byApi });
    }
  } finally {
    await stub.close();
  }
  return rows;
}

async function gcp() {
  const google = new FakeGoogleApis();
  const baseUrl = await google.start();
  const projects = ['terrace-shop-prod', 'terrace-shop-dev'];
  const rows = [];
  try {
    for (const n of SIZES) {
      google.reset();
      const byApi: Record<string, number> = {};
      const auth = new OAuth2Client();
      auth.setCredentials({
        access_token: 'ya29.bench-token',
        expiry_date: Date.now() + 3_600_000,
      });
      const config = new ConfigReader({
        environments: {
          gcp: {
            endpoint: baseUrl,
            billingExportTable:
              'billing-admin.billing_export.gcp_billing_export_v1_0A1B2C_3D4E5F_6A7B8C',
            maxAttempts: 1,
          },
        },
      });
      const status = service(
        config,
        new StatusReadersRegistry(
          gcpStatusReadersFromConfig(config, {
            auth,
            listener: call => {
              byApi[call.api] = (byApi[call.api] ?? 0) + 1;
            },
          }),
        ),
      );
      const started = performance.now();
      await status.getOverview(
        environments(n, 'gcp', projects, ['europe-west1', 'us-central1']),
      );
      const ms = performance.now() - started;
      const total = Object.values(byApi).reduce((a, b) => a + b, 0);
      rows.push({ n, total, ms, byApi });
    }
  } finally {
    await google.stop();
  }
  return rows;
}

function print(
  title: string,
  rows: Array<{
    n: number;
    total: number;
    ms: number;
    byApi: Record<string, number>;
  }>,
) {
  console.log(`\n${title}`);
  console.log(
    '| environments | calls per overview refresh | cold overview (ms) |',
  );
  console.log(
    '| ------------ | -------------------------- | ------------------ |',
  );
  for (const r of rows) {
    console.log(
      `| ${r.n.toLocaleString('en-US')} | ${r.total} | ${r.ms.toFixed(0)} |`,
    );
  }
  console.log(
    `calls by API (N = ${rows[rows.length - 1].n.toLocaleString(
      'en-US',
    )}): ${Object.entries(rows[rows.length - 1].byApi)
      .map(([api, c]) => `${api} ${c}`)
      .join(', ')}`,
  );
}

async function main() {
  print(
    'Azure (2 subscriptions x 2 regions, ARM stub on 127.0.0.1)',
    await azure(),
  );
  print(
    'Google Cloud (2 projects x 2 regions, fake Google APIs on 127.0.0.1)',
    await gcp(),
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
