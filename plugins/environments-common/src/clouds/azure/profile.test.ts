import type { ResolvedAlarm } from '../../model/resolved';
import { azureProfile, neutralAzureAlarm } from './profile';

describe('neutralAzureAlarm', () => {
  const watched: [ResolvedAlarm['source'], ResolvedAlarm['signal']][] = [
    ['postgres', 'cpu'],
    ['postgres', 'free-storage'],
    ['postgres', 'replica-lag'],
    ['redis', 'cpu'],
    ['redis', 'memory'],
    ['redis', 'evictions'],
    ['service', 'cpu'],
    ['service', 'memory'],
    ['vm-group', 'cpu'],
    ['load-balancer', 'server-errors'],
    ['load-balancer', 'unhealthy-targets'],
  ];
  const directions: ResolvedAlarm['direction'][] = [
    'above',
    'at-or-above',
    'below',
    'at-or-below',
  ];

  it('reads every metric alert criterion the Azure profile writes back to the same neutral alarm', () => {
    for (const [source, signal] of watched) {
      for (const direction of directions) {
        const metric = azureProfile.alarmMetric({
          source,
          signal,
          direction,
          aggregation: 'average',
        } as ResolvedAlarm);
        expect(metric).toBeDefined();
        expect(
          neutralAzureAlarm({
            // Azure answers namespaces in either case
            namespace: metric!.namespace.toLowerCase(),
            metric: metric!.metric,
            operator: metric!.comparison,
          }),
        ).toEqual({ source, signal, direction });
      }
    }
  });

  it('knows no metric Terrace does not create', () => {
    expect(
      neutralAzureAlarm({
        namespace: 'Microsoft.Network/loadBalancers',
        metric: 'DipAvailability',
        operator: 'LessThan',
      }),
    ).toBeUndefined();
    expect(
      neutralAzureAlarm({
        namespace: 'Microsoft.DBforPostgreSQL/flexibleServers',
        metric: 'cpu_percent',
        operator: 'GreaterOrLessThan',
      }),
    ).toBeUndefined();
  });
});
