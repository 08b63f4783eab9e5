import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What the expiry task asks to be destroyed. */
export interface ExpiryDestroyRequest {
  /** The environment entity, e.g. `resource:default/shop-dev`. */
  entityRef: string;
  /** Its `metadata.name`: the name the Destroy environment form asks to be typed. */
  name: string;
}

/**
 * Starts the destruction of an expired environment that opted in (`spec.destroyOnExpiry`).
 * Returns the id of what it started (a scaffolder task id); throws when it could not start it.
 */
export interface ExpiryDestroyer {
  destroy(request: ExpiryDestroyRequest): Promise<{ taskId: string }>;
}

/** The Destroy environment template (plugins/catalog-backend-module-environments-template). */
export const DEFAULT_DESTROY_TEMPLATE = 'template:default/destroy-environment';

/**
 * Starts the Destroy environment template through the scaffolder API, as this plugin (service
 * credentials): `POST <scaffolder>/v2/tasks` with
 * `{ templateRef, values: { environment: <entity ref>, confirmName: <name> } }`. The template's
 * steps (its plan, the owning executor, the approval of a prod destroy) apply as for a user.
 */
export class ScaffolderExpiryDestroyer implements ExpiryDestroyer {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      /** Default {@link DEFAULT_DESTROY_TEMPLATE}. */
      templateRef?: string;
      fetch?: typeof fetch;
    },
  ) {}

  async destroy(request: ExpiryDestroyRequest): Promise<{ taskId: string }> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('scaffolder');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const response = await (this.options.fetch ?? fetch)(
      `${baseUrl}/v2/tasks`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify(
          destroyTaskBody(request, this.options.templateRef),
        ),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const { id } = (await response.json()) as { id: string };
    return { taskId: id };
  }
}

/** The body of `POST /v2/tasks` that starts the Destroy environment template. */
export function destroyTaskBody(
  request: ExpiryDestroyRequest,
  templateRef = DEFAULT_DESTROY_TEMPLATE,
) {
  return {
    templateRef,
    values: { environment: request.entityRef, confirmName: request.name },
  };
}
