import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { isEnvironmentEntity } from '@terrace/plugin-environments-common';
import type express from 'express';
import { z } from 'zod';

const CATALOG_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;

/** @internal The `:namespace` and `:name` of a per-environment route. */
export const entityParams = z.object({
  namespace: z.string().regex(CATALOG_NAME, 'must be a catalog namespace'),
  name: z.string().regex(CATALOG_NAME, 'must be a catalog entity name'),
});

/**
 * The environment entity of a `/v1/environments/:namespace/:name/...` request, read with the
 * caller's (user or service) credentials. The catalog answers only what the caller may read, so a
 * refused entity is a 404 like a missing one. Errors: `InputError` naming the bad parameter,
 * `NotFoundError` for a missing, unreadable or non-environment entity.
 */
export async function readEnvironmentEntity(
  req: express.Request,
  deps: { httpAuth: HttpAuthService; catalog: CatalogService },
): Promise<{
  entity: Entity;
  credentials: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >;
  namespace: string;
  name: string;
}> {
  const parsed = entityParams.safeParse(req.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const { namespace, name } = parsed.data;
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const entity = await deps.catalog.getEntityByRef(
    { kind: 'resource', namespace, name },
    { credentials },
  );
  if (!entity || !isEnvironmentEntity(entity)) {
    throw new NotFoundError(`No environment resource:${namespace}/${name}`);
  }
  return { entity, credentials, namespace, name };
}
