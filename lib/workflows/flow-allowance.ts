import type { AllowanceEnd, FlowAllowance } from '../flows';
import { Direction, NAMESPACE_NAME_LABEL, NetworkPolicy, NetworkPolicyPeer, Protocol, addressBits, parseIp } from '../model';
import { typeScriptLabels, typeScriptString } from '../report';
import { constructId } from './construct-id';

function endName(end: AllowanceEnd): string {
  return end.kind === 'pods' ? end.name : (end.names[0] ?? end.text);
}

function dslEnd(end: AllowanceEnd): string {
  if (end.kind === 'pods') {
    return Object.keys(end.labels).length === 0
      ? `Workload.allIn(${typeScriptString(end.namespace)})`
      : `Workload.select(${typeScriptLabels(end.labels)}, { namespace: ${typeScriptString(end.namespace)} })`;
  }
  return parseIp(end.text) ? `IpRange.address(${typeScriptString(end.text)})` : `IpRange.cidr(${typeScriptString(end.text)})`;
}

const PORT_FACTORY: Readonly<Record<Protocol, string>> = { TCP: 'Port.tcp', UDP: 'Port.udp', SCTP: 'Port.sctp' };

/** The ipBlock CIDR of an address (`/32`, `/128`) or network as written. */
function cidrOf(text: string): string {
  const ip = parseIp(text);
  return ip ? `${text}/${addressBits(ip.family)}` : text;
}

/** The peer of a rule in `namespace`'s policy: pods of the same namespace by podSelector alone. */
function peerOf(end: AllowanceEnd, namespace: string): NetworkPolicyPeer {
  if (end.kind === 'addresses') {
    return { ipBlock: { cidr: cidrOf(end.text) } };
  }
  const podSelector = { matchLabels: { ...end.labels } };
  return end.namespace === namespace ? { podSelector } : { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: end.namespace } }, podSelector };
}

function policyFor(id: string, direction: Direction, self: AllowanceEnd & { kind: 'pods' }, other: AllowanceEnd, port: number, protocol: Protocol): NetworkPolicy {
  const peer = peerOf(other, self.namespace);
  const ports = [{ protocol, port }];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${id}-${direction}`, namespace: self.namespace },
    spec: {
      podSelector: { matchLabels: { ...self.labels } },
      policyTypes: [direction === 'egress' ? 'Egress' : 'Ingress'],
      ...(direction === 'egress' ? { egress: [{ to: [peer], ports }] } : { ingress: [{ from: [peer], ports }] }),
    },
  };
}

/** Where a one-sided construct goes: the chart of the denying side's namespace. */
function chartComment(end: AllowanceEnd & { kind: 'pods' }): string {
  return ` // in the NamespacePolicyChart of namespace ${end.namespace}`;
}

/**
 * What would allow one flow: the NetworkPolicy of each denying side, and one DSL line. Both
 * sides denying, or the other side outside the cluster: `new AllowTraffic(app, id, {...})`,
 * which writes the egress policy in the client's NamespacePolicyChart and the ingress policy in
 * the server's. One in-cluster side denying: `new AllowTo` / `new AllowFrom` in that side's
 * chart only, since AllowTraffic's policy on the side that allows the flow today would isolate
 * its pods and deny what nothing else allows them. Not yet verified (auditFlows checks it).
 */
export function flowAllowance(from: AllowanceEnd, to: AllowanceEnd, port: number, protocol: Protocol, denying: readonly Direction[]): Omit<FlowAllowance, 'verified'> {
  const id = constructId(`${endName(from)}-to-${endName(to)}-${port}`).slice(0, 63).replace(/-+$/, '');
  const names = to.kind === 'addresses' && to.names.length > 0 ? ` // ${to.names.join(', ')}` : '';
  const ports = `ports: [${PORT_FACTORY[protocol]}(${port})]`;
  const policies: NetworkPolicy[] = [];
  if (denying.includes('egress') && from.kind === 'pods') {
    policies.push(policyFor(id, 'egress', from, to, port, protocol));
  }
  if (denying.includes('ingress') && to.kind === 'pods') {
    policies.push(policyFor(id, 'ingress', to, from, port, protocol));
  }
  const oneSided = denying.length === 1 && from.kind === 'pods' && to.kind === 'pods';
  if (oneSided && denying[0] === 'egress' && from.kind === 'pods') {
    const dsl = `new AllowTo(chart, '${id}-egress', { pods: ${dslEnd(from)}, to: ${dslEnd(to)}, ${ports} });${chartComment(from)}`;
    return { id, construct: 'AllowTo', dsl, policies };
  }
  if (oneSided && denying[0] === 'ingress' && to.kind === 'pods') {
    const dsl = `new AllowFrom(chart, '${id}-ingress', { pods: ${dslEnd(to)}, from: ${dslEnd(from)}, ${ports} });${chartComment(to)}`;
    return { id, construct: 'AllowFrom', dsl, policies };
  }
  const dsl = `new AllowTraffic(app, '${id}', { from: ${dslEnd(from)}, to: ${dslEnd(to)}, ${ports} });${names}`;
  return { id, construct: 'AllowTraffic', dsl, policies };
}
