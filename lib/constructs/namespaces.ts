import { LabelSelector, NAMESPACE_NAME_LABEL, NetworkPolicyPeer } from '../model';
import type { DeclaredWorkload, IPeer } from './peer';

/**
 * Every pod of some namespaces, as a peer: `{namespaceSelector}` alone.
 *
 * Namespaces are named through `kubernetes.io/metadata.name`, which Kubernetes sets on every
 * namespace; the `name` label is not set automatically and is never used here.
 */
export class Namespaces implements IPeer {
  /** Namespaces by name: `matchLabels` for one, an `In` expression (sorted) for several. */
  public static named(...names: string[]): Namespaces {
    if (names.length === 0) {
      throw new Error('Namespaces.named: give at least one namespace name');
    }
    const unique = [...new Set(names)].sort();
    return new Namespaces(
      unique.length === 1
        ? { matchLabels: { [NAMESPACE_NAME_LABEL]: unique[0] } }
        : { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: unique }] },
    );
  }

  /** Namespaces carrying all these labels. */
  public static withLabels(labels: Record<string, string>): Namespaces {
    if (Object.keys(labels).length === 0) {
      throw new Error('Namespaces.withLabels: labels must not be empty; use Namespaces.all() for every namespace');
    }
    return new Namespaces({ matchLabels: { ...labels } });
  }

  /** Every pod of every namespace (`namespaceSelector: {}`); not addresses outside the cluster. */
  public static all(): Namespaces {
    return new Namespaces({});
  }

  private constructor(private readonly selector: LabelSelector) {}

  public toNetworkPolicyPeer(): NetworkPolicyPeer {
    return { namespaceSelector: this.selector };
  }

  public declaredWorkloads(): DeclaredWorkload[] {
    return [];
  }
}
