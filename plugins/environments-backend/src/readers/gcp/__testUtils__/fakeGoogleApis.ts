import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A fixture of `../__fixtures__` without its `$doc` field, as the fake server serves it. */
export function fixture(name: string): Record<string, unknown> {
  const body = JSON.parse(
    readFileSync(join(__dirname, '..', '__fixtures__', `${name}.json`), 'utf8'),
  );
  delete body.$doc;
  return body;
}

/** One request the fake server saw. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body?: any;
}

/** What a route answers: a status and a JSON body. */
export interface FakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Answers a request, or undefined to fall through to the next route. */
export type FakeRoute = (req: SeenRequest) => FakeAnswer | undefined;

/** A JSON body parsed, any other (the STS form) as its text. */
function parseBody(raw: string, contentType: string | undefined) {
  return contentType?.includes('json') ? JSON.parse(raw) : raw;
}

/** The access token the fake Security Token Service issues. */
export const STS_ACCESS_TOKEN = 'ya29.fake-sts-token';

const ok = (body: unknown): FakeAnswer => ({ status: 200, body });

/**
 * The documented answers of every Google API the GCP readers call, for any project: Cloud Asset
 * (two pages), alert policies and open alerts, Cloud SQL instances and backup runs, buckets, and
 * the BigQuery billing query. Every project answers the same fixtures.
 */
export const defaultRoutes: FakeRoute[] = [
  // Security Token Service (workload identity federation): the token exchange of an
  // external_account credential, https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token
  req =>
    req.method === 'POST' && req.path === '/v1/token'
      ? ok({
          access_token: STS_ACCESS_TOKEN,
          issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          token_type: 'Bearer',
          expires_in: 3600,
        })
      : undefined,
  req => {
    if (!/^\/v1\/projects\/[^/]+:searchAllResources$/.test(req.path))
      return undefined;
    return ok(
      fixture(
        req.query.get('pageToken')
          ? 'searchAllResources-page2'
          : 'searchAllResources-page1',
      ),
    );
  },
  req =>
    /^\/v3\/projects\/[^/]+\/alertPolicies$/.test(req.path)
      ? ok(fixture('alertPolicies'))
      : undefined,
  req =>
    /^\/v3\/projects\/[^/]+\/alerts$/.test(req.path)
      ? ok(fixture('alerts-open'))
      : undefined,
  req =>
    /^\/v1\/projects\/[^/]+\/instances$/.test(req.path)
      ? ok(fixture('sql-instances'))
      : undefined,
  req =>
    /^\/v1\/projects\/[^/]+\/instances\/-\/backupRuns$/.test(req.path)
      ? ok(fixture('backupRuns'))
      : undefined,
  req => (req.path === '/storage/v1/b' ? ok(fixture('buckets')) : undefined),
  req =>
    req.method === 'POST' &&
    /^\/bigquery\/v2\/projects\/[^/]+\/queries$/.test(req.path)
      ? ok(fixture('bigquery-query'))
      : undefined,
];

/**
 * A node:http server on 127.0.0.1 answering like the Google APIs (all of them on one port, the
 * paths tell them apart). `routes` are tried first, then {@link defaultRoutes}; an unknown path
 * answers 404 in Google's error shape. Every request is recorded in `seen`.
 */
export class FakeGoogleApis {
  readonly seen: SeenRequest[] = [];
  routes: FakeRoute[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', c => chunks.push(c));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const raw = Buffer.concat(chunks).toString('utf8');
        const seen: SeenRequest = {
          method: request.method ?? 'GET',
          path: decodeURIComponent(url.pathname),
          query: url.searchParams,
          authorization: request.headers.authorization,
          body: raw
            ? parseBody(raw, request.headers['content-type'])
            : undefined,
        };
        this.seen.push(seen);
        let answer: FakeAnswer | undefined;
        for (const route of [...this.routes, ...defaultRoutes]) {
          answer = route(seen);
          if (answer) break;
        }
        answer ??= {
          status: 404,
          body: {
            error: {
              code: 404,
              message: `No route for ${seen.path}`,
              status: 'NOT_FOUND',
            },
          },
        };
        response.writeHead(answer.status, {
          'content-type': 'application/json',
          ...answer.headers,
        });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => this.server?.close(() => resolve()));
  }

  /** Forgets the recorded requests and the added routes. */
  reset(): void {
    this.seen.length = 0;
    this.routes = [];
  }
}
