import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
} from '@azure/core-rest-pipeline';
import type { Config } from '@backstage/config';
import { AZURE_SUBSCRIPTION_ID_PATTERN } from '@terrace/plugin-environments-common';
import { NotConfiguredError, SectionReadError } from '../errors';
import { describeAzureFailure, describeAzureResponse } from './errors';

/** The public Azure Resource Manager endpoint. */
export const AZURE_MANAGEMENT_ENDPOINT = 'https://management.azure.com';

/**
 * True for an Azure subscription id: a GUID such as `00000000-0000-0000-0000-000000000000`
 * (the rule of environments-common, which the accounts of the form check too).
 */
export function isSubscriptionId(value: string): boolean {
  return AZURE_SUBSCRIPTION_ID_PATTERN.test(value);
}

/** @public A subscription the portal reads, from `environments.azure.subscriptions`. */
export interface AzureSubscription {
  subscriptionId: string;
  title?: string;
}

/** @public Client settings read from `environments.azure` (see config.d.ts). */
export interface AzureClientSettings {
  /** Azure Resource Manager endpoint, without a trailing slash. */
  endpoint: string;
  /**
   * The token scope: `environments.azure.tokenScope`, else `<endpoint>/.default` on an https
   * endpoint (Resource Manager's audience in every Azure cloud), else the public cloud's.
   */
  scope: string;
  subscriptions: AzureSubscription[];
  /** Retries after the first attempt: 429 and 503 after Retry-After, other 5xx with backoff. */
  maxRetries: number;
  /** First backoff delay of a retry without Retry-After, in milliseconds (doubles each time). */
  retryDelayMs: number;
  /** Timeout of one HTTP request, in milliseconds. */
  requestTimeoutMs: number;
}

function isLoopback(url: URL) {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * Reads `environments.azure`: the subscriptions (each `subscriptionId` a GUID) and the client
 * settings. Throws an Error naming the key when a value is wrong, so the backend does not start
 * with a half-read configuration.
 */
export function readAzureClientSettings(config: Config): AzureClientSettings {
  const azure = config.getConfig('environments.azure');
  const subscriptions = (
    azure.getOptionalConfigArray('subscriptions') ?? []
  ).map((entry, index) => {
    const subscriptionId = entry.getString('subscriptionId');
    if (!isSubscriptionId(subscriptionId)) {
      throw new Error(
        `environments.azure.subscriptions[${index}].subscriptionId is "${subscriptionId}"; an Azure subscription id is a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`,
      );
    }
    const title = entry.getOptionalString('title');
    return {
      subscriptionId: subscriptionId.toLowerCase(),
      ...(title ? { title } : {}),
    };
  });
  const endpoint = (
    azure.getOptionalString('endpoint') ?? AZURE_MANAGEMENT_ENDPOINT
  ).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(
      `environments.azure.endpoint is "${endpoint}", which is not a URL`,
    );
  }
  if (url.protocol !== 'https:' && !isLoopback(url)) {
    throw new Error(
      `environments.azure.endpoint is "${endpoint}"; Azure tokens are only sent over https (plain http only to 127.0.0.1 or localhost, for tests)`,
    );
  }
  const number = (key: string, fallback: number) => {
    const value = azure.getOptionalNumber(key) ?? fallback;
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(
        `environments.azure.${key} must be a number of 0 or more, not ${value}`,
      );
    }
    return value;
  };
  return {
    endpoint,
    // Resource Manager's token audience is its endpoint in every Azure cloud (public, China, US Gov).
    scope:
      azure.getOptionalString('tokenScope') ??
      (url.protocol === 'https:'
        ? `${url.origin}/.default`
        : `${AZURE_MANAGEMENT_ENDPOINT}/.default`),
    subscriptions,
    maxRetries: number('maxRetries', 3),
    retryDelayMs: number('retryDelayMs', 1000),
    requestTimeoutMs: number('requestTimeoutMs', 10000),
  };
}

/** @public Called once for every Azure call a reader makes (before retries). */
export type AzureCallListener = (call: {
  subscriptionId: string;
  operation: string;
  method: string;
  path: string;
}) => void;

/** What one call is, for the messages of its failures. */
export interface AzureCall {
  subscriptionId: string;
  /** The Azure RBAC operation of the call, e.g. `Microsoft.Insights/metricAlerts/read`. */
  operation: string;
  /** The built-in role that grants it, e.g. `Monitoring Reader`. */
  role: string;
}

/**
 * Sends the token of `credential` as `Authorization: Bearer` to a loopback http endpoint (tests),
 * where the SDK's bearer policy refuses to; https endpoints use the SDK's policy.
 */
function loopbackBearerPolicy(
  credential: TokenCredential,
  scope: string,
): PipelinePolicy {
  return {
    name: 'terraceLoopbackBearer',
    async sendRequest(request, next) {
      const token = await credential.getToken(scope, {
        abortSignal: request.abortSignal,
      });
      if (!token) throw new Error('The credential gave no token');
      request.headers.set('Authorization', `Bearer ${token.token}`);
      request.allowInsecureConnection = true;
      return next(request);
    },
  };
}

