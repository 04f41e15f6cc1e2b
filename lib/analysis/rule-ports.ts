import { ContainerPort, MAX_PORT, MIN_PORT, NetworkPolicyPort, Protocol, portProtocol } from '../model';
import { ALL_PORTS, NO_PORTS, portRangeSet, unionPortSets } from './port-set';
import { PortProbe, PortSet } from './types';

/** One port entry of a rule after defaulting: a numeric range, or a name to resolve on the destination. */
export type RulePortEntry =
  | { readonly kind: 'range'; readonly protocol: Protocol; readonly from: number; readonly to: number }
  | { readonly kind: 'named'; readonly protocol: Protocol; readonly name: string };

/** The `ports` of one rule, compiled. */
export interface RulePorts {
  /** True when `ports` is absent or empty: every port of every protocol. */
  readonly all: boolean;
  readonly entries: readonly RulePortEntry[];
  /** True when some entry is named, so the match depends on the destination's container ports. */
  readonly hasNamed: boolean;
  /** Canonical text: equal for port lists that admit the same. */
  readonly key: string;
}

function compileEntry(port: NetworkPolicyPort): RulePortEntry {
  const protocol = portProtocol(port);
  if (port.port === undefined) {
    return { kind: 'range', protocol, from: MIN_PORT, to: MAX_PORT };
  }
  if (typeof port.port === 'string') {
    return { kind: 'named', protocol, name: port.port };
  }
  return { kind: 'range', protocol, from: port.port, to: port.endPort ?? port.port };
}

export function compileRulePorts(ports: readonly NetworkPolicyPort[] | undefined): RulePorts {
  return rulePortsOf((ports ?? []).map(compileEntry));
}

/** The RulePorts of compiled entries; no entries means every port of every protocol. */
export function rulePortsOf(entries: readonly RulePortEntry[]): RulePorts {
  const key = entries.length === 0 ? '*' : JSON.stringify(entries.map((entry) => Object.values(entry)).sort());
  return { all: entries.length === 0, entries, hasNamed: entries.some((entry) => entry.kind === 'named'), key };
}

/** The container ports a named entry resolves to: same name AND same protocol. */
function resolveNamed(entry: RulePortEntry & { kind: 'named' }, destinationPorts: readonly ContainerPort[]): ContainerPort[] {
  return destinationPorts.filter((port) => port.name === entry.name && port.protocol === entry.protocol);
}

/** Whether the rule's ports admit the probe, named ports resolved on the destination. */
export function rulePortsMatch(ports: RulePorts, probe: PortProbe, destinationPorts: readonly ContainerPort[]): boolean {
  if (ports.all) {
    return true;
  }
  return ports.entries.some((entry) => {
    if (entry.protocol !== probe.protocol) {
      return false;
    }
    if (entry.kind === 'range') {
      return entry.from <= probe.port && probe.port <= entry.to;
    }
    return resolveNamed(entry, destinationPorts).some((port) => port.port === probe.port);
  });
}

/** Every port the rule admits towards a destination with these container ports. */
export function rulePortSet(ports: RulePorts, destinationPorts: readonly ContainerPort[]): PortSet {
  if (ports.all) {
    return ALL_PORTS;
  }
  return unionPortSets(
    NO_PORTS,
    ...ports.entries.flatMap((entry) =>
      entry.kind === 'range'
        ? [portRangeSet(entry.protocol, entry.from, entry.to)]
        : resolveNamed(entry, destinationPorts).map((port) => portRangeSet(port.protocol, port.port)),
    ),
  );
}
