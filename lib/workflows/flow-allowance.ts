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

/**
 * What would allow one flow: `new AllowTraffic(app, id, {...})` (it writes the egress policy in
 * the client's NamespacePolicyChart and the ingress policy in the server's; a side that
 * already allows gets a rule it does not need), and the NetworkPolicy of each denying side.
 */
export function flowAllowance(from: AllowanceEnd, to: AllowanceEnd, port: number, protocol: Protocol, denying: readonly Direction[]): FlowAllowance {
  const id = constructId(`${endName(from)}-to-${endName(to)}-${port}`).slice(0, 63).replace(/-+$/, '');
  const names = to.kind === 'addresses' && to.names.length > 0 ? ` // ${to.names.join(', ')}` : '';
  const dsl = `new AllowTraffic(app, '${id}', { from: ${dslEnd(from)}, to: ${dslEnd(to)}, ports: [${PORT_FACTORY[protocol]}(${port})] });${names}`;
  const policies: NetworkPolicy[] = [];
  if (denying.includes('egress') && from.kind === 'pods') {
    policies.push(policyFor(id, 'egress', from, to, port, protocol));
  }
  if (denying.includes('ingress') && to.kind === 'pods') {
    policies.push(policyFor(id, 'ingress', to, from, port, protocol));
  }
  return { id, dsl, policies };
}
