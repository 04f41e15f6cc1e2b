import { externalPeerOf } from '../analysis';
import {
  ClusterModel,
  Endpoint,
  Labels,
  Namespace,
  ObservedEnd,
  ObservedFlowGroup,
  ObservedFlows,
  ObservedPod,
  compareText,
  endpointId,
} from '../model';
import { isIdentityIgnoredLabel } from './hubble-labels';
import { formatLabels, observedEndKey } from './flow-groups';

/** One end of an observed flow in the terms of the estate. */
export type ResolvedEnd =
  /** An endpoint of the model; `observed` when it is not in the inputs and was added from the log's labels. */
  | { readonly kind: 'endpoint'; readonly id: string; readonly observed: boolean }
  /** Addresses outside the cluster: `label` as the log wrote it, `addresses` to probe (one per ipBlock run). */
  | { readonly kind: 'external'; readonly label: string; readonly addresses: readonly string[]; readonly identity?: string }
  /** An end the estate cannot stand for: its flows are reported, not judged. */
  | { readonly kind: 'unresolved'; readonly text: string; readonly reason: string };

/** An observed flow group with both ends resolved. */
export interface ResolvedFlowGroup {
  readonly group: ObservedFlowGroup;
  readonly from: ResolvedEnd;
  readonly to: ResolvedEnd;
}

/** An end of observed flows that matched no endpoint of the inputs, and what became of it. */
export interface UnmatchedEnd {
  /** The end as the log named it (`shop pod {app=web}`, `shop/web`). */
  readonly end: string;
  /** Why it matched nothing, and what was done. */
  readonly reason: string;
  /** The endpoint added for it (`namespace/name`), when its flows are judged by its observed labels. */
  readonly addedAs?: string;
  /** Observations of flows it is an end of. */
  readonly count: number;
}

/** Observed flows in the terms of the estate, and the model they are judged on. */
export interface ResolvedFlows {
  /** The estate's model plus an endpoint per observed pod no workload matched (and their namespaces' labels). */
  readonly model: ClusterModel;
  /** In the order the groups were first seen. */
  readonly groups: readonly ResolvedFlowGroup[];
  /** Sorted by end. */
  readonly unmatched: readonly UnmatchedEnd[];
}

/** Why an endpoint added from a flow log may be judged other than the cluster does. */
export const OBSERVED_ENDPOINT_CAVEAT =
  'not in the inputs: judged by the labels the flow log saw; its container ports are unknown, so named ports do not resolve on it';

/** The observed end as reports name it. */
export function describeObservedEnd(end: ObservedEnd): string {
  switch (end.kind) {
    case 'pod':
      return `${end.namespace} pod {${formatLabels(end.labels)}}${end.workload ? ` of ${end.workload.kind || 'workload'} ${end.workload.name}` : ''}`;
    case 'workload':
      return `${end.namespace}/${end.name}`;
    case 'address':
      return end.identity ? `${end.ip} (${end.identity})` : end.ip;
    case 'network':
      return end.cidr;
  }
}

/**
 * Whether a workload's labels match an observed pod's: every label of the workload is on the
 * pod with the same value, except labels Cilium keeps out of identities (Hubble never shows
 * them). The pod may carry more.
 */
function labelsMatch(workload: Labels, pod: Labels): boolean {
  for (const [key, value] of Object.entries(workload)) {
    if (Object.prototype.hasOwnProperty.call(pod, key) ? pod[key] !== value : !isIdentityIgnoredLabel(key)) {
      return false;
    }
  }
  return true;
}

function isSubset(smaller: Labels, larger: Labels): boolean {
  return Object.entries(smaller).every(([key, value]) => larger[key] === value);
}

/**
 * The estate's endpoints for observed flows: a pod matches the endpoints of its namespace whose
 * labels it carries (labelsMatch); of several, the most specific (no other match's labels
 * include its own), then the one its workload names. A pod no endpoint matches becomes an
 * endpoint of its own, named by its workload or labels, so its flows are judged by what
 * policies select; an IP that is an endpoint's pod IP is that endpoint; other addresses and
 * networks are outside the cluster. Nothing observed is dropped: ends that cannot be judged
 * are `unresolved` and listed in `unmatched` with why.
 */
