import { PROTOCOLS } from '../model';
import { ALL_PORTS, NO_PORTS, intersectPortSets, subtractPortSets, unionPortSets } from './port-set';
import { PortSet } from './types';

/** A port set's number in a PortSetTable. */
export type PortSetId = number;

/** NO_PORTS and ALL_PORTS are the first two sets of every table. */
export const NO_PORTS_ID: PortSetId = 0;
export const ALL_PORTS_ID: PortSetId = 1;

/** Equal for equal sets: every PortSet is normalized. */
function setKey(set: PortSet): string {
  return PROTOCOLS.map((protocol) => set[protocol].map((range) => `${range.from}-${range.to}`).join(',')).join('|');
}

/**
 * Distinct port sets, each held once and numbered, with unions and intersections memoized
 * by number. A cluster's rules produce a handful of distinct sets, so analysing thousands
 * of pairs costs array look-ups instead of range arithmetic, and equal results are one
 * shared object (renderers format each once).
 */
export class PortSetTable {
  private readonly sets: PortSet[] = [];
  private readonly idByKey = new Map<string, PortSetId>();
  private readonly unions: PortSetId[][] = [];
  private readonly intersections: PortSetId[][] = [];
  /** By [a][b]: subtraction is not commutative. */
  private readonly differences: PortSetId[][] = [];

  constructor() {
    this.intern(NO_PORTS);
    this.intern(ALL_PORTS);
  }

  /** The number of a set equal to `set`, adding it when new. */
  intern(set: PortSet): PortSetId {
    const key = setKey(set);
    let id = this.idByKey.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.idByKey.set(key, id);
    }
    return id;
  }

  get(id: PortSetId): PortSet {
    return this.sets[id];
  }

  union(a: PortSetId, b: PortSetId): PortSetId {
    if (a === b || b === NO_PORTS_ID) {
      return a;
    }
    if (a === NO_PORTS_ID) {
      return b;
    }
    return this.memoized(this.unions, a, b, unionPortSets);
  }

  intersect(a: PortSetId, b: PortSetId): PortSetId {
    if (a === b || b === ALL_PORTS_ID) {
      return a;
    }
    if (a === ALL_PORTS_ID) {
      return b;
    }
    return this.memoized(this.intersections, a, b, intersectPortSets);
  }

  /** The ports of `a` not in `b`. */
  subtract(a: PortSetId, b: PortSetId): PortSetId {
    if (a === NO_PORTS_ID || b === NO_PORTS_ID) {
      return a;
    }
    if (a === b || b === ALL_PORTS_ID) {
      return NO_PORTS_ID;
    }
    const row = (this.differences[a] ??= []);
    let id = row[b];
    if (id === undefined) {
      id = this.intern(subtractPortSets(this.sets[a], this.sets[b]));
      row[b] = id;
    }
    return id;
  }

  /** Both operations are commutative: one entry per unordered pair. */
  private memoized(memo: PortSetId[][], a: PortSetId, b: PortSetId, combine: (x: PortSet, y: PortSet) => PortSet): PortSetId {
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    const row = (memo[low] ??= []);
    let id = row[high];
    if (id === undefined) {
      id = this.intern(combine(this.sets[low], this.sets[high]));
      row[high] = id;
    }
    return id;
  }
}
