import { ClusterModel, Endpoint, PolicyEntry, compareText, effectivePolicyTypes, endpointId, isEmptySelector, selectorKey, selectorTerms } from '../model';
import { DnsLeftOut, dnsLeftOut, dnsPortsText, findBlockedDns, nameLabelNote } from './blocked-dns';
import { EstateView, rulesOf } from './estate-view';
import { ObjectFinding, policyFinding } from './object-finding';

const RULE = 'workload-blocked-dns';
const FIX = 'allow DNS in this policy (e.g. DnsProvider.coreDns().egressRule()) or with AllowDns for these pods, or name lookups fail';

function isolatesForEgress(entry: PolicyEntry): boolean {
  return effectivePolicyTypes(entry.policy.spec).includes('Egress');
}

function firstByName(entries: readonly PolicyEntry[]): PolicyEntry {
  return entries.reduce((a, b) => (compareText(b.policy.metadata.name, a.policy.metadata.name) < 0 ? b : a));
}

/**
 * Workloads isolated for egress whose own egress policies, together with every other policy
 * that selects them, allow no DNS (UDP and TCP 53, or 5353) to a peer that can be a DNS server.
 * Namespaces where blocked-dns already reports every pod are left to it.
 *
 * Where the model knows endpoints of the namespace, each endpoint is judged by the policies
 * that select it, one finding per policy (the first by name that isolates them) listing the
 * workloads. Where it knows none (policies read alone, an app without workloads), each
 * distinct pod selector that isolates for egress is judged by the policies certain to select
 * all of its pods (those whose selector's terms are a subset of its own, `{}` included), on
 * its first policy by name.
 */
export function findWorkloadBlockedDns(model: ClusterModel, view: EstateView = new EstateView(model)): ObjectFinding[] {
  const blockedNamespaces = new Set(findBlockedDns(model, view).map((finding) => finding.namespace));
  const findings: ObjectFinding[] = [];
  const namespaces = [...new Set(model.policies.map((entry) => entry.policy.metadata.namespace ?? ''))].sort(compareText);
  for (const namespace of namespaces.filter((name) => !blockedNamespaces.has(name))) {
    const endpoints = view.endpointsIn(namespace).filter((endpoint) => !endpoint.hostNetwork);
    findings.push(...(endpoints.length > 0 ? byEndpoint(view, endpoints) : bySelector(view, namespace)));
  }
  return findings;
}

function byEndpoint(view: EstateView, endpoints: readonly Endpoint[]): ObjectFinding[] {
  /** Blocked endpoints by the names of the policies that isolate them. */
  const blocked = new Map<string, { entry: PolicyEntry; ids: string[]; leftOut: DnsLeftOut }>();
  /** What the policies that isolate an endpoint leave out, by their names: endpoints share them. */
  const leftOutBy = new Map<string, DnsLeftOut>();
  for (const endpoint of endpoints) {
    const isolating = view.isolatingPolicies(endpoint, 'Egress');
    if (isolating.length === 0) {
      continue;
    }
    const names = isolating.map((entry) => entry.policy.metadata.name).sort(compareText).join(', ');
    let leftOut = leftOutBy.get(names);
    if (!leftOut) {
      leftOut = dnsLeftOut(isolating.flatMap((entry) => rulesOf(entry, 'egress')), view);
      leftOutBy.set(names, leftOut);
    }
    if (leftOut.protocols.length === 0) {
      continue;
    }
    const group = blocked.get(names) ?? { entry: firstByName(isolating), ids: [], leftOut };
    group.ids.push(endpointId(endpoint));
    blocked.set(names, group);
  }
  return [...blocked].map(([names, { entry, ids, leftOut }]) =>
    policyFinding(entry, {
      severity: 'warning',
      rule: RULE,
      path: 'spec.podSelector',
      message:
        `DNS is blocked for ${ids.join(', ')}: the policies that isolate ${ids.length === 1 ? 'it' : 'them'} for egress ` +
        `(${names}) allow no egress on ${dnsPortsText(leftOut.protocols)}; ${FIX}${nameLabelNote(leftOut)}`,
    }),
  );
}

function bySelector(view: EstateView, namespace: string): ObjectFinding[] {
  const egress = view.policiesIn(namespace).filter(isolatesForEgress);
  const bySelectorKey = new Map<string, PolicyEntry[]>();
  for (const entry of egress.filter((policy) => !isEmptySelector(policy.policy.spec.podSelector ?? {}))) {
    const key = selectorKey(entry.policy.spec.podSelector);
    bySelectorKey.set(key, [...(bySelectorKey.get(key) ?? []), entry]);
  }
  const findings: ObjectFinding[] = [];
  for (const [key, selecting] of bySelectorKey) {
    const terms = new Set(selectorTerms(selecting[0].policy.spec.podSelector));
    const covering = egress.filter((entry) => selectorTerms(entry.policy.spec.podSelector ?? {}).every((term) => terms.has(term)));
    const leftOut = dnsLeftOut(covering.flatMap((entry) => rulesOf(entry, 'egress')), view);
    if (leftOut.protocols.length === 0) {
      continue;
    }
    findings.push(
      policyFinding(firstByName(selecting), {
        severity: 'warning',
        rule: RULE,
        path: 'spec.podSelector',
        message:
          `DNS is blocked for the pods of namespace "${namespace}" with ${key}: this policy isolates them for egress, and no policy ` +
          `that selects all of them allows egress on ${dnsPortsText(leftOut.protocols)}; ${FIX}${nameLabelNote(leftOut)}`,
      }),
    );
  }
  return findings;
}
