import type { CatalogApi } from '@backstage/plugin-catalog-react';
import { environmentNameProblem } from '@terrace/plugin-environments-common';

/** What the catalog says about a proposed environment name. */
export type NameCheck =
  | { kind: 'invalid'; message: string }
  | { kind: 'taken'; entityRef: string; owner?: string }
  | { kind: 'free' };

/**
 * Checks a proposed environment name: first against the name rules (a sentence, never the
 * pattern), then against the catalog, where an environment is the Resource
 * `resource:default/<name>`; any entity of that kind and name makes the name taken.
 * Errors reaching the catalog propagate to the caller.
 */
export async function checkEnvironmentName(
  catalogApi: Pick<CatalogApi, 'getEntityByRef'>,
  name: string,
): Promise<NameCheck> {
  const problem = environmentNameProblem(name);
  if (problem) return { kind: 'invalid', message: problem };
  const entityRef = `resource:default/${name}`;
  const entity = await catalogApi.getEntityByRef(entityRef);
  if (!entity) return { kind: 'free' };
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  return {
    kind: 'taken',
    entityRef,
    owner: typeof owner === 'string' ? owner : undefined,
  };
}

/** The sentence the form shows for a taken name. */
export function takenMessage(check: { entityRef: string; owner?: string }) {
  return `is already taken in the catalog by ${check.entityRef}${
    check.owner ? ` (owned by ${check.owner})` : ''
  }; choose another name`;
}
