import { ClusterModel, NetworkPolicyPort, PolicyEntry, Protocol, effectivePolicyTypes, groupBy, isEmptySelector, portProtocol } from '../model';
import { ObjectFinding, policyFinding } from './object-finding';

/**
 * DNS answers on port 53; clients fall back from UDP to TCP, so both must be open. OpenShift's
 * DNS pods listen on 5353 behind a Service on 53, and policies see the pod's port.
 */
const DNS_PORTS: readonly number[] = [53, 5353];
const DNS_PROTOCOLS: readonly Protocol[] = ['UDP', 'TCP'];

/** True when the policy applies to every pod of its namespace for egress. */
function isolatesAllPodsForEgress(entry: PolicyEntry): boolean {
  const { spec } = entry.policy;
  return isEmptySelector(spec.podSelector ?? {}) && effectivePolicyTypes(spec).includes('Egress');
}

/**
 * True when the port entry covers a DNS port of the protocol. A named port counts when some
 * known endpoint declares that name as a DNS port with that protocol (named ports resolve on
 * the destination, e.g. CoreDNS's `dns` and `dns-tcp`).
 */
function coversDns(port: NetworkPolicyPort, protocol: Protocol, model: ClusterModel): boolean {
  if (portProtocol(port) !== protocol) {
    return false;
  }
  if (port.port === undefined) {
    return true;
  }
  if (typeof port.port === 'number') {
    const first = port.port;
    const last = port.endPort ?? port.port;
    return DNS_PORTS.some((dns) => first <= dns && dns <= last);
  }
  const name = port.port;
  return model.endpoints.some((endpoint) =>
    endpoint.ports.some((declared) => declared.name === name && DNS_PORTS.includes(declared.port) && declared.protocol === protocol),
  );
}

/** True when one of the policies (all for every pod of a namespace) lets the pods send DNS of this protocol. */
function allowsDns(policiesForAllPods: readonly PolicyEntry[], protocol: Protocol, model: ClusterModel): boolean {
  return policiesForAllPods.some((entry) =>
    (entry.policy.spec.egress ?? []).some(
      (rule) => !rule.ports || rule.ports.length === 0 || rule.ports.some((port) => coversDns(port, protocol, model)),
    ),
  );
}

/**
 * Namespaces whose pods are all isolated for egress (a policy with podSelector `{}` and
 * Egress in its effective policyTypes) while no policy for all pods allows egress to UDP 53
 * and TCP 53, with any peer. One warning per namespace, on its first such policy by name.
 * Policies for some pods only do not count: the other pods still cannot resolve names.
 */
export function findBlockedDns(model: ClusterModel): ObjectFinding[] {
  const byNamespace = groupBy(model.policies, (entry) => entry.policy.metadata.namespace ?? '');
  const findings: ObjectFinding[] = [];
  for (const [namespace, policies] of byNamespace) {
    const isolating = policies.filter(isolatesAllPodsForEgress);
    if (isolating.length === 0) {
      continue;
    }
    const missing = DNS_PROTOCOLS.filter((protocol) => !allowsDns(isolating, protocol, model));
    if (missing.length === 0) {
      continue;
    }
    const first = isolating.reduce((a, b) => (b.policy.metadata.name < a.policy.metadata.name ? b : a));
    const closed = missing.map((protocol) => `${protocol} 53`).join(' and ');
    findings.push(
      policyFinding(first, {
        severity: 'warning',
        rule: 'blocked-dns',
        path: 'spec.podSelector',
        message:
          `DNS is blocked: this policy isolates every pod of namespace "${namespace}" for egress, and no policy there ` +
          `allows all its pods egress on ${closed}; allow DNS (UDP and TCP 53, 5353 for OpenShift's DNS pods; e.g. with AllowDns) or name lookups fail`,
      }),
    );
  }
  return findings;
}
