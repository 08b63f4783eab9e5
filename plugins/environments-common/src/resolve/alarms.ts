import { alarmName } from '../annotations';
import type { CloudProfile } from '../clouds/types';
import type { ResolvedAlarm, ResolvedComponent } from '../model/resolved';

/**
 * The alarm list per component (contract section 2: names are `<environment>/<component>/<check>`):
 *
 * | component        | checks                                                                  |
 * |------------------|-------------------------------------------------------------------------|
 * | postgres         | cpu-high, free-storage-low, connections-high (where the cloud's profile |
 * |                  | knows the default max_connections), replica-lag-high (replicas)         |
 * | redis            | cpu-high, memory-high, evictions                                        |
 * | service/vm-group | unhealthy-targets, 5xx-high, cpu-high, memory-high                      |
 *
 * Alarms are neutral (a signal, a direction, a threshold and its unit); each cloud's profile maps
 * them to its own metrics (`CloudProfile.alarmMetric`).
 */

type Check = Omit<ResolvedAlarm, 'name' | 'component'>;

const GIB = 1024 ** 3;

/** 80% of the instance's default max_connections (at least 10), as its cloud states it. */
function connectionsThreshold(maxConnections: number): number {
  return Math.max(10, Math.floor(maxConnections * 0.8));
}

function checksFor(
  component: ResolvedComponent,
  profile: CloudProfile,
): Check[] {
  switch (component.type) {
    case 'postgres': {
      const checks: Check[] = [
        {
          check: 'cpu-high',
          description: 'Database CPU above 80% for 15 minutes',
          source: 'postgres',
          signal: 'cpu',
          unit: 'percent',
          aggregation: 'average',
          direction: 'above',
          threshold: 80,
          periodSeconds: 300,
          evaluationPeriods: 3,
        },
        {
          check: 'free-storage-low',
          description: 'Free storage below 10% of allocated storage',
          source: 'postgres',
          signal: 'free-storage',
          unit: 'bytes',
          aggregation: 'minimum',
          direction: 'below',
          threshold: Math.round(component.storageGb * 0.1 * GIB),
          periodSeconds: 300,
          evaluationPeriods: 1,
        },
      ];
      const maxConnections = profile.postgresMaxConnections?.(component.size);
      if (maxConnections !== undefined) {
        checks.push({
          check: 'connections-high',
          description: 'Connections above 80% of the instance maximum',
          source: 'postgres',
          signal: 'connections',
          unit: 'count',
          aggregation: 'maximum',
          direction: 'above',
          threshold: connectionsThreshold(maxConnections),
          periodSeconds: 300,
          evaluationPeriods: 2,
        });
      }
      if (component.readReplicas > 0) {
        checks.push({
          check: 'replica-lag-high',
          description: 'Read replica more than 60 seconds behind',
          source: 'postgres',
          signal: 'replica-lag',
          unit: 'seconds',
          aggregation: 'maximum',
          direction: 'above',
          threshold: 60,
          periodSeconds: 60,
          evaluationPeriods: 5,
        });
      }
      return checks;
    }
    case 'redis':
      return [
        {
          check: 'cpu-high',
          description: 'Engine CPU above 80% for 15 minutes',
          source: 'redis',
          signal: 'cpu',
          unit: 'percent',
          aggregation: 'average',
          direction: 'above',
          threshold: 80,
          periodSeconds: 300,
          evaluationPeriods: 3,
        },
        {
          check: 'memory-high',
          description: 'Memory use above 80%',
          source: 'redis',
          signal: 'memory',
          unit: 'percent',
          aggregation: 'average',
          direction: 'above',
          threshold: 80,
          periodSeconds: 300,
          evaluationPeriods: 3,
        },
        {
          check: 'evictions',
          description: 'Keys evicted for lack of memory',
          source: 'redis',
          signal: 'evictions',
          unit: 'count',
          aggregation: 'sum',
          direction: 'above',
          threshold: 0,
          periodSeconds: 300,
          evaluationPeriods: 1,
        },
      ];
    case 'service':
    case 'vm-group': {
      return [
        {
          check: 'unhealthy-targets',
          description:
            'At least one target failing its health check for 3 minutes',
          source: 'load-balancer',
          signal: 'unhealthy-targets',
          unit: 'count',
          aggregation: 'maximum',
          direction: 'at-or-above',
          threshold: 1,
          periodSeconds: 60,
          evaluationPeriods: 3,
        },
        {
          check: '5xx-high',
          description:
            'More than 10 server errors (5xx) from targets in 5 minutes',
          source: 'load-balancer',
          signal: 'server-errors',
          unit: 'count',
          aggregation: 'sum',
          direction: 'above',
          threshold: 10,
          periodSeconds: 300,
          evaluationPeriods: 1,
        },
        {
          check: 'cpu-high',
          description: 'CPU above 80% for 15 minutes',
          source: component.type,
          signal: 'cpu',
          unit: 'percent',
          aggregation: 'average',
          direction: 'above',
          threshold: 80,
          periodSeconds: 300,
          evaluationPeriods: 3,
        },
        {
          check: 'memory-high',
          description: 'Memory above 80% for 15 minutes',
          source: component.type,
          signal: 'memory',
          unit: 'percent',
          aggregation: 'average',
          direction: 'above',
          threshold: 80,
          periodSeconds: 300,
          evaluationPeriods: 3,
        },
      ];
    }
    default:
      return [];
  }
}

/** @public Every alarm of the environment, in component order. */
export function resolveAlarms(
  environment: string,
  components: ResolvedComponent[],
  profile: CloudProfile,
): ResolvedAlarm[] {
  return components.flatMap(component =>
    checksFor(component, profile).map(check => ({
      name: alarmName(environment, component.name, check.check),
      component: component.name,
      ...check,
    })),
  );
}
