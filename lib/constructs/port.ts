import { ClusterNetworkPolicyProtocol, MAX_PORT, MIN_PORT, NetworkPolicyPort, Protocol } from '../model';

/**
 * A port entry of a NetworkPolicy rule: one port, an inclusive range, a named container
 * port, or every port of a protocol.
 *
 * Values are not checked here; every emitted policy is validated at synth, so
 * `Port.tcp(70000)` fails there with the field path and the valid range.
 */
export class Port {
  /** One TCP port: `{protocol: TCP, port: 5432}`. */
  public static tcp(port: number): Port {
    return new Port({ protocol: 'TCP', port });
  }

  /** One UDP port. */
  public static udp(port: number): Port {
    return new Port({ protocol: 'UDP', port });
  }

  /** One SCTP port. */
  public static sctp(port: number): Port {
    return new Port({ protocol: 'SCTP', port });
  }

  /** TCP ports `from` to `to` inclusive: `{protocol: TCP, port: from, endPort: to}`. */
  public static tcpRange(from: number, to: number): Port {
    return Port.range('TCP', from, to);
  }

  /** UDP ports `from` to `to` inclusive. */
  public static udpRange(from: number, to: number): Port {
    return Port.range('UDP', from, to);
  }

  /** SCTP ports `from` to `to` inclusive. */
  public static sctpRange(from: number, to: number): Port {
    return Port.range('SCTP', from, to);
  }

  /** Ports `from` to `to` inclusive of a protocol. */
  public static range(protocol: Protocol, from: number, to: number): Port {
    return new Port({ protocol, port: from, endPort: to });
  }

  /**
   * A named container port (`port: http`). It matches when the destination pod has a
   * container port of that name and protocol. Without a protocol the API server assumes TCP.
   */
  public static named(name: string, protocol?: Protocol): Port {
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

/** `Port.service("http")`, the way errors name such an entry. */
export function describeServicePort(port: string | number): string {
  return `Port.service(${JSON.stringify(port)})`;
}