export function resolveFlows(model: ClusterModel, observed: ObservedFlows): ResolvedFlows {
  const byNamespace = new Map<string, Endpoint[]>();
  const byIp = new Map<string, string>();
  const ids = new Set<string>();
  for (const endpoint of model.endpoints) {
    const list = byNamespace.get(endpoint.namespace) ?? [];
    list.push(endpoint);
    byNamespace.set(endpoint.namespace, list);
    endpoint.ips.forEach((ip) => byIp.set(ip, endpointId(endpoint)));
    ids.add(endpointId(endpoint));
  }
  const added: Endpoint[] = [];
  const addedNamespaces = new Map<string, Namespace>();
  const declaredNamespaces = new Set(model.namespaces.map((namespace) => namespace.name));
  const resolved = new Map<string, ResolvedEnd>();
  const unmatched = new Map<string, { end: string; reason: string; addedAs?: string; count: number }>();

  const note = (end: ObservedEnd, count: number, reason: string, addedAs?: string): void => {
    const key = observedEndKey(end);
    const entry = unmatched.get(key) ?? { end: describeObservedEnd(end), reason, ...(addedAs ? { addedAs } : {}), count: 0 };
    entry.count += count;
    unmatched.set(key, entry);
  };

  const addObservedPod = (pod: ObservedPod): string => {
    const labelText = formatLabels(pod.labels);
    const base = pod.workload?.name ?? (labelText === '' ? '(no labels)' : labelText);
    const id = ids.has(`${pod.namespace}/${base}`) ? `${pod.namespace}/${base} (observed)` : `${pod.namespace}/${base}`;
    ids.add(id);
    added.push({
      namespace: pod.namespace,
      name: id.slice(pod.namespace.length + 1),
      kind: pod.workload?.kind || 'Pod',
      labels: pod.labels,
      ports: [],
      ips: [],
      source: { file: 'observed flows' },
      caveats: [OBSERVED_ENDPOINT_CAVEAT],
    });
    if (pod.namespaceLabels && !declaredNamespaces.has(pod.namespace) && !addedNamespaces.has(pod.namespace)) {
      addedNamespaces.set(pod.namespace, { name: pod.namespace, labels: pod.namespaceLabels, source: { file: 'observed flows' } });
    }
    return id;
  };

  const resolvePod = (pod: ObservedPod): ResolvedEnd => {
    const candidates = (byNamespace.get(pod.namespace) ?? []).filter((endpoint) => labelsMatch(endpoint.labels, pod.labels));
    let best = candidates.filter((candidate) => !candidates.some((other) => other !== candidate && isSubset(candidate.labels, other.labels) && !isSubset(other.labels, candidate.labels)));
    if (best.length > 1 && pod.workload) {
      const named = best.filter((endpoint) => endpoint.name === pod.workload!.name || endpoint.workload?.name === pod.workload!.name);
      best = named.length > 0 ? named : best;
    }
    if (best.length === 1) {
      return { kind: 'endpoint', id: endpointId(best[0]), observed: false };
    }
    if (best.length > 1) {
      return {
        kind: 'unresolved',
        text: describeObservedEnd(pod),
        reason: `matches several endpoints alike: ${best.map(endpointId).sort(compareText).join(', ')}`,
      };
    }
    return { kind: 'endpoint', id: addObservedPod(pod), observed: true };
  };

  const resolveEnd = (end: ObservedEnd, side: 'from' | 'to'): ResolvedEnd => {
    switch (end.kind) {
      case 'pod':
        return resolvePod(end);
      case 'workload': {
        const id = `${end.namespace}/${end.name}`;
        return ids.has(id) && !added.some((endpoint) => endpointId(endpoint) === id)
          ? { kind: 'endpoint', id, observed: false }
          : { kind: 'unresolved', text: id, reason: `no endpoint ${id} in the inputs` };
      }
      case 'address': {
        const id = byIp.get(end.ip);
        if (id) {
          return { kind: 'endpoint', id, observed: false };
        }
        if (end.identity === 'host' && side === 'from') {
          return {
            kind: 'unresolved',
            text: describeObservedEnd(end),
            reason: "the pod's own node (Cilium reserved:host): NetworkPolicies do not restrict it (kubernetes.io network policies, what you can't do)",
          };
        }
        return { kind: 'external', label: end.ip, addresses: [end.ip], ...(end.identity ? { identity: end.identity } : {}) };
      }
      case 'network': {
        const peer = externalPeerOf(end.cidr, model)!;
        return { kind: 'external', label: peer.label, addresses: peer.addresses };
      }
    }
  };

  const cached = (end: ObservedEnd, side: 'from' | 'to'): ResolvedEnd => {
    // The node as a source resolves differently from the node as a destination.
    const key = `${side === 'from' && end.kind === 'address' ? 'from ' : ''}${observedEndKey(end)}`;
    let result = resolved.get(key);
    if (!result) {
      result = resolveEnd(end, side);
      resolved.set(key, result);
    }
    return result;
  };

  const groups = observed.groups.map((group) => {
    const from = cached(group.from, 'from');
    const to = cached(group.to, 'to');
    for (const [end, result] of [
      [group.from, from],
      [group.to, to],
    ] as const) {
      if (result.kind === 'unresolved') {
        note(end, group.count, result.reason);
      } else if (result.kind === 'endpoint' && result.observed) {
        note(end, group.count, 'no endpoint of the inputs has its namespace and labels: judged by its observed labels', result.id);
      }
    }
    return { group, from, to };
  });
  return {
    // Everything else of the estate (admin-tier policies, Services) judges the flows too.
    model: {
      ...model,
      namespaces: [...model.namespaces, ...addedNamespaces.values()],
      endpoints: [...model.endpoints, ...added],
    },
    groups,
    unmatched: [...unmatched.values()].sort((a, b) => compareText(a.end, b.end)),
  };
}
