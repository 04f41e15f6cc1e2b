/**
 * The e2e suite's Reachability (test/e2e/network/netpol/reachability.go): start from a
 * default for every ordered pair of pods, then mark expectations. Pods are `namespace/name`.
 */

/** Pods a peer pattern covers: a namespace, a pod name, both, or neither (every pod). */
export interface PeerPattern {
  readonly namespace?: string;
  readonly pod?: string;
}

export const NAMESPACES = ['x', 'y', 'z'] as const;
export const POD_NAMES = ['a', 'b', 'c'] as const;
export const ALL_PODS: readonly string[] = NAMESPACES.flatMap((ns) => POD_NAMES.map((pod) => `${ns}/${pod}`));

/** The pattern covering exactly one pod. */
function podPattern(pod: string): PeerPattern {
  const [namespace, name] = pod.split('/');
  return { namespace, pod: name };
}

function matches(pattern: PeerPattern, pod: string): boolean {
  const [namespace, name] = pod.split('/');
  return (pattern.namespace === undefined || pattern.namespace === namespace) && (pattern.pod === undefined || pattern.pod === name);
}

export class TruthTable {
  private readonly allowed = new Map<string, boolean>();

  constructor(private readonly pods: readonly string[] = ALL_PODS, defaultAllowed = true) {
    for (const from of pods) {
      for (const to of pods) {
        this.allowed.set(`${from}>${to}`, defaultAllowed);
      }
    }
  }

  /** One ordered pair. */
  expect(from: string, to: string, allowed: boolean): this {
    return this.expectPeer(podPattern(from), podPattern(to), allowed);
  }

  /** Every pair whose source matches `from` and destination matches `to`. */
  expectPeer(from: PeerPattern, to: PeerPattern, allowed: boolean): this {
    for (const source of this.pods.filter((pod) => matches(from, pod))) {
      for (const destination of this.pods.filter((pod) => matches(to, pod))) {
        this.allowed.set(`${source}>${destination}`, allowed);
      }
    }
    return this;
  }

  /** Everything into `pod`. */
  expectAllIngress(pod: string, allowed: boolean): this {
    return this.expectPeer({}, podPattern(pod), allowed);
  }

  /** Everything out of `pod`. */
  expectAllEgress(pod: string, allowed: boolean): this {
    return this.expectPeer(podPattern(pod), {}, allowed);
  }

  /** Allowed pairs sorted by source then destination, as `netpol reach --format json` lists them. */
  allowedPairs(): [string, string][] {
    const pairs: [string, string][] = [];
    for (const from of this.pods) {
      for (const to of this.pods) {
        if (this.allowed.get(`${from}>${to}`)) {
          pairs.push([from, to]);
        }
      }
    }
    return pairs;
  }
}
