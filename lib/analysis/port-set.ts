import { MAX_PORT, MIN_PORT, PROTOCOLS, Protocol } from '../model';
import { PortProbe, PortRange, PortSet } from './types';

/** Nothing allowed. */
export const NO_PORTS: PortSet = { TCP: [], UDP: [], SCTP: [] };

/** Every port of every protocol. */
export const ALL_PORTS: PortSet = {
  TCP: [{ from: MIN_PORT, to: MAX_PORT }],
  UDP: [{ from: MIN_PORT, to: MAX_PORT }],
  SCTP: [{ from: MIN_PORT, to: MAX_PORT }],
};

/** Sorts, merges overlapping and adjacent ranges, and clips to 1..65535. */
function normalize(ranges: readonly PortRange[]): PortRange[] {
  const sorted = ranges
    .map((range) => ({ from: Math.max(range.from, MIN_PORT), to: Math.min(range.to, MAX_PORT) }))
    .filter((range) => range.from <= range.to)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) {
      merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/** The inclusive range `from..to` of one protocol. */
export function portRangeSet(protocol: Protocol, from: number, to: number = from): PortSet {
  return { ...NO_PORTS, [protocol]: normalize([{ from, to }]) };
}

export function unionPortSets(...sets: readonly PortSet[]): PortSet {
  const result: Record<Protocol, PortRange[]> = { TCP: [], UDP: [], SCTP: [] };
  for (const protocol of PROTOCOLS) {
    result[protocol] = normalize(sets.flatMap((set) => set[protocol]));
  }
  return result;
}

function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const result: PortRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i].from, b[j].from);
    const to = Math.min(a[i].to, b[j].to);
    if (from <= to) {
      result.push({ from, to });
    }
    if (a[i].to < b[j].to) {
      i++;
    } else {
      j++;
    }
  }
  return result;
}

/** Applies a range operation protocol by protocol. */
function perProtocol(a: PortSet, b: PortSet, combine: (x: readonly PortRange[], y: readonly PortRange[]) => PortRange[]): PortSet {
  return { TCP: combine(a.TCP, b.TCP), UDP: combine(a.UDP, b.UDP), SCTP: combine(a.SCTP, b.SCTP) };
}

/** Both inputs must be normalized (as every PortSet is). */
export function intersectPortSets(a: PortSet, b: PortSet): PortSet {
  return perProtocol(a, b, intersectRanges);
}

function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const result: PortRange[] = [];
  for (const range of a) {
    let from = range.from;
    for (const hole of b) {
      if (hole.to < from || hole.from > range.to) {
        continue;
      }
      if (hole.from > from) {
        result.push({ from, to: hole.from - 1 });
      }
      from = Math.max(from, hole.to + 1);
    }
    if (from <= range.to) {
      result.push({ from, to: range.to });
    }
  }
  return result;
}

/** The ports of `a` not in `b`; both normalized (as every PortSet is). */
export function subtractPortSets(a: PortSet, b: PortSet): PortSet {
  return perProtocol(a, b, subtractRanges);
}

export function isEmptyPortSet(set: PortSet): boolean {
  return PROTOCOLS.every((protocol) => set[protocol].length === 0);
}

export function portSetHas(set: PortSet, probe: PortProbe): boolean {
  return set[probe.protocol].some((range) => range.from <= probe.port && probe.port <= range.to);
}

function isWholeProtocol(ranges: readonly PortRange[]): boolean {
  return ranges.length === 1 && ranges[0].from === MIN_PORT && ranges[0].to === MAX_PORT;
}

/**
 * A short stable text: `all`, `none`, or a list such as `TCP 80, TCP 8000-8080, UDP 53`,
 * with `UDP all` for every port of a protocol.
 */
export function formatPortSet(set: PortSet): string {
  if (PROTOCOLS.every((protocol) => isWholeProtocol(set[protocol]))) {
    return 'all';
  }
  const parts: string[] = [];
  for (const protocol of PROTOCOLS) {
    const ranges = set[protocol];
    if (isWholeProtocol(ranges)) {
      parts.push(`${protocol} all`);
      continue;
    }
    for (const range of ranges) {
      parts.push(`${protocol} ${range.from === range.to ? range.from : `${range.from}-${range.to}`}`);
    }
  }
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** The lowest port of the set, TCP before UDP before SCTP; undefined for an empty set. */
export function firstProbe(set: PortSet): PortProbe | undefined {
  const protocol = PROTOCOLS.find((candidate) => set[candidate].length > 0);
  return protocol === undefined ? undefined : { protocol, port: set[protocol][0].from };
}

/** `TCP/80`, the way a single probe is named in reports. */
export function formatProbe(probe: PortProbe): string {
  return `${probe.protocol}/${probe.port}`;
}
