import { addressBits, NetworkPolicyPeer, parseIp } from '../model';
import type { DeclaredWorkload, IPeer } from './peer';

/** Options for `IpRange.cidr`. */
export interface IpRangeOptions {
  /**
   * Networks inside the CIDR to leave out; each must be strictly inside it.
   * @default none
   */
  readonly except?: readonly string[];
}

/**
 * Addresses as a peer: `{ipBlock: {cidr, except}}`. Mostly addresses outside the cluster;
 * an ipBlock may also match pod IPs, depending on the network plugin.
 *
 * CIDRs are checked at synth with the API server's rules (parsable, excepts strictly inside).
 */
export class IpRange implements IPeer {
  /** A network such as `10.0.0.0/8` or `2001:db8::/32`, with optional excepts. */
  public static cidr(cidr: string, options: IpRangeOptions = {}): IpRange {
    return new IpRange(cidr, options.except ?? []);
  }

  /** One address: `/32` for IPv4, `/128` for IPv6. */
  public static address(ip: string): IpRange {
    const parsed = parseIp(ip);
    if (!parsed) {
      throw new Error(`IpRange.address: ${JSON.stringify(ip)} is not an IP address; give e.g. 10.0.0.1 or fd00::1`);
    }
    return new IpRange(`${ip}/${addressBits(parsed.family)}`, []);
  }

  /** An address (`10.0.0.1`) or a CIDR (`10.0.0.0/24`), whichever the text is. */
  public static addressOrCidr(text: string): IpRange {
    return text.includes('/') ? IpRange.cidr(text) : IpRange.address(text);
  }

  /** Every IPv4 address (`0.0.0.0/0`), with optional excepts. */
  public static anyIpv4(options: IpRangeOptions = {}): IpRange {
    return IpRange.cidr('0.0.0.0/0', options);
  }

  /** Every IPv6 address (`::/0`), with optional excepts. */
  public static anyIpv6(options: IpRangeOptions = {}): IpRange {
    return IpRange.cidr('::/0', options);
  }

  private constructor(
    public readonly cidr: string,
    public readonly except: readonly string[],
  ) {}

  public toNetworkPolicyPeer(): NetworkPolicyPeer {
    return { ipBlock: this.except.length > 0 ? { cidr: this.cidr, except: [...this.except] } : { cidr: this.cidr } };
  }

  public declaredWorkloads(): DeclaredWorkload[] {
    return [];
  }
}
