import type { ClusterNetworkPolicyEgressPeer } from '../model';
import type { IClusterPeer } from './cluster-peer';
import { checkProps, listOf, requiredProp, TEXT } from './props-check';

/**
 * Domain names as an egress peer of a ClusterNetworkPolicy (`domainNames`): exact names
 * (`kubernetes.io`) or one leading wildcard for one or more labels (`*.kubernetes.io`, which
 * does not match `kubernetes.io` itself). An experimental-channel field, documented as
 * supported for Accept rules only; synthesis warns about both. Names are checked at synth
 * against the CRD's pattern.
 */
export class DomainNames implements IClusterPeer {
  /** One or more domain names (up to 25 in one peer). */
  public static of(...names: string[]): DomainNames {
    checkProps('DomainNames.of', { names }, { names: requiredProp(listOf(TEXT, 'domain names')) });
    if (names.length === 0) {
      throw new Error('DomainNames.of: give at least one domain name');
    }
    return new DomainNames(names);
  }

  private constructor(
    /** The names, as given. */
    public readonly names: readonly string[],
  ) {}

  /** As a ClusterNetworkPolicy egress peer: `{domainNames}`. */
  public toClusterNetworkPolicyPeer(): ClusterNetworkPolicyEgressPeer {
    return { domainNames: [...this.names] };
  }
}
