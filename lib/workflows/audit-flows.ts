import { Analyzer, Explanation, Peer } from '../analysis';
import { AllowanceEnd, AuditEnd, AuditResult, AuditedFlow, ResolvedEnd, ResolvedFlowGroup, resolveFlows } from '../flows';
import { ClusterModel, Direction, Endpoint, LabelSelector, Labels, ObservedFlows, PolicyEntry, Protocol, compareText, endpointId, groupBy } from '../model';
import { flowAllowance } from './flow-allowance';

/** The cluster DNS: CoreDNS/kube-dns pods, OpenShift's DNS pods, NodeLocal DNSCache's address. */
function isClusterDns(to: AuditEnd, endpoint: Endpoint | undefined, port: number, protocol: Protocol, service: string | undefined): boolean {
  if (protocol === 'SCTP') {
    return false;
  }
  if (endpoint) {
    return (
      (endpoint.namespace === 'kube-system' && endpoint.labels['k8s-app'] === 'kube-dns' && port === 53) ||
      (endpoint.namespace === 'openshift-dns' && endpoint.labels['dns.operator.openshift.io/daemonset-dns'] !== undefined && port === 5353)
    );
  }
  return to.kind === 'external' && port === 53 && (to.label === '169.254.20.10' || service === 'kube-system/kube-dns');
}

function endKey(end: ResolvedEnd): string {
  return end.kind === 'endpoint' ? `e ${end.id}` : end.kind === 'external' ? `x ${end.label}` : `u ${end.text}`;
}

function endText(end: AuditEnd): string {
  return end.kind === 'endpoint' ? end.id : end.kind === 'external' ? end.label : end.text;
}

/** Groups of one (from, to, port, protocol) after resolution merged: many pods are one workload. */
function mergeGroups(groups: readonly ResolvedFlowGroup[]): ResolvedFlowGroup[][] {
  const merged = new Map<string, ResolvedFlowGroup[]>();
  for (const resolved of groups) {
    const key = `${endKey(resolved.from)} > ${endKey(resolved.to)} ${resolved.group.port}/${resolved.group.protocol}`;
    const list = merged.get(key);
    if (list) {
      list.push(resolved);
    } else {
      merged.set(key, [resolved]);
    }
  }
  return [...merged.values()];
}

function sumVerdicts(groups: readonly ResolvedFlowGroup[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const { group } of groups) {
    for (const [verdict, count] of Object.entries(group.verdicts)) {
      sums[verdict] = (sums[verdict] ?? 0) + count;
    }
  }
  return Object.fromEntries(Object.entries(sums).sort(([a], [b]) => compareText(a, b)));
}

function peersOf(end: ResolvedEnd): Peer[] {
  return end.kind === 'endpoint' ? [{ kind: 'endpoint', id: end.id }] : end.kind === 'external' ? end.addresses.map((ip) => ({ kind: 'external', ip })) : [];
}

const ORDER = { denied: 0, 'not-judged': 1, allowed: 2 } as const;

/** Every label key a policy selects pods on (its podSelector and its peers' podSelectors). */
function selectedLabelKeys(model: ClusterModel): Set<string> {
  const keys = new Set<string>();
  const add = (selector: LabelSelector | undefined): void => {
    Object.keys(selector?.matchLabels ?? {}).forEach((key) => keys.add(key));
    (selector?.matchExpressions ?? []).forEach((requirement) => keys.add(requirement.key));
  };
  for (const { policy } of model.policies) {
    add(policy.spec.podSelector);
    for (const rule of policy.spec.ingress ?? []) {
      (rule.from ?? []).forEach((peer) => add(peer.podSelector));
    }
    for (const rule of policy.spec.egress ?? []) {
      (rule.to ?? []).forEach((peer) => add(peer.podSelector));
    }
  }
  return keys;
}

/**
 * The labels a fix selects an endpoint by: those of its labels the policies already select
 * on, when they tell it from every other endpoint of its namespace; else all its labels.
 */
function selectingLabels(endpoint: Endpoint, keys: ReadonlySet<string>, neighbours: readonly Endpoint[]): Labels {
  const chosen = Object.fromEntries(Object.entries(endpoint.labels).filter(([key]) => keys.has(key)));
  const entries = Object.entries(chosen);
  const alone =
    entries.length > 0 && neighbours.every((other) => other === endpoint || !entries.every(([key, value]) => other.labels[key] === value));
  return alone ? chosen : endpoint.labels;
}

