import type { ResolvedComponent, ResolvedUsage } from '../model/resolved';
import type { EnvironmentUsage } from '../spec/schema';

/**
 * Monthly usage assumptions for the estimate. A value in `spec.usage` wins; otherwise:
 *
 * | field               | default                                             | why                                   |
 * |---------------------|-----------------------------------------------------|---------------------------------------|
 * | cdnTransferGb       | 100 when the environment has a cdn, else 0          | a small site's monthly egress          |
 * | cdnRequestsMillions | 10 when the environment has a cdn, else 0           | ~100 KB per request at 100 GB          |
 * | natProcessedGb      | 10 per NAT gateway, 0 without NAT                   | image pulls, OS updates, API calls     |
 * | logIngestGb         | 1 per service or vm-group, plus 0.5 for flow logs   | quiet services at info level           |
 * | albLcu              | 1 per load balancer (each service/vm-group has one) | light traffic: under 25 new conn/s     |
 *
 * `albLcu` is the average number of load balancer capacity units each load balancer uses per hour.
 */
export function resolveUsage(
  usage: EnvironmentUsage | undefined,
  components: ResolvedComponent[],
  natGateways: number,
): ResolvedUsage {
  const hasCdn = components.some(c => c.type === 'cdn');
  const compute = components.filter(
    c => c.type === 'service' || c.type === 'vm-group',
  ).length;
  return {
    cdnTransferGb: usage?.cdnTransferGb ?? (hasCdn ? 100 : 0),
    cdnRequestsMillions: usage?.cdnRequestsMillions ?? (hasCdn ? 10 : 0),
    natProcessedGb: usage?.natProcessedGb ?? 10 * natGateways,
    logIngestGb: usage?.logIngestGb ?? compute + 0.5,
    albLcu: usage?.albLcu ?? 1,
  };
}
