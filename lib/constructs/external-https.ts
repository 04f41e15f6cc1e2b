import { Construct } from 'constructs';
import { PRIVATE_RANGES, uncoveredPrivateRanges } from '../validate';
import { IpRange } from './ip-range';
import { NetworkPolicyBase } from './network-policy-base';
import { Port } from './port';
import { WorkloadLike } from './workload';

/** IPv4 ranges that are not "the internet": RFC 1918, link-local (cloud metadata), CGNAT. */
const IPV4_INTERNAL = PRIVATE_RANGES.filter((range) => !range.includes(':'));

/** IPv6 ranges that are not "the internet": unique local and link-local. */
const IPV6_INTERNAL = PRIVATE_RANGES.filter((range) => range.includes(':'));

/** Props for `ExternalHttps`. */
export interface ExternalHttpsProps {
  /** The pods that may call out. */
  readonly pods: WorkloadLike;
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
   * The ports.
   * @default TCP 443
   */
  readonly ports?: readonly Port[];
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
    const ranges = [
      IpRange.anyIpv4({ except: props.ipv4Except ?? IPV4_INTERNAL }),
      IpRange.anyIpv6({ except: props.ipv6Except ?? IPV6_INTERNAL }),
    ];
    super(scope, id, { pods: props.pods, egress: [{ peers: ranges, ports: props.ports ?? [Port.tcp(443)] }] });
    this.ranges = ranges;
  }

  /** Internal ranges the excepts leave open. */
  protected override inputWarnings(): string[] {
    return this.ranges.flatMap((range, index) => {
      const open = uncoveredPrivateRanges({ cidr: range.cidr, except: range.except });
      return open.length === 0
        ? []
        : [
            `spec.egress[0].to[${index}].ipBlock.except: ${open.join(', ')} stay reachable; ` +
              'add them to the excepts unless the pods must reach internal addresses',
          ];
    });
  }
}
