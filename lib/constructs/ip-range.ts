import { addressBits, ClusterNetworkPolicyEgressPeer, NetworkPolicyPeer, parseIp } from '../model';
import type { IClusterPeer } from './cluster-peer';
import type { DeclaredWorkload, IPeer } from './peer';
import { checkProps, listOf, objectOf, optionalProp, PropType, requiredProp, satisfying, TEXT } from './props-check';

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
export class IpRange implements IPeer, IClusterPeer {
  /** A network such as `10.0.0.0/8` or `2001:db8::/32`, with optional excepts. */
  public static cidr(cidr: string, options: IpRangeOptions = {}): IpRange {
    checkProps('IpRange.cidr', { cidr, options }, { cidr: requiredProp(TEXT), options: optionalProp(OPTIONS) });
    return new IpRange(cidr, options.except ?? []);
  }

  /** One address: `/32` for IPv4, `/128` for IPv6. */
  public static address(ip: string): IpRange {
    checkProps('IpRange.address', { ip }, { ip: requiredProp(TEXT) });
    const parsed = parseIp(ip);
    if (!parsed) {
      throw new Error(`IpRange.address: ${JSON.stringify(ip)} is not an IP address; give e.g. 10.0.0.1 or fd00::1`);
    }
    return new IpRange(`${ip}/${addressBits(parsed.family)}`, []);
  }

  /** An address (`10.0.0.1`) or a CIDR (`10.0.0.0/24`), whichever the text is. */
  public static addressOrCidr(text: string): IpRange {
    checkProps('IpRange.addressOrCidr', { text }, { text: requiredProp(TEXT) });
    return text.includes('/') ? IpRange.cidr(text) : IpRange.address(text);
  }

  /** Every IPv4 address (`0.0.0.0/0`), with optional excepts. */
  public static anyIpv4(options: IpRangeOptions = {}): IpRange {
    checkProps('IpRange.anyIpv4', { options }, { options: optionalProp(OPTIONS) });
    return IpRange.cidr('0.0.0.0/0', options);
  }

  /** Every IPv6 address (`::/0`), with optional excepts. */
  public static anyIpv6(options: IpRangeOptions = {}): IpRange {
    checkProps('IpRange.anyIpv6', { options }, { options: optionalProp(OPTIONS) });
    return IpRange.cidr('::/0', options);
  }

  /**
   * The instance metadata address of AWS, Google Cloud, Azure and most other clouds,
   * `169.254.169.254/32`, which hands out node credentials: the classic guardrail target
   * (`AdminDenyEgressTo`). AWS also serves it on IPv6 at `fd00:ec2::254`
   * (`IpRange.address('fd00:ec2::254')`).
   */
  public static cloudMetadata(): IpRange {
    return IpRange.address('169.254.169.254');
  }

  private constructor(
    public readonly cidr: string,
    public readonly except: readonly string[],
  ) {}

  public toNetworkPolicyPeer(): NetworkPolicyPeer {
    return { ipBlock: this.except.length > 0 ? { cidr: this.cidr, except: [...this.except] } : { cidr: this.cidr } };
  }

  /**
   * As a ClusterNetworkPolicy egress peer: `{networks: [cidr]}`. Its `networks` has no
   * `except`; a range with excepts is refused (put a rule for the excepted networks before it).
   */
  public toClusterNetworkPolicyPeer(where: string): ClusterNetworkPolicyEgressPeer {
    if (this.except.length > 0) {
      throw new Error(
        `${where}: IpRange ${this.cidr} has excepts (${this.except.join(', ')}), but a ClusterNetworkPolicy's networks peer has no except: ` +
          'write a rule for the excepted networks (e.g. Pass or Accept) before this one, and give the range without excepts',
      );
    }
    return { networks: [this.cidr] };
  }

  public declaredWorkloads(): DeclaredWorkload[] {
    return [];
  }
}

const OPTIONS = objectOf<IpRangeOptions>({ except: optionalProp(listOf(TEXT, 'CIDRs')) }, 'options');

/** An `IpRange` prop. */
export const IP_RANGE_PROP: PropType = satisfying((value) => value instanceof IpRange, "an IpRange (IpRange.cidr('10.0.0.0/8'), IpRange.address(...), ...)");
