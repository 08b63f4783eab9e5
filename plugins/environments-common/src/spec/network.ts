/**
 * IPv4 arithmetic for the network rules and the subnet plan. Isomorphic (no Node `net`).
 */

/** @public A parsed IPv4 CIDR block. */
export interface Ipv4Block {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

/** Parses `a.b.c.d/n`; undefined when it is not one. */
export function parseCidr(cidr: string): Ipv4Block | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(
    cidr,
  );
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some(o => o > 255) || prefix > 32) return undefined;
  const base =
    ((octets[0] << 24) >>> 0) +
    (octets[1] << 16) +
    (octets[2] << 8) +
    octets[3];
  return { base, prefix };
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** True when the address has no bits set outside the prefix. */
export function isNetworkAddress(block: Ipv4Block): boolean {
  return (block.base & ~mask(block.prefix)) >>> 0 === 0;
}

/** The block with its host bits cleared. */
export function networkOf(block: Ipv4Block): Ipv4Block {
  return {
    base: (block.base & mask(block.prefix)) >>> 0,
    prefix: block.prefix,
  };
}

export function formatBlock(block: Ipv4Block): string {
  const b = block.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${
    block.prefix
  }`;
}

/** The RFC 1918 private ranges. */
export const PRIVATE_RANGES: readonly Ipv4Block[] = [
  { base: 0x0a000000, prefix: 8 },
  { base: 0xac100000, prefix: 12 },
  { base: 0xc0a80000, prefix: 16 },
];

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return (
    inner.prefix >= outer.prefix &&
    (inner.base & mask(outer.prefix)) >>> 0 === outer.base
  );
}

export function isPrivate(block: Ipv4Block): boolean {
  return PRIVATE_RANGES.some(r => contains(r, block));
}

/**
 * The subnet plan: the network is split into four equal groups (public, private, data and one
 * spare for later growth), each holding one subnet per zone, rounded up to a power of two.
 * So 2 zones take 3 extra prefix bits (a /16 gives /19 subnets) and 3 zones take 4 (/20).
 */
export function subnetNewBits(zones: number): number {
  return 2 + Math.ceil(Math.log2(Math.max(1, zones)));
}

/**
 * The smallest network (largest prefix) that fits the plan for `zones` when the cloud's smallest
 * subnet is a `/minSubnetPrefix` (its profile's `network.minSubnetPrefix`).
 */
export function maxPrefixForZones(
  zones: number,
  minSubnetPrefix: number,
): number {
  return minSubnetPrefix - subnetNewBits(zones);
}

/** The i-th subnet of `newBits` extra prefix bits inside `block`. */
export function subnet(
  block: Ipv4Block,
  newBits: number,
  index: number,
): Ipv4Block {
  const prefix = block.prefix + newBits;
  const size = 2 ** (32 - prefix);
  return { base: (block.base + index * size) >>> 0, prefix };
}

/** Public, private and data subnets, one per zone each. */
export function planSubnets(
  cidr: string,
  zones: number,
): {
  publicSubnets: string[];
  privateSubnets: string[];
  dataSubnets: string[];
} {
  const block = parseCidr(cidr);
  if (!block) {
    throw new TypeError(`Not an IPv4 CIDR block: ${cidr}`);
  }
  const newBits = subnetNewBits(zones);
  const perGroup = 2 ** (newBits - 2);
  const group = (g: number) =>
    Array.from({ length: zones }, (_, z) =>
      formatBlock(subnet(block, newBits, g * perGroup + z)),
    );
  return {
    publicSubnets: group(0),
    privateSubnets: group(1),
    dataSubnets: group(2),
  };
}