/**
 * A small client of Azure Resource Manager over `@azure/core-rest-pipeline` (the pipeline the
 * `@azure/arm-*` SDKs use): the token of a `TokenCredential` (DefaultAzureCredential in
 * production), the pipeline's retry (429 and 503 after Retry-After, other 5xx and network errors
 * with exponential backoff), a request timeout and a user agent. Answers are JSON; failures are
 * thrown as SectionReadError (or NotConfiguredError for a missing credential or subscription)
 * in words naming the operation and the role to grant.
 */
export class AzureManagementClient {
  private readonly pipeline: Pipeline;
  private readonly httpClient: HttpClient;
  private readonly origin: string;
  private readonly insecure: boolean;

  constructor(
    readonly settings: AzureClientSettings,
    credential: TokenCredential,
    private readonly listener?: AzureCallListener,
  ) {
    const url = new URL(settings.endpoint);
    this.origin = url.origin;
    this.insecure = url.protocol !== 'https:';
    this.pipeline = createPipelineFromOptions({
      retryOptions: {
        maxRetries: settings.maxRetries,
        retryDelayInMs: settings.retryDelayMs,
        maxRetryDelayInMs: Math.max(settings.retryDelayMs * 8, 1),
      },
      userAgentOptions: { userAgentPrefix: 'terrace-environments' },
    });
    this.pipeline.addPolicy(
      this.insecure
        ? loopbackBearerPolicy(credential, settings.scope)
        : bearerTokenAuthenticationPolicy({
            credential,
            scopes: settings.scope,
          }),
      { phase: 'Sign' },
    );
    this.httpClient = createDefaultHttpClient();
  }

  /** NotConfiguredError unless the subscription is listed in `environments.azure.subscriptions`. */
  assertSubscription(subscriptionId: string): void {
    const known = this.settings.subscriptions.some(
      s => s.subscriptionId === subscriptionId.toLowerCase(),
    );
    if (!known) {
      throw new NotConfiguredError(
        `Subscription ${subscriptionId} is not listed in environments.azure.subscriptions in app-config.yaml: add it, and grant the Backstage backend's identity Reader, Monitoring Reader and Cost Management Reader on it`,
      );
    }
  }

  /**
   * Sends one request and returns its JSON answer; `undefined` for 204, and for 404 when
   * `notFound` is `undefined`-tolerant. `pathOrUrl` is a path under the endpoint (`/subscriptions/…`)
   * or a `nextLink` (which must point at the same endpoint, so the token goes nowhere else).
   */
  async send<T>(
    call: AzureCall,
    request: {
      method: 'GET' | 'POST';
      pathOrUrl: string;
      apiVersion?: string;
      body?: unknown;
      /** Return undefined for a 404 rather than failing. */
      allowNotFound?: boolean;
      signal?: AbortSignal;
    },
  ): Promise<T | undefined> {
    this.assertSubscription(call.subscriptionId);
    const url = new URL(
      request.pathOrUrl.startsWith('https://') ||
      request.pathOrUrl.startsWith('http://')
        ? request.pathOrUrl
        : `${this.settings.endpoint}${request.pathOrUrl}`,
    );
    if (url.origin !== this.origin) {
      throw new SectionReadError(
        `${call.operation} answered with a next page at ${url.origin}, not at ${this.origin}; the page was not read`,
      );
    }
    if (request.apiVersion && !url.searchParams.has('api-version')) {
      url.searchParams.set('api-version', request.apiVersion);
    }
    this.listener?.({
      subscriptionId: call.subscriptionId,
      operation: call.operation,
      method: request.method,
      path: url.pathname,
    });
    const headers = createHttpHeaders({ Accept: 'application/json' });
    if (request.body !== undefined) {
      headers.set('Content-Type', 'application/json');
    }
    const pipelineRequest = createPipelineRequest({
      url: url.toString(),
      method: request.method,
      headers,
      body:
        request.body === undefined ? undefined : JSON.stringify(request.body),
      timeout: this.settings.requestTimeoutMs,
      abortSignal: request.signal,
      allowInsecureConnection: this.insecure,
    });
    let response;
    try {
      response = await this.pipeline.sendRequest(
        this.httpClient,
        pipelineRequest,
      );
    } catch (e) {
      throw describeAzureFailure(e, call);
    }
    if (response.status === 204) return undefined;
    if (response.status === 404 && request.allowNotFound) return undefined;
    if (response.status < 200 || response.status >= 300) {
      throw describeAzureResponse(
        {
          status: response.status,
          body: response.bodyAsText ?? '',
          attempts: this.settings.maxRetries + 1,
        },
        call,
      );
    }
    try {
      return JSON.parse(response.bodyAsText ?? '') as T;
    } catch {
      throw new SectionReadError(
        `${call.operation} (subscription ${call.subscriptionId}) answered with something that is not JSON`,
      );
    }
  }

  /**
   * Reads every page of an Azure Resource Manager list (`{ value: [...], nextLink }`), following
   * `nextLink` until it is absent.
   */
  async list<T>(
    call: AzureCall,
    path: string,
    apiVersion: string,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: { value?: T[]; nextLink?: string | null } | undefined =
        await this.send(call, {
          method: 'GET',
          pathOrUrl: next,
          apiVersion,
          signal,
        });
      items.push(...(page?.value ?? []));
      next = page?.nextLink || undefined;
    }
    return items;
  }
}

/**
 * Both answers, or the first failure once both calls are over, so a failed read leaves no call
 * running behind it.
 */
export async function both<A, B>(
  a: Promise<A>,
  b: Promise<B>,
): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}
