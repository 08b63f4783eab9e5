import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

/** The backend's refusals, as the errors the scaffolder shows their message of. */
const KNOWN_ERRORS: Record<
  number,
  new (message: string, cause?: Error) => Error
> = {
  400: InputError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
};

/**
 * The parts of Backstage's `AuthService` the day-two clients use: a service token for the
 * `environments` plugin, on behalf of the calling plugin itself.
 * @public
 */
export interface EnvironmentsServiceAuth {
  getOwnServiceCredentials(): Promise<unknown>;
  getPluginRequestToken(options: {
    onBehalfOf: any;
    targetPluginId: string;
  }): Promise<{ token: string }>;
}

/** @public The part of Backstage's `DiscoveryService` the day-two clients use. */
export interface EnvironmentsDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/**
 * Calls the `environments` backend with the caller's service credentials; answers the JSON body.
 * Errors: the backend's message as `InputError` (400), `NotAllowedError` (403), `NotFoundError`
 * (404) or `ConflictError` (409); `ResponseError` for any other non-2xx answer.
 */
export async function callEnvironments<T>(
  deps: { discovery: EnvironmentsDiscovery; auth: EnvironmentsServiceAuth },
  path: string,
  init?: { method: 'POST'; body: unknown },
): Promise<T> {
  const baseUrl = await deps.discovery.getBaseUrl('environments');
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: await deps.auth.getOwnServiceCredentials(),
    targetPluginId: 'environments',
  });
  const response = await fetch(`${baseUrl}${path}`, {
    method: init?.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(init ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response);
    const Known = KNOWN_ERRORS[response.status];
    if (Known) {
      throw new Known(
        `environments backend: ${error.body?.error?.message ?? error.message}`,
        error,
      );
    }
    throw error;
  }
  return (await response.json()) as T;
}
