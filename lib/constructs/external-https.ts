import { Construct } from 'constructs';
import { PRIVATE_RANGES, uncoveredPrivateRanges } from '../validate';
import { acknowledges } from './construct-acknowledgements';
import { IpRange } from './ip-range';
import { NetworkPolicyBase } from './network-policy-base';
import { Port } from './port';
import { PodsLike } from './pods';
import { PolicyEnforcementProps } from './policy-enforcement';

/** IPv4 ranges that are not "the internet": RFC 1918, link-local (cloud metadata), CGNAT. */
const IPV4_INTERNAL = PRIVATE_RANGES.filter((range) => !range.includes(':'));

/** IPv6 ranges that are not "the internet": unique local and link-local. */
const IPV6_INTERNAL = PRIVATE_RANGES.filter((range) => range.includes(':'));

/**
 * The rule id of the warning for excepts that leave internal ranges open; give it in
 * `acknowledge` to accept them.
 */
export const PRIVATE_RANGES_OPEN = 'private-ranges-open';

/** Props for `ExternalHttps`. */
export interface ExternalHttpsProps extends PolicyEnforcementProps {
  /** The pods that may call out. */
  readonly pods: PodsLike;
  /**
   * Allow IPv4 destinations (`0.0.0.0/0` minus `ipv4Except`).
   * @default true
   */
  readonly ipv4?: boolean;
  /**
   * Allow IPv6 destinations (`::/0` minus `ipv6Except`); `false` for IPv4-only clusters and
   * providers.
   * @default true
   */
  readonly ipv6?: boolean;
  /**
   * IPv4 networks to leave out of `0.0.0.0/0`. Leaving internal ranges open prints a lint
   * warning at synth.
   * @default 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, 100.64.0.0/10
   */
  readonly ipv4Except?: readonly string[];
  /**
   * IPv6 networks to leave out of `::/0`.
   * @default fc00::/7, fe80::/10
   */
  readonly ipv6Except?: readonly string[];
  /**
   * The ports, e.g. `[Port.tcp(443), Port.tcp(8443)]`.
   * @default TCP 443
   */
  readonly ports?: readonly Port[];
  /**
   * Rule ids of this policy's findings to accept (see `acknowledge()`), e.g.
   * `'private-ranges-open'` (custom excepts that leave internal ranges reachable): they are not
   * printed at synth, and the object carries them in the `netpol.dev/acknowledge` annotation.
   * @default none: every warning is printed
   */
  readonly acknowledge?: readonly string[];
}

/**
 * Allows egress to the internet on HTTPS but not inside: `0.0.0.0/0` and `::/0` minus the
 * private, link-local (cloud metadata at 169.254.169.254) and shared CGNAT ranges.
 *
 * ```yaml
 * apiVersion: networking.k8s.io/v1
 * kind: NetworkPolicy
 * metadata:
 *   name: web-https
 *   namespace: production
 * spec:
 *   podSelector:
 *     matchLabels:
 *       app: web-api
 *   policyTypes: [Egress]
 *   egress:
 *     - to:
 *         - ipBlock:
 *             cidr: 0.0.0.0/0
 *             except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, 100.64.0.0/10]
 *         - ipBlock:
 *             cidr: ::/0
 *             except: [fc00::/7, fe80::/10]
 *       ports:
 *         - protocol: TCP
 *           port: 443
 * ```
 */
export class ExternalHttps extends NetworkPolicyBase {
  private readonly ranges: readonly IpRange[];

  public constructor(scope: Construct, id: string, props: ExternalHttpsProps) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    const ipv4 = props.ipv4 ?? true;
    const ipv6 = props.ipv6 ?? true;
    if (!ipv4 && !ipv6) {
      throw new Error(`${path}: ipv4 and ipv6 are both false, so the policy would allow no destination; keep one of them`);
    }
    for (const [family, enabled, except] of [['ipv4', ipv4, props.ipv4Except], ['ipv6', ipv6, props.ipv6Except]] as const) {
      if (!enabled && except !== undefined) {
        throw new Error(`${path}: ${family}Except is given but ${family} is false; drop one of them`);
      }
    }
    const ranges = [
      ...(ipv4 ? [IpRange.anyIpv4({ except: props.ipv4Except ?? IPV4_INTERNAL })] : []),
      ...(ipv6 ? [IpRange.anyIpv6({ except: props.ipv6Except ?? IPV6_INTERNAL })] : []),
    ];
    super(scope, id, { enforcement: props.enforcement, pods: props.pods, egress: [{ peers: ranges, ports: props.ports ?? [Port.tcp(443)] }] });
    this.ranges = ranges;
    if (props.acknowledge && props.acknowledge.length > 0) {
      this.acknowledge(props.acknowledge);
    }
  }

  /** Internal ranges the excepts leave open, unless acknowledged. */
  protected override inputWarnings(): string[] {
    if (acknowledges(this, PRIVATE_RANGES_OPEN)) {
      return [];
    }
    return this.ranges.flatMap((range, index) => {
      const open = uncoveredPrivateRanges({ cidr: range.cidr, except: range.except });
      return open.length === 0
        ? []
        : [
            `spec.egress[0].to[${index}].ipBlock.except: ${open.join(', ')} stay reachable; ` +
              `add them to the excepts unless the pods must reach internal addresses ` +
              `(rule ${PRIVATE_RANGES_OPEN}; acknowledge: ['${PRIVATE_RANGES_OPEN}'] accepts it)`,
          ];
    });
  }
}
