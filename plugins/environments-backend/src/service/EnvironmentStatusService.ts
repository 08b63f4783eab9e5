import {
  createServiceRef,
  type ServiceRef,
} from '@backstage/backend-plugin-api';
import type {
  AlarmsSection,
  BackupsSection,
  CostSection,
  OverviewItem,
  ResourcesSection,
} from '@terrace/plugin-environments-common';
import type { EnvironmentRef } from '../locate/locateEnvironment';
import { defaultEnvironmentStatusServiceFactory } from './defaultFactory';

/**
 * Answers the four status sections of one environment and the overview of many. Each answer
 * carries its own status: a failing cloud call degrades its section, it never throws.
 * Replace it by registering a factory for {@link environmentStatusServiceRef}.
 * @public
 */
export interface EnvironmentStatusService {
  getResources(environment: EnvironmentRef): Promise<ResourcesSection>;
  getAlarms(environment: EnvironmentRef): Promise<AlarmsSection>;
  getBackups(environment: EnvironmentRef): Promise<BackupsSection>;
  getCost(environment: EnvironmentRef): Promise<CostSection>;
  /** One overview row per environment: alarm counts, worst backup health, cost vs estimate. */
  getOverview(environments: EnvironmentRef[]): Promise<OverviewItem[]>;
}

/**
 * The status service of the `environments` plugin. The default reads AWS; an adopter can replace
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
