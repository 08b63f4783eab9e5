import { SectionReadError } from '../errors';

/**
 * The Google APIs the GCP status readers call, each with the IAM role that lets the portal's
 * service account read it (cloud.google.com/iam/docs/understanding-roles). The role is what a
 * 403 message tells the administrator to grant.
 */
export const GCP_APIS = {
  cloudAsset: {
    title: 'Cloud Asset API',
    service: 'cloudasset.googleapis.com',
    baseUrl: 'https://cloudasset.googleapis.com',
    role: 'roles/cloudasset.viewer',
  },
  monitoring: {
    title: 'Cloud Monitoring API',
    service: 'monitoring.googleapis.com',
    baseUrl: 'https://monitoring.googleapis.com',
    role: 'roles/monitoring.viewer',
  },
  sqlAdmin: {
    title: 'Cloud SQL Admin API',
    service: 'sqladmin.googleapis.com',
    baseUrl: 'https://sqladmin.googleapis.com',
    role: 'roles/cloudsql.viewer',
  },
  storage: {
    title: 'Cloud Storage JSON API',
    service: 'storage.googleapis.com',
    baseUrl: 'https://storage.googleapis.com',
    role: 'roles/storage.bucketViewer',
  },
  bigQuery: {
    title: 'BigQuery API',
    service: 'bigquery.googleapis.com',
    baseUrl: 'https://bigquery.googleapis.com',
    role: 'roles/bigquery.jobUser (on the project that runs the query) and roles/bigquery.dataViewer (on the billing export dataset)',
  },
} as const;

/** One of {@link GCP_APIS}. */
export type GcpApi = keyof typeof GCP_APIS;

/**
 * What signs the requests: anything with google-auth-library's `getRequestHeaders(url)`, e.g.
 * `new GoogleAuth({ scopes })` (Application Default Credentials, workload identity) in production
 * or an `OAuth2Client` holding a fixed access token in tests. Headers come back as a record
 * (google-auth-library 9) or a `Headers` object (10 and later); both are accepted.
 */
export interface GcpAuthClient {
  getRequestHeaders(url?: string): Promise<unknown>;
}

/** Sees every HTTP request the readers send (one call per attempt), e.g. to count them in tests. */
export type GcpCallListener = (call: {
  api: GcpApi;
  method: string;
  url: string;
  status: number;
}) => void;

/** How {@link GcpClient} reaches Google. */
export interface GcpClientSettings {
  auth: GcpAuthClient;
  /** Base URL per API (scheme and host, no path), e.g. `http://127.0.0.1:8123` in tests. */
  baseUrls?: Partial<Record<GcpApi, string>>;
  /** Attempts per call including the first; 429 and 5xx answers are retried with backoff. Default 4. */
  maxAttempts?: number;
  /** First backoff in milliseconds, doubled per retry (a `Retry-After` header wins). Default 500. */
  retryBaseMs?: number;
  /** Timeout of one HTTP request in milliseconds. Default 5000. */
  requestTimeoutMs?: number;
  listener?: GcpCallListener;
}

/** The `error` object of a Google API error answer (cloud.google.com/apis/design/errors). */
interface GoogleError {
  code?: number;
  message?: string;
  status?: string;
  details?: Array<{
    '@type'?: string;
    reason?: string;
    metadata?: Record<string, string>;
  }>;
}

function headerRecord(headers: unknown): Record<string, string> {
  if (headers && typeof (headers as Headers).forEach === 'function') {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((value, key) => {
      out[key] = value;
    });
    return out;
  }
  return { ...(headers as Record<string, string>) };
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason ?? new Error('aborted'));
      },
      { once: true },
    );
  });
}

/**
 * A small JSON-over-HTTPS client for the Google REST APIs the status readers read, signed by a
 * google-auth-library client. Failures become a {@link SectionReadError} whose message names the
 * API, the project and what to do: 401 (credentials), 403 (the IAM role to grant, or the API to
 * enable when Google says SERVICE_DISABLED), 429 and 5xx (retried `maxAttempts` times first).
 */
export class GcpClient {
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly requestTimeoutMs: number;

  constructor(readonly settings: GcpClientSettings) {
    this.maxAttempts = Math.max(1, settings.maxAttempts ?? 4);
    this.retryBaseMs = settings.retryBaseMs ?? 500;
    this.requestTimeoutMs = settings.requestTimeoutMs ?? 5000;
  }

  /** The URL of `path` (starting with `/`) on an API, with `query` (undefined values left out). */
  url(
    api: GcpApi,
    path: string,
    query: Record<string, string | number | undefined> = {},
  ): string {
    const base = (
      this.settings.baseUrls?.[api] ?? GCP_APIS[api].baseUrl
    ).replace(/\/+$/, '');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }

