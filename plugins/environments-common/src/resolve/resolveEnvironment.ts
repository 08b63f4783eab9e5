import { TAG_ENVIRONMENT } from '../annotations';
import type { ResolvedEnvironment, ResolvedNetwork } from '../model/resolved';
import { planSubnets } from '../spec/network';
import type { Environment } from '../spec/schema';
import { cloudProfiles } from '../clouds';
import { tierPresets } from '../spec/tiers';
import { parseExpiresAt } from '../expiry/expiry';
import { resolveAlarms } from './alarms';
import { resolveComponent } from './components';
import { resolveUsage } from './usage';

/** @public Tag naming the tier on every resource. */
export const TAG_TIER = 'terrace:tier';
/** @public Tag naming the owning team on every resource. */
export const TAG_OWNER = 'terrace:owner';
/** @public Tag naming the catalog system, when the spec has one. */
export const TAG_SYSTEM = 'terrace:system';
/** @public Tag saying what manages the resource. */
export const TAG_MANAGED_BY = 'terrace:managed-by';

/**
 * Decides everything the spec leaves open: tier presets, the subnet plan, resource names, tags
 * and alarms. Takes a spec that `validateEnvironment` accepted; the result is plain data that the
 * Terraform emitters and the estimator only read.
 * @public
 */
export function resolveEnvironment(
  environment: Environment,
): ResolvedEnvironment {
  const { metadata, spec } = environment;
  const preset = tierPresets[spec.tier];
  const zones = spec.network?.zones ?? preset.network.zones;
  const presetNat = preset.network.natGateways;
  const natGateways =
    spec.network?.natGateways ?? (presetNat === 'per-zone' ? zones : presetNat);
  const cidr = spec.network?.cidr ?? preset.network.cidr;
  const network: ResolvedNetwork = {
    cidr,
    zones,
    natGateways,
    ...planSubnets(cidr, zones),
    flowLogRetentionDays: preset.network.flowLogRetentionDays,
  };

  const ctx = {
    environment: metadata.name,
    cloud: spec.cloud,
    preset,
    vpcCidr: cidr,
    components: spec.components,
  };
  const components = spec.components.map(c => resolveComponent(c, ctx));

  const tags: Record<string, string> = {
    [TAG_ENVIRONMENT]: metadata.name,
    [TAG_TIER]: spec.tier,
    [TAG_OWNER]: metadata.owner,
  };
  if (metadata.system) tags[TAG_SYSTEM] = metadata.system;
  tags[TAG_MANAGED_BY] = 'terrace';

  const resolved: ResolvedEnvironment = {
    apiVersion: environment.apiVersion,
    name: metadata.name,
    owner: metadata.owner,
    labels: [...(metadata.tags ?? [])],
    cloud: spec.cloud,
    region: spec.region,
    tier: spec.tier,
    policy: preset.policy,
    network,
    components,
    usage: resolveUsage(spec.usage, components, natGateways),
    tags,
    alarms: resolveAlarms(metadata.name, components, cloudProfiles[spec.cloud]),
  };
  if (metadata.title !== undefined) resolved.title = metadata.title;
  if (metadata.description !== undefined)
    resolved.description = metadata.description;
  if (metadata.system !== undefined) resolved.system = metadata.system;
  const expiresAt = parseExpiresAt(spec.expiresAt);
  if (expiresAt) resolved.expiresAt = expiresAt.toISOString();
  if (expiresAt && spec.destroyOnExpiry) resolved.destroyOnExpiry = true;
  return resolved;
}