/** Every explanation of a flow: one per pair of its ends' peers (a network end stands for several addresses). */
function explainAll(analyzer: Analyzer, peers: { readonly sources: readonly Peer[]; readonly destinations: readonly Peer[] }, probe: { port: number; protocol: Protocol }): Explanation[] {
  const explanations: Explanation[] = [];
  for (const source of peers.sources) {
    for (const destination of peers.destinations) {
      explanations.push(analyzer.explain(source, destination, { port: probe.port, protocol: probe.protocol }));
    }
  }
  return explanations;
}

/** The name a suggested policy has in the check: its flow's index, so two suggestions never share one. */
const checkName = (index: number, policy: number): string => `netpol-audit-check-${index}-${policy}`;

/**
 * Checks every suggestion at once: the estate with all suggested policies added is analysed
 * again. A suggestion is verified when its flow is then allowed and no observed flow allowed
 * today is denied by a side its policy now isolates (it may isolate pods for a direction no
 * NetworkPolicy isolated, where a tier after them, or the default, allowed the traffic).
 */
function verifyAllowances(model: ClusterModel, flows: readonly AuditedFlow[], judged: ReadonlyMap<AuditedFlow, { sources: readonly Peer[]; destinations: readonly Peer[] }>): AuditedFlow[] {
  const suggested: PolicyEntry[] = [];
  const owner = new Map<string, number>();
  flows.forEach((flow, index) =>
    (flow.allowance?.policies ?? []).forEach((policy, each) => {
      const name = checkName(index, each);
      owner.set(`${policy.metadata.namespace}/${name}`, index);
      suggested.push({ policy: { ...policy, metadata: { ...policy.metadata, name } }, source: { file: '(suggested by netpol audit)', documentIndex: index } });
    }),
  );
  if (suggested.length === 0) {
    return [...flows];
  }
  const analyzer = new Analyzer({ ...model, policies: [...model.policies, ...suggested] });
  const broken = new Map<number, string[]>();
  const stillDenied = new Set<number>();
  flows.forEach((flow, index) => {
    const peers = judged.get(flow);
    if (!peers) {
      return;
    }
    const after = explainAll(analyzer, peers, flow);
    if (flow.verdict === 'denied' && after.some((explanation) => !explanation.allowed)) {
      stillDenied.add(index);
    }
    if (flow.verdict !== 'allowed') {
      return;
    }
    for (const explanation of after.filter((each) => !each.allowed)) {
      for (const verdict of [explanation.egress, explanation.ingress]) {
        for (const policy of verdict && !verdict.allowed ? verdict.selectedBy : []) {
          const by = owner.get(policy);
          if (by !== undefined) {
            broken.set(by, [...(broken.get(by) ?? []), `${endText(flow.from)} -> ${endText(flow.to)} on ${flow.protocol}/${flow.port}`]);
          }
        }
      }
    }
  });
  return flows.map((flow, index) => {
    if (!flow.allowance) {
      return flow;
    }
    const denies = [...new Set(broken.get(index) ?? [])];
    const unverified = stillDenied.has(index)
      ? 'with this rule the flow is still denied: a tier other than the NetworkPolicies decides it (see netpol explain)'
      : denies.length > 0
        ? `its policy isolates pods that are open today and would deny observed flows: ${denies.join(', ')}`
        : undefined;
    return { ...flow, allowance: { ...flow.allowance, verified: unverified === undefined, ...(unverified ? { unverified } : {}) } };
  });
}

/**
 * Judges observed flows by a policy estate: each group of flows (source, destination, port,
 * protocol; pods matched to the estate's workloads, see resolveFlows) is evaluated by the
 * engine like `netpol explain`, and a denied one says which side denies, the policies that
 * isolate it, and what would allow it, checked by judging every flow again with all the
 * suggested policies added (verifyAllowances).
 */