  /**
   * Sends one request and answers its JSON body. `what` names the call in messages, e.g.
   * `cloudasset searchAllResources`; `project` is the project it reads.
   */
  async request<T>(options: {
    api: GcpApi;
    what: string;
    project: string;
    url: string;
    method?: 'GET' | 'POST';
    body?: unknown;
    signal?: AbortSignal;
  }): Promise<T> {
    const { api, what, project, url, signal } = options;
    const method = options.method ?? 'GET';
    const where = `${GCP_APIS[api].title}, ${what}, project ${project}`;
    let headers: Record<string, string>;
    try {
      headers = headerRecord(await this.settings.auth.getRequestHeaders(url));
    } catch (e) {
      throw new SectionReadError(
        `No Google credentials for the ${where}: ${
          (e as Error)?.message?.split('\n')[0] ?? String(e)
        }. Give the Backstage backend Application Default Credentials (workload identity, or GOOGLE_APPLICATION_CREDENTIALS)`,
      );
    }
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            ...headers,
            accept: 'application/json',
            ...(options.body !== undefined
              ? { 'content-type': 'application/json' }
              : {}),
          },
          body:
            options.body !== undefined
              ? JSON.stringify(options.body)
              : undefined,
          signal: signal
            ? AbortSignal.any([
                signal,
                AbortSignal.timeout(this.requestTimeoutMs),
              ])
            : AbortSignal.timeout(this.requestTimeoutMs),
        });
      } catch (e) {
        if (signal?.aborted) throw e;
        const name = (e as Error)?.name;
        if (attempt < this.maxAttempts) {
          await sleep(this.retryBaseMs * 2 ** (attempt - 1), signal);
          continue;
        }
        throw new SectionReadError(
          name === 'TimeoutError' || name === 'AbortError'
            ? `The ${where} did not answer in time (${attempt} attempts)`
            : `The ${where} could not be reached: ${
                (e as Error)?.message ?? String(e)
              }`,
        );
      }
      this.settings.listener?.({ api, method, url, status: response.status });
      const text = await response.text();
      if (response.ok) {
        try {
          return (text ? JSON.parse(text) : {}) as T;
        } catch {
          throw new SectionReadError(
            `The ${where} answered ${response.status} with a body that is not JSON`,
          );
        }
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && attempt < this.maxAttempts) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await sleep(
          Number.isFinite(retryAfter) && retryAfter > 0
            ? Math.min(retryAfter * 1000, 10_000)
            : this.retryBaseMs * 2 ** (attempt - 1),
          signal,
        );
        continue;
      }
      throw describeGoogleError(api, where, response.status, text, attempt);
    }
  }
}

function parseError(text: string): GoogleError {
  try {
    const body = JSON.parse(text) as { error?: GoogleError };
    return body.error && typeof body.error === 'object' ? body.error : {};
  } catch {
    return {};
  }
}

/**
 * The words of a Google API error answer for a card: which API refused what in which project,
 * and what to do (the role to grant for 403, the API to enable for SERVICE_DISABLED).
 */
export function describeGoogleError(
  api: GcpApi,
  where: string,
  status: number,
  text: string,
  attempts = 1,
): SectionReadError {
  const error = parseError(text);
  const label = `${status}${error.status ? ` ${error.status}` : ''}`;
  const message = error.message?.split('\n')[0];
  const said = message ? `: ${message}` : '';
  const reasons = (error.details ?? []).map(d => d.reason);
  if (status === 401) {
    return new SectionReadError(
      `Google rejected the portal's credentials (${label}) for the ${where}${said}. Check the Backstage backend's Application Default Credentials (workload identity or service account key)`,
    );
  }
  if (
    status === 403 &&
    (reasons.includes('SERVICE_DISABLED') ||
      reasons.includes('accessNotConfigured'))
  ) {
    return new SectionReadError(
      `The ${where} is not enabled (${label})${said}. Enable ${GCP_APIS[api].service} in that project`,
    );
  }
  if (status === 403) {
    return new SectionReadError(
      `Google denied the ${where} (${label})${said}. Grant the portal's service account ${GCP_APIS[api].role}`,
    );
  }
  if (status === 429) {
    return new SectionReadError(
      `Google throttled the ${where} (${label}) after ${attempts} attempt${
        attempts === 1 ? '' : 's'
      }; it is retried on the next refresh`,
    );
  }
  if (status === 404) {
    return new SectionReadError(
      `The ${where} found nothing there (${label})${said}. Check that the project exists and the portal may see it`,
    );
  }
  return new SectionReadError(
    `The ${where} failed (${label})${said}${
      status >= 500
        ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}`
        : ''
    }`,
  );
}

/**
 * Reads every page of a Google list call: `fetchPage` gets the previous page's token (undefined
 * first), `nextToken` finds the next one in a page. Stops after `maxPages` pages (default 100).
 */
export async function paginateGoogle<P>(
  fetchPage: (token: string | undefined) => Promise<P>,
  nextToken: (page: P) => string | undefined,
  onPage: (page: P) => void,
  maxPages = 100,
): Promise<void> {
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(token);
    onPage(page);
    token = nextToken(page) || undefined;
    pages++;
  } while (token && pages < maxPages);
}
