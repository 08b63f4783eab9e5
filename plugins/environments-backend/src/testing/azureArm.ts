import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The subscription the fixtures are written for. */
export const TEST_SUBSCRIPTION = 'c2b9a5e8-2c55-4a5f-a4c3-6f5e0f0d7a11';
/** The token the test credential gives; the stub records the Authorization header it receives. */
export const TEST_AZURE_TOKEN = 'terrace-test-token';

/** A TokenCredential that gives a fixed token: there is no Microsoft Entra ID here. */
export const testAzureCredential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return {
      token: TEST_AZURE_TOKEN,
      expiresOnTimestamp: Date.now() + 3_600_000,
    };
  },
};

/** One of the fixtures of `readers/azure/__fixtures__` (see its README for each doc page). */
export function azureFixture(name: string): any {
  return JSON.parse(
    readFileSync(
      resolvePackagePath(
        '@terrace/plugin-environments-backend',
        'src/readers/azure/__fixtures__',
        `${name}.json`,
      ),
      'utf8',
    ),
  );
}

/** A request as the stub saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body?: any;
}

/** What the stub answers: a status, a JSON body and headers. */
export interface StubAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer only after this many milliseconds. */
  delayMs?: number;
}

type Route = {
  method: string;
  path: RegExp;
  answer: (request: SeenRequest) => StubAnswer | undefined;
};

/**
 * A local stand-in for Azure Resource Manager on 127.0.0.1: answers each request with the first
 * matching route added last (so a test can override one answer), records every request, and
 * answers 404 `{ error: { code: 'NotFound' } }` otherwise.
 */
export class AzureArmStub {
  readonly requests: SeenRequest[] = [];
  private readonly routes: Route[] = [];

  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const text = Buffer.concat(chunks).toString('utf8');
        const seen: SeenRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          authorization: req.headers.authorization,
          body: text ? JSON.parse(text) : undefined,
        };
        this.requests.push(seen);
        let answer: StubAnswer | undefined;
        for (const route of [...this.routes].reverse()) {
          if (route.method === seen.method && route.path.test(seen.path)) {
            answer = route.answer(seen);
            if (answer) break;
          }
        }
        answer ??= {
          status: 404,
          body: { error: { code: 'NotFound', message: `${seen.path}` } },
        };
        const reply = answer;
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(reply.status ?? 200, {
            'content-type': 'application/json; charset=utf-8',
            ...reply.headers,
          });
          res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
        }, reply.delayMs ?? 0);
      });
    });
  }

  static async start(): Promise<AzureArmStub> {
    const stub = new AzureArmStub();
    await new Promise<void>(resolve =>
      stub.server.listen(0, '127.0.0.1', () => resolve()),
    );
    return stub;
  }

  get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Answers `method` requests whose path matches; an answer of undefined passes to the next route. */
  on(
    method: 'GET' | 'POST',
    path: RegExp,
    answer: StubAnswer | ((request: SeenRequest) => StubAnswer | undefined),
  ): this {
    this.routes.push({
      method,
      path,
      answer: typeof answer === 'function' ? answer : () => answer,
    });
    return this;
  }

  /** Requests whose path matches. */
  seen(path: RegExp): SeenRequest[] {
    return this.requests.filter(r => path.test(r.path));
  }

  close(): Promise<void> {
    return new Promise(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Path patterns of the calls the Azure readers make. */
export const AZURE_PATHS = {
  resourceGraph: /^\/providers\/Microsoft\.ResourceGraph\/resources$/,
  metricAlerts:
    /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Insights\/metricAlerts$/,
  alerts:
    /^\/subscriptions\/[^/]+\/providers\/Microsoft\.AlertsManagement\/alerts$/,
  postgresServer:
    /\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/[^/]+$/,
  postgresBackups:
    /\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/[^/]+\/backups$/,
  blobServices: /\/storageAccounts\/[^/]+\/blobServices\/default$/,
  managementPolicies: /\/storageAccounts\/[^/]+\/managementPolicies\/default$/,
  costQuery:
    /^\/subscriptions\/[^/]+\/providers\/Microsoft\.CostManagement\/query$/,
  costForecast:
    /^\/subscriptions\/[^/]+\/providers\/Microsoft\.CostManagement\/forecast$/,
};

/**
 * Answers every call of the Azure readers with the fixtures: Resource Graph in two pages
 * (the second asked for with the first's `$skipToken`), the cost query by the month asked for
 * (`timePeriod.from` in `monthStart`'s month or before).
 */
export function answerWithFixtures(stub: AzureArmStub, monthStart: string) {
  const page1 = azureFixture('resourceGraph.page1');
  stub
    .on('POST', AZURE_PATHS.resourceGraph, req =>
      req.body?.options?.$skipToken === page1.$skipToken
        ? { body: azureFixture('resourceGraph.page2') }
        : { body: page1 },
    )
    .on('GET', AZURE_PATHS.metricAlerts, { body: azureFixture('metricAlerts') })
    .on('GET', AZURE_PATHS.alerts, { body: azureFixture('alerts.fired') })
    .on('GET', AZURE_PATHS.postgresServer, req => {
      const server = azureFixture('postgresServer');
      if (req.path.endsWith('/psql-shop-staging-db-3f9a1c'))
        return { body: server };
      // the other environment's server: retention 1 day, shaped as the fixture
      return {
        body: {
          ...server,
          id: req.path,
          name: req.path.split('/').pop(),
          properties: {
            ...server.properties,
            backup: { ...server.properties.backup, backupRetentionDays: 1 },
          },
        },
      };
    })
    .on('GET', AZURE_PATHS.postgresBackups, req =>
      req.path.includes('/psql-shop-staging-db-3f9a1c/')
        ? { body: azureFixture('postgresBackups') }
        : { body: { value: [] } },
    )
    .on('GET', AZURE_PATHS.blobServices, { body: azureFixture('blobServices') })
    .on('GET', AZURE_PATHS.managementPolicies, {
      body: azureFixture('managementPolicies'),
    })
    .on('POST', AZURE_PATHS.costQuery, req => ({
      body: azureFixture(
        String(req.body?.timePeriod?.from ?? '') >= monthStart
          ? 'costQuery.monthToDate'
          : 'costQuery.lastMonth',
      ),
    }))
    .on('POST', AZURE_PATHS.costForecast, {
      body: azureFixture('costForecast'),
    });
}
