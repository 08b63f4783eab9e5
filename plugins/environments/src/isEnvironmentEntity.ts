import type { Entity } from '@backstage/catalog-model';
import { isEnvironmentEntity as isEnvironment } from '@terrace/plugin-environments-common';

/**
 * True for a Terrace environment: `kind: Resource` with `spec.type: environment`. Use it with
 * `EntitySwitch.Case if={isEnvironmentEntity}` to show the Environment tab.
 * @public
 */
export function isEnvironmentEntity(entity: Entity): boolean {
  return isEnvironment(entity);
}
