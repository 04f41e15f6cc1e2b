import { PROTOCOLS, Protocol } from '../model';
import type { PortMatrixEntry } from './analyzer';
import { compareFlows } from './compare-flows';
import { isEmptyPortSet } from './port-set';
import { PortRange, PortSet } from './types';

/** Flows that one policy set allows and the other does not, per ordered pair. */
export interface PolicyDiff {
  /** Allowed after but not before; `ports` holds only the newly allowed ports. */
  readonly added: readonly PortMatrixEntry[];
  /** Allowed before but not after; `ports` holds only the ports no longer allowed. */
  readonly removed: readonly PortMatrixEntry[];
}

/** `a` minus `b`, both sorted and disjoint as in every PortSet. */
function subtractRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const result: PortRange[] = [];
  for (const range of a) {
    let from = range.from;
    for (const cut of b) {
      if (cut.to < from || cut.from > range.to) {
        continue;
      }
      if (cut.from > from) {
        result.push({ from, to: cut.from - 1 });
      }
      from = cut.to + 1;
    }
    if (from <= range.to) {
      result.push({ from, to: range.to });
    }
  }
  return result;
}

function subtractPortSets(a: PortSet, b: PortSet): PortSet {
  const result = {} as Record<Protocol, PortRange[]>;
  for (const protocol of PROTOCOLS) {
    result[protocol] = subtractRanges(a[protocol], b[protocol]);
  }
  return result;
}

function pairKey(flow: PortMatrixEntry): string {
  return `${flow.from}\n${flow.to}`;
}

/** For each pair of `from`, the ports `from` allows and `minus` does not; empty results dropped. */
function flowsMinus(from: readonly PortMatrixEntry[], minus: readonly PortMatrixEntry[]): PortMatrixEntry[] {
  const other = new Map(minus.map((flow) => [pairKey(flow), flow.ports]));
  const result: PortMatrixEntry[] = [];
  for (const flow of from) {
    const subtrahend = other.get(pairKey(flow));
    const ports = subtrahend ? subtractPortSets(flow.ports, subtrahend) : flow.ports;
    if (!isEmptyPortSet(ports)) {
      result.push({ from: flow.from, to: flow.to, ports });
    }
  }
  return result.sort(compareFlows);
}

/**
 * The flows added and removed between two port matrices computed over the same endpoints.
 * Pairs missing from a matrix allow nothing.
 */
export function diffPortMatrices(before: readonly PortMatrixEntry[], after: readonly PortMatrixEntry[]): PolicyDiff {
  return { added: flowsMinus(after, before), removed: flowsMinus(before, after) };
}
