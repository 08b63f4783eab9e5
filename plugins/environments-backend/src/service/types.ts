import type {
  AlarmsSection,
  BackupsSection,
  CostSection,
  OverviewItem,
  ResourcesSection,
} from '@terrace/plugin-environments-common';
import type { EnvironmentRef } from '../locate/locateEnvironment';

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
