import { ClusterNetworkPolicyProtocol, MAX_PORT, MIN_PORT, NetworkPolicyPort, Protocol, PROTOCOLS } from '../model';
import { anyOf, checkProps, listOf, oneOf, optionalProp, PropType, requiredProp, satisfying, TEXT, WHOLE_NUMBER } from './props-check';

/**
 * A port entry of a NetworkPolicy rule: one port, an inclusive range, a named container
 * port, or every port of a protocol.
 *
 * Types are checked here (a port is a whole number, a protocol one of TCP, UDP, SCTP, so a
 * `null`, NaN or "80" from plain JavaScript is refused at once); ranges are not: every emitted
 * policy is validated at synth, so `Port.tcp(70000)` fails there with the construct path, the
 * field path and the valid range, together with every other error of the app.
 */
export class Port {
  /** One TCP port: `{protocol: TCP, port: 5432}`. */
  public static tcp(port: number): Port {
    return Port.single('TCP', port, 'Port.tcp');
  }

  /** One UDP port. */
  public static udp(port: number): Port {
    return Port.single('UDP', port, 'Port.udp');
  }

  /** One SCTP port. */
  public static sctp(port: number): Port {
    return Port.single('SCTP', port, 'Port.sctp');
  }

  /** TCP ports `from` to `to` inclusive: `{protocol: TCP, port: from, endPort: to}`. */
  public static tcpRange(from: number, to: number): Port {
    return Port.rangeOf('TCP', from, to, 'Port.tcpRange');
  }

  /** UDP ports `from` to `to` inclusive. */
  public static udpRange(from: number, to: number): Port {
    return Port.rangeOf('UDP', from, to, 'Port.udpRange');
  }

  /** SCTP ports `from` to `to` inclusive. */
  public static sctpRange(from: number, to: number): Port {
    return Port.rangeOf('SCTP', from, to, 'Port.sctpRange');
  }

  /** Ports `from` to `to` inclusive of a protocol. */
  public static range(protocol: Protocol, from: number, to: number): Port {
    return Port.rangeOf(protocol, from, to, 'Port.range');
  }

  /**
   * A named container port (`port: http`). It matches when the destination pod has a
   * container port of that name and protocol. Without a protocol the API server assumes TCP.
   */
  public static named(name: string, protocol?: Protocol): Port {
    checkProps('Port.named', { name, protocol }, { name: requiredProp(TEXT), protocol: optionalProp(PROTOCOL) });
    return new Port(protocol ? { protocol, port: name } : { port: name });
  }

  /**
   * One port of the Service the traffic goes to, by its name (or its `port` number): the
   * rule allows that Service port's `targetPort` on the Service's pods, never its `port`
   * (a named targetPort stays a named port). It needs a Service as the destination: the
   * `pods` of an ingress rule (`AllowFrom`, `NetworkPolicy`) or the `to` of an egress rule
   * (`AllowTo`, `AllowTraffic`).
   */
  public static service(port: string | number): Port {
    checkProps('Port.service', { port }, { port: requiredProp(anyOf(TEXT, WHOLE_NUMBER)) });
    return new Port({}, port);
  }

  /** Every TCP port: `{protocol: TCP}` with no port (never `port: 0`, which is invalid). */
  public static allTcp(): Port {
    return new Port({ protocol: 'TCP' });
  }

  /** Every UDP port. */
  public static allUdp(): Port {
    return new Port({ protocol: 'UDP' });
  }

  /** Every SCTP port. */
  public static allSctp(): Port {
    return new Port({ protocol: 'SCTP' });
  }

  /** One port of a protocol, its number checked for `factory`. */
  private static single(protocol: Protocol, port: number, factory: string): Port {
    checkProps(factory, { port }, { port: requiredProp(WHOLE_NUMBER) });
    return new Port({ protocol, port });
  }

  /** Ports `from` to `to` of a protocol, checked for `factory`. */
  private static rangeOf(protocol: Protocol, from: number, to: number, factory: string): Port {
    checkProps(factory, { protocol, from, to }, { protocol: requiredProp(PROTOCOL), from: requiredProp(WHOLE_NUMBER), to: requiredProp(WHOLE_NUMBER) });
    return new Port({ protocol, port: from, endPort: to });
  }

  /** The Service port a `Port.service` entry stands for, by name or number; undefined for every other port. */
  public readonly servicePort: string | number | undefined;

  private constructor(
    private readonly entry: NetworkPolicyPort,
    servicePort?: string | number,
  ) {
    this.servicePort = servicePort;
  }

  /** The wire shape of this port entry. A `Port.service` entry has none until it meets its Service. */
  public toNetworkPolicyPort(): NetworkPolicyPort {
    if (this.servicePort !== undefined) {
      throw new Error(`${describeServicePort(this.servicePort)} has no port of its own: use it in a rule whose destination is a Service`);
    }
    return { ...this.entry };
  }

  /**
   * This port as a ClusterNetworkPolicy `protocols` entry: `{tcp: {destinationPort: {number}}}`,
   * `{range: {start, end}}` for a range, `{destinationNamedPort}` for a named port. Every port
   * of a protocol (`Port.allTcp()`) is the range 1-65535: the CRD wants a `destinationPort` in
   * `tcp` (minProperties 1). A named port with a protocol is refused (`where` starts the
   * error): `destinationNamedPort` has none, the container port's own protocol applies.
   */
  public toClusterNetworkPolicyProtocol(where: string): ClusterNetworkPolicyProtocol {
    if (this.servicePort !== undefined) {
      throw new Error(`${where}: ${describeServicePort(this.servicePort)}: a ClusterNetworkPolicy does not take Services; give the Service's targetPort (Port.tcp, Port.named)`);
    }
    const { protocol, port, endPort } = this.entry;
    if (typeof port === 'string') {
      if (protocol !== undefined) {
        throw new Error(
          `${where}: Port.named(${JSON.stringify(port)}, ${JSON.stringify(protocol)}): a ClusterNetworkPolicy's destinationNamedPort has no protocol ` +
            `(the container port's own protocol applies); give Port.named(${JSON.stringify(port)})`,
        );
      }
      return { destinationNamedPort: port };
    }
    const key = (protocol ?? 'TCP').toLowerCase() as 'tcp' | 'udp' | 'sctp';
    if (port === undefined) {
      return { [key]: { destinationPort: { range: { start: MIN_PORT, end: MAX_PORT } } } };
    }
    return { [key]: { destinationPort: endPort === undefined ? { number: port } : { range: { start: port, end: endPort } } } };
  }
}

const PROTOCOL = oneOf(PROTOCOLS);

/** A `Port` prop. */
export const PORT_PROP: PropType = satisfying(
  (value) => value instanceof Port,
  "a Port (Port.tcp(443), Port.udp(53), Port.tcpRange(8000, 8080), Port.named('http'), Port.allTcp(), ...)",
);

/** A list of `Port`s prop. */
export const PORTS_PROP: PropType = listOf(PORT_PROP, "Ports (Port.tcp(443), Port.udp(53), Port.tcpRange(8000, 8080), Port.named('http'), Port.allTcp(), ...)");

/** `Port.service("http")`, the way errors name such an entry. */
export function describeServicePort(port: string | number): string {
  return `Port.service(${JSON.stringify(port)})`;
}