export function auditFlows(estate: ClusterModel, observed: ObservedFlows): AuditResult {
  const resolved = resolveFlows(estate, observed);
  const analyzer = new Analyzer(resolved.model);
  const endpoints = new Map(resolved.model.endpoints.map((endpoint) => [endpointId(endpoint), endpoint]));
  const keys = selectedLabelKeys(resolved.model);
  const byNamespace = groupBy(resolved.model.endpoints, (endpoint) => endpoint.namespace);
  const flows: AuditedFlow[] = [];
  /** The analyzer peers of each judged flow, to judge it again with the suggested policies. */
  const judged = new Map<AuditedFlow, { readonly sources: readonly Peer[]; readonly destinations: readonly Peer[] }>();
  const named = new Set<string>();
  for (const groups of mergeGroups(resolved.groups)) {
    const { from: fromEnd, to: toEnd, group } = groups[0];
    const names = [...new Set(groups.flatMap(({ group: each }) => each.destinationNames))].sort(compareText);
    const auditEnd = (end: ResolvedEnd, destination: boolean): AuditEnd =>
      end.kind === 'external'
        ? { kind: 'external', label: end.label, names: destination ? names : [], ...(end.identity ? { identity: end.identity } : {}) }
        : end;
    const from = auditEnd(fromEnd, false);
    const to = auditEnd(toEnd, true);
    const base = {
      from,
      to,
      port: group.port,
      protocol: group.protocol,
      count: groups.reduce((sum, { group: each }) => sum + each.count, 0),
      observedVerdicts: sumVerdicts(groups),
      dns: isClusterDns(to, toEnd.kind === 'endpoint' ? endpoints.get(toEnd.id) : undefined, group.port, group.protocol, group.destinationService),
      firstSeen: group.firstSeen,
    };
    for (const end of [fromEnd, toEnd]) {
      if (end.kind === 'endpoint') {
        named.add(end.id);
      }
    }
    const unresolved = [fromEnd, toEnd].find((end): end is ResolvedEnd & { kind: 'unresolved' } => end.kind === 'unresolved');
    if (unresolved) {
      flows.push({ ...base, verdict: 'not-judged', reason: `${unresolved.text}: ${unresolved.reason}` });
      continue;
    }
    if (fromEnd.kind === 'external' && toEnd.kind === 'external') {
      flows.push({ ...base, verdict: 'not-judged', reason: 'both ends are outside the cluster: no NetworkPolicy judges the flow' });
      continue;
    }
    const peers = { sources: peersOf(fromEnd), destinations: peersOf(toEnd) };
    const explanations = explainAll(analyzer, peers, group);
    const denied = explanations.find((explanation) => !explanation.allowed);
    if (!denied) {
      const allowed: AuditedFlow = { ...base, verdict: 'allowed', egress: explanations[0].egress, ingress: explanations[0].ingress };
      flows.push(allowed);
      judged.set(allowed, peers);
      continue;
    }
    const denying: Direction[] = [];
    if (denied.egress && !denied.egress.allowed) {
      denying.push('egress');
    }
    if (denied.ingress && !denied.ingress.allowed) {
      denying.push('ingress');
    }
    const allowanceEnd = (end: ResolvedEnd, names: readonly string[]): AllowanceEnd => {
      if (end.kind === 'endpoint') {
        const endpoint = endpoints.get(end.id)!;
        return { kind: 'pods', namespace: endpoint.namespace, name: endpoint.name, labels: selectingLabels(endpoint, keys, byNamespace.get(endpoint.namespace) ?? []) };
      }
      return { kind: 'addresses', text: end.kind === 'external' ? end.label : '', names };
    };
    const deniedFlow: AuditedFlow = {
      ...base,
      verdict: 'denied',
      deniedBy: denying.length === 2 ? 'both' : denying[0],
      egress: denied.egress,
      ingress: denied.ingress,
      ...(explanations.some((explanation) => explanation.allowed) ? { partly: true } : {}),
      allowance: { ...flowAllowance(allowanceEnd(fromEnd, []), allowanceEnd(toEnd, names), group.port, group.protocol, denying), verified: false },
    };
    flows.push(deniedFlow);
    judged.set(deniedFlow, peers);
  }
  const checked = verifyAllowances(resolved.model, flows, judged);
  checked.sort(
    (a, b) =>
      ORDER[a.verdict] - ORDER[b.verdict] ||
      compareText(endText(a.from), endText(b.from)) ||
      compareText(endText(a.to), endText(b.to)) ||
      compareText(a.protocol, b.protocol) ||
      a.port - b.port,
  );
  const caveats = [...named]
    .sort(compareText)
    .flatMap((id) => (endpoints.get(id)?.caveats ?? []).map((caveat) => ({ endpoint: id, caveat })));
  return { flows: checked, unmatched: resolved.unmatched, skipped: observed.skipped, files: observed.files, lines: observed.lines, caveats };
}
