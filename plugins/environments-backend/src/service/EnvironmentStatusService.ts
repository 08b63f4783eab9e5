import {
  createServiceRef,
  type ServiceRef,
} from '@backstage/backend-plugin-api';
import { defaultEnvironmentStatusServiceFactory } from './defaultFactory';
import type { EnvironmentStatusService } from './types';

export type { EnvironmentStatusService } from './types';

/**
 * The status service of the `environments` plugin. The default reads each environment's cloud with the readers of `statusReadersRegistryServiceRef`; an adopter can replace
 * it with `createServiceFactory({ service: environmentStatusServiceRef, ... })`.
 * @public
 */
export const environmentStatusServiceRef: ServiceRef<
  EnvironmentStatusService,
  'plugin',
  'singleton'
> = createServiceRef<EnvironmentStatusService>({
  id: 'terrace.environments.status',
  scope: 'plugin',
  defaultFactory: async service =>
    defaultEnvironmentStatusServiceFactory(service),
});
