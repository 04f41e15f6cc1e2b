import { Cidr, IpBlock, PRIVATE_RANGES, parseCidr } from '../model';

export { PRIVATE_RANGES };

/** PRIVATE_RANGES parsed once; every entry is a valid CIDR. */
const PRIVATE_NETWORKS = PRIVATE_RANGES.map((text) => ({ text, range: parseCidr(text) as Cidr }));

interface Interval {
  readonly first: bigint;
  readonly last: bigint;
}

/** True when every address of `target` lies in one of `covers`. */
function fullyCovered(target: Interval, covers: readonly Interval[]): boolean {
  let next = target.first;
  for (const cover of [...covers].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
    if (cover.first > next) {
      return false;
    }
    if (cover.last >= next) {
      if (cover.last >= target.last) {
        return true;
      }
      next = cover.last + 1n;
    }
  }
  return false;
}

/**
 * The private ranges (PRIVATE_RANGES, in that order) that the ipBlock still reaches: its cidr
 * overlaps them and its excepts do not cover the overlap. So `0.0.0.0/0` except 10.0.0.0/8
 * returns the other IPv4 ranges, and `10.1.0.0/16` returns `10.0.0.0/8`. An unparsable cidr
 * reaches nothing (validateNetworkPolicy reports it); unparsable excepts cover nothing.
 */
export function uncoveredPrivateRanges(ipBlock: IpBlock): string[] {
  const cidr = parseCidr(ipBlock.cidr);
  if (!cidr) {
    return [];
  }
  const excepts: Interval[] = [];
  for (const text of ipBlock.except ?? []) {
    const except = parseCidr(text);
    if (except && except.family === cidr.family) {
      excepts.push({ first: except.network, last: except.last });
    }
  }
  return PRIVATE_NETWORKS.filter(({ range }) => {
    if (range.family !== cidr.family) {
      return false;
    }
    const overlap = {
      first: range.network > cidr.network ? range.network : cidr.network,
      last: range.last < cidr.last ? range.last : cidr.last,
    };
    return overlap.first <= overlap.last && !fullyCovered(overlap, excepts);
  }).map(({ text }) => text);
}
