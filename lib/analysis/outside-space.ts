import { Cidr, ClusterModel, PRIVATE_RANGES, addressBits, formatCidr, parseCidr, parseIp } from '../model';

/**
 * The address space outside the cluster, cut so that it can be judged exactly: named regions
 * (the public internet of each family, each private range, any address or network the user
 * names) and, within them, runs of addresses that no ipBlock of the policies tells apart.
 */
export interface OutsideSpace {
  /** In report order: per family (IPv4 first) its public internet, the private ranges, then the user's. */
  readonly regions: readonly OutsideRegion[];
  /** Every address of both families, in address order, each in exactly one run. */
  readonly runs: readonly AddressRun[];
}

/** A named part of the outside address space. */
export interface OutsideRegion {
  /** `public IPv4`, `public IPv6`, or the network (`10.0.0.0/8`) or address it is. */
  readonly name: string;
  readonly family: 4 | 6;
  /** Undefined for the public internet: the addresses of its family that no other region holds. */
  readonly cidr?: Cidr;
}

/**
 * Addresses that every ipBlock (cidr and except) of the policies either holds all of or none
 * of, inside one region: one address stands for all of them.
 */
export interface AddressRun {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
  /** Index into OutsideSpace.regions: the smallest region holding the run. */
  readonly region: number;
  /** The first address as text: the one the analyzer is asked about. */
  readonly address: string;
}

/** Every address of the family runs from 0 to this. */
function lastAddress(family: 4 | 6): bigint {
  return (1n << BigInt(addressBits(family))) - 1n;
}

/** An address as text (`10.0.0.1`, `fd00::1`). */
export function addressText(family: 4 | 6, value: bigint): string {
  const text = formatCidr({ family, network: value, last: value, prefix: addressBits(family), hostBitsSet: false });
  return text.slice(0, text.indexOf('/'));
}

/** The cidr and every except of every ipBlock of the policies; unparsable ones (validation reports them) left out. */
export function ipBlockCidrs(model: ClusterModel): Cidr[] {
  const ipBlocks = model.policies
    .flatMap(({ policy }) => [...(policy.spec.ingress ?? []).flatMap((rule) => rule.from ?? []), ...(policy.spec.egress ?? []).flatMap((rule) => rule.to ?? [])])
    .flatMap((peer) => (peer.ipBlock ? [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])] : []));
  // Admin-tier `networks` (egress only) split the outside too.
  const networks = (model.adminTierPolicies ?? []).flatMap(({ policy }) => (policy.spec.egress ?? []).flatMap((rule) => rule.to.flatMap((peer) => peer.networks ?? [])));
  return [...ipBlocks, ...networks].flatMap((text) => parseCidr(text) ?? []);
}

/** An IP as a network of one address, or a CIDR; undefined for anything else. */
export function parseAddressOrNetwork(text: string): Cidr | undefined {
  const ip = parseIp(text);
  if (ip) {
    return { family: ip.family, network: ip.value, last: ip.value, prefix: addressBits(ip.family), hostBitsSet: false };
  }
  return parseCidr(text);
}

function regionName(cidr: Cidr): string {
  return cidr.prefix === addressBits(cidr.family) ? addressText(cidr.family, cidr.network) : formatCidr(cidr);
}

/** An address or network for the outside space (`--external`) that is neither an IP nor a CIDR. */
export class OutsideAddressError extends Error {
  /** Machine-readable: what went wrong. */
  readonly code = 'INVALID_OUTSIDE_ADDRESS';

  /** The text given, as given. */
  readonly address: string;

  constructor(address: string) {
    super(`${JSON.stringify(address)} is not an IP address or CIDR (e.g. 203.0.113.9 or 203.0.113.0/24)`);
    this.name = 'OutsideAddressError';
    this.address = address;
  }
}

/**
 * The outside space as the policies of every model see it. `externals` are addresses or
 * networks (`--external`) that get a region of their own; OutsideAddressError for one that is
 * neither an IP nor a CIDR (parseAddressOrNetwork).
 */
