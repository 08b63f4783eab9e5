import { cloudProfiles } from '../../clouds';
import type { Cloud, Tier } from '../../model/resolved';
import type { ComponentSpec } from '../components';
import {
  formatBlock,
  isNetworkAddress,
  isPrivate,
  maxPrefixForZones,
  networkOf,
  parseCidr,
} from '../network';
import { show } from '../problems';
import { tierPresets } from '../tiers';
import type { Report } from './types';

/** The cloud's network limits; without a (valid) cloud, the strictest of all clouds. */
function networkLimits(cloud: Cloud | undefined) {
  if (cloud) return cloudProfiles[cloud].network;
  const all = Object.values(cloudProfiles).map(p => p.network);
  return {
    maxNetworkPrefix: Math.max(...all.map(n => n.maxNetworkPrefix)),
    minSubnetPrefix: Math.min(...all.map(n => n.minSubnetPrefix)),
  };
}

function zonesOf(network: { zones?: number }, preset: { zones: number }) {
  return network.zones ?? preset.zones;
}

export function checkNetwork(
  network: { cidr?: string; zones?: number; natGateways?: number },
  tier: Tier,
  cloud: Cloud | undefined,
  components: Array<{ component: ComponentSpec }> | undefined,
  report: Report,
) {
  const preset = tierPresets[tier].network;
  const limits = networkLimits(cloud);
  const maxPrefix = maxPrefixForZones(
    zonesOf(network, preset),
    limits.minSubnetPrefix,
  );
  const zones = zonesOf(network, preset);
  if (network.cidr !== undefined) {
    const block = parseCidr(network.cidr);
    if (block) {
      const path = ['spec', 'network', 'cidr'];
      if (!isNetworkAddress(block)) {
        report(
          path,
          `${show(
            network.cidr,
          )} has host bits set; the network address is ${formatBlock(
            networkOf(block),
          )}`,
        );
      }
      if (!isPrivate(block)) {
        report(
          path,
          `${show(
            network.cidr,
          )} is not a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)`,
        );
      }
      if (block.prefix < limits.maxNetworkPrefix) {
        report(
          path,
          `${show(network.cidr)} is larger than a network can be (/${
            limits.maxNetworkPrefix
          } at most)`,
        );
      } else if (block.prefix > maxPrefix) {
        report(
          path,
          `${show(
            network.cidr,
          )} is too small for ${zones} zones: public, private and data subnets per zone need a /${maxPrefix} or larger`,
        );
      }
    }
  }
  if (network.natGateways !== undefined) {
    const n = network.natGateways;
    if (n !== 0 && n !== 1 && n !== zones) {
      report(
        ['spec', 'network', 'natGateways'],
        `must be 0, 1 (shared) or ${zones} (one per zone), not ${n}`,
      );
    }
    const compute = components?.find(
      c => c.component.type === 'service' || c.component.type === 'vm-group',
    );
    if (n === 0 && compute) {
      report(
        ['spec', 'network', 'natGateways'],
        `is 0, but ${compute.component.type} "${compute.component.name}" runs in private subnets and needs outbound access (image pulls, updates); use 1 or more`,
      );
    }
  }
}
