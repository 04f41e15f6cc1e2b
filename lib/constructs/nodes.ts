import type { ClusterNetworkPolicyEgressPeer, LabelSelector } from '../model';
import type { IClusterPeer } from './cluster-peer';
import { LABEL_EXPRESSIONS_PROP, LabelExpression, labelSelector } from './label-expression';
import { checkProps, LABELS, objectOf, optionalProp, requiredProp } from './props-check';

/** Options for `Nodes.select`. */
export interface NodesSelectOptions {
  /**
   * The nodes carry all these labels.
   * @default no label is required
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Label requirements on the nodes, ANDed with `labels`.
   * @default none
   */
  readonly expressions?: readonly LabelExpression[];
}

/**
 * Nodes as an egress peer of a ClusterNetworkPolicy (`nodes`): the addresses in the selected
 * nodes' `status.addresses`. An experimental-channel field: the standard CRD does not have it,
 * and synthesis warns about it.
 */
export class Nodes implements IClusterPeer {
  /** Every node (`nodes: {}`). */
  public static all(): Nodes {
    return new Nodes({});
  }

  /** Nodes carrying all these labels, e.g. `{ 'node-role.kubernetes.io/control-plane': '' }`. */
  public static withLabels(labels: Record<string, string>): Nodes {
    checkProps('Nodes.withLabels', { labels }, { labels: requiredProp(LABELS) });
    if (Object.keys(labels).length === 0) {
      throw new Error('Nodes.withLabels: labels must not be empty; use Nodes.all() for every node');
    }
    return new Nodes({ matchLabels: { ...labels } });
  }

  /** Nodes by labels AND label expressions. */
  public static select(options: NodesSelectOptions): Nodes {
    checkProps('Nodes.select', { options }, { options: requiredProp(SELECT_OPTIONS) });
    const selector = labelSelector(options.labels ?? {}, options.expressions ?? []);
    if (Object.keys(selector).length === 0) {
      throw new Error('Nodes.select: give labels or expressions; use Nodes.all() for every node');
    }
    return new Nodes(selector);
  }

  private constructor(private readonly selector: LabelSelector) {}

  /** As a ClusterNetworkPolicy egress peer: `{nodes}`. */
  public toClusterNetworkPolicyPeer(): ClusterNetworkPolicyEgressPeer {
    return { nodes: this.selector };
  }
}

const SELECT_OPTIONS = objectOf<NodesSelectOptions>({ labels: optionalProp(LABELS), expressions: optionalProp(LABEL_EXPRESSIONS_PROP) }, 'options');