export function outsideSpace(models: readonly ClusterModel[], externals: readonly string[] = []): OutsideSpace {
  const named = new Map<string, Cidr>();
  for (const text of [...PRIVATE_RANGES, ...externals]) {
    const cidr = parseAddressOrNetwork(text);
    if (!cidr) {
      throw new OutsideAddressError(text);
    }
    named.set(regionName(cidr), cidr);
  }
  const regions: OutsideRegion[] = [];
  for (const family of [4, 6] as const) {
    regions.push({ name: `public IPv${family}`, family });
    for (const [name, cidr] of named) {
      if (cidr.family === family) {
        regions.push({ name, family, cidr });
      }
    }
  }
  const cuts = [...regions.flatMap((region) => (region.cidr ? [region.cidr] : [])), ...models.flatMap(ipBlockCidrs)];
  const runs: AddressRun[] = [];
  for (const family of [4, 6] as const) {
    const starts = new Set<bigint>([0n]);
    for (const cidr of cuts) {
      if (cidr.family === family) {
        starts.add(cidr.network);
        if (cidr.last < lastAddress(family)) {
          starts.add(cidr.last + 1n);
        }
      }
    }
    const sorted = [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    sorted.forEach((first, i) => {
      const last = i + 1 < sorted.length ? sorted[i + 1] - 1n : lastAddress(family);
      runs.push({ family, first, last, region: smallestRegion(regions, family, first), address: addressText(family, first) });
    });
  }
  return { regions, runs };
}

/** No cut lies inside a run, so the region holding its first address holds all of it: the smallest network holding it, else the public internet. */
function smallestRegion(regions: readonly OutsideRegion[], family: 4 | 6, address: bigint): number {
  let best = regions.findIndex((region) => region.family === family && !region.cidr);
  let bestPrefix = -1;
  regions.forEach((region, index) => {
    if (region.cidr && region.family === family && region.cidr.network <= address && address <= region.cidr.last && region.cidr.prefix > bestPrefix) {
      best = index;
      bestPrefix = region.cidr.prefix;
    }
  });
  return best;
}

/** The fewest CIDRs holding exactly the addresses first..last. */
function cidrCover(family: 4 | 6, first: bigint, last: bigint): string[] {
  const bits = addressBits(family);
  const cidrs: string[] = [];
  let start = first;
  while (start <= last) {
    let size = start === 0n ? 1n << BigInt(bits) : start & -start;
    while (start + size - 1n > last) {
      size >>= 1n;
    }
    const prefix = bits - (size.toString(2).length - 1);
    cidrs.push(formatCidr({ family, network: start, last: start + size - 1n, prefix, hostBitsSet: false }));
    start += size;
  }
  return cidrs;
}

/** The fewest CIDRs holding exactly the addresses of the runs (in address order). */
function runsCidrs(runs: readonly AddressRun[]): string[] {
  const cidrs: string[] = [];
  let i = 0;
  while (i < runs.length) {
    let j = i;
    while (j + 1 < runs.length && runs[j + 1].family === runs[i].family && runs[j + 1].first === runs[j].last + 1n) {
      j++;
    }
    cidrs.push(...cidrCover(runs[i].family, runs[i].first, runs[j].last));
    i = j + 1;
  }
  return cidrs;
}

/** Some addresses outside the cluster, named for reports, with the exact networks they are. */
export interface OutsideAddresses {
  /**
   * `anywhere outside`, `any IPv4`, `any IPv6`, or regions joined by ` + `: a region's name
   * when all of it is meant, else the CIDRs meant or `<region> except <cidrs>`,
   * whichever lists fewer networks.
   */
  readonly label: string;
  /** The addresses as the fewest CIDRs, in address order. */
  readonly cidrs: readonly string[];
}

/** Names the addresses of some runs (indices into space.runs, ascending). */
export function describeRuns(space: OutsideSpace, picked: readonly number[]): OutsideAddresses {
  const chosen = new Set(picked);
  const runs = picked.map((index) => space.runs[index]);
  const cidrs = runsCidrs(runs);
  if (chosen.size === space.runs.length) {
    return { label: 'anywhere outside', cidrs };
  }
  const parts: string[] = [];
  for (const family of [4, 6] as const) {
    const ofFamily = space.runs.map((run, index) => ({ run, index })).filter(({ run }) => run.family === family);
    if (ofFamily.every(({ index }) => chosen.has(index))) {
      parts.push(`any IPv${family}`);
      continue;
    }
    space.regions.forEach((region, regionIndex) => {
      if (region.family !== family) {
        return;
      }
      const inside = ofFamily.filter(({ run, index }) => run.region === regionIndex && chosen.has(index)).map(({ run }) => run);
      if (inside.length === 0) {
        return;
      }
      // The region's name stands for all its addresses, those of regions nested in it (an
      // --external inside 10.0.0.0/8) included: what is not meant is named after `except`.
      const cidr = region.cidr;
      const within = cidr ? ofFamily.filter(({ run }) => cidr.network <= run.first && run.last <= cidr.last) : ofFamily.filter(({ run }) => run.region === regionIndex);
      const left = runsCidrs(within.filter(({ index }) => !chosen.has(index)).map(({ run }) => run));
      if (left.length === 0) {
        parts.push(region.name);
        return;
      }
      const held = runsCidrs(inside);
      parts.push(held.length <= left.length ? held.join(', ') : `${region.name} except ${left.join(', ')}`);
    });
  }
  return { label: parts.join(' + '), cidrs };
}
