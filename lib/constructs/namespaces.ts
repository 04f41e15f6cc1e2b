import { ClusterNetworkPolicyEgressPeer, LabelSelector, NAMESPACE_NAME_LABEL, NetworkPolicyPeer } from '../model';
import type { IClusterPeer } from './cluster-peer';
import { LABEL_EXPRESSIONS_PROP, LabelExpression, labelSelector } from './label-expression';
import { checkProps, LABELS, listOf, objectOf, optionalProp, PropType, requiredProp, satisfying, TEXT } from './props-check';
import type { DeclaredWorkload, IPeer } from './peer';

/** Options for `Namespaces.select`. */
export interface NamespacesSelectOptions {
  /**
   * The namespaces carry all these labels.
   * @default no label is required
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Label requirements on the namespaces, ANDed with `labels`.
   * @default none
   */
  readonly expressions?: readonly LabelExpression[];
}

/**
 * Every pod of some namespaces, as a peer: `{namespaceSelector}` alone.
 *
 * Namespaces are named through `kubernetes.io/metadata.name`, which Kubernetes sets on every
 * namespace; the `name` label is not set automatically and is never used here.
 */
export class Namespaces implements IPeer, IClusterPeer {
  /** Namespaces by name: `matchLabels` for one, an `In` expression (sorted) for several. */
  public static named(...names: string[]): Namespaces {
    checkProps('Namespaces.named', { names }, NAMES);
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
    checkProps('Namespaces.withLabels', { labels }, { labels: requiredProp(LABELS) });
    if (Object.keys(labels).length === 0) {
      throw new Error('Namespaces.withLabels: labels must not be empty; use Namespaces.all() for every namespace');
    }
    return new Namespaces({ matchLabels: { ...labels } });
  }

  /**
   * Namespaces by labels AND label expressions, e.g. every namespace but the system ones:
   * `Namespaces.select({ expressions: [LabelExpression.notIn('kubernetes.io/metadata.name', ['kube-system'])] })`.
   */
  public static select(options: NamespacesSelectOptions): Namespaces {
    checkProps('Namespaces.select', { options }, { options: requiredProp(SELECT_OPTIONS) });
    const selector = labelSelector(options.labels ?? {}, options.expressions ?? []);
    if (Object.keys(selector).length === 0) {
      throw new Error('Namespaces.select: give labels or expressions; use Namespaces.all() for every namespace');
    }
    return new Namespaces(selector);
  }

  /** Every pod of every namespace (`namespaceSelector: {}`); not addresses outside the cluster. */
  public static all(): Namespaces {
    return new Namespaces({});
  }

  private constructor(private readonly selector: LabelSelector) {}

  /**
   * These namespaces but the named ones: the selector gains
   * `kubernetes.io/metadata.name NotIn [names]` (sorted), e.g. `Namespaces.all().excluding('kube-system')`.
   */
  public excluding(...names: string[]): Namespaces {
    checkProps('Namespaces.excluding', { names }, NAMES);
    if (names.length === 0) {
      throw new Error('Namespaces.excluding: give at least one namespace name');
    }
    const values = [...new Set(names)].sort();
    const matchExpressions = [...(this.selector.matchExpressions ?? []), { key: NAMESPACE_NAME_LABEL, operator: 'NotIn' as const, values }];
    return new Namespaces({ ...this.selector, matchExpressions });
  }

  public toNetworkPolicyPeer(): NetworkPolicyPeer {
    return { namespaceSelector: this.selector };
  }

  /** As a ClusterNetworkPolicy peer or subject: `{namespaces}`. */
  public toClusterNetworkPolicyPeer(): ClusterNetworkPolicyEgressPeer {
    return { namespaces: this.selector };
  }

  public declaredWorkloads(): DeclaredWorkload[] {
    return [];
  }
}

const NAMES = { names: requiredProp(listOf(TEXT, 'namespace names')) };

const SELECT_OPTIONS = objectOf<NamespacesSelectOptions>({ labels: optionalProp(LABELS), expressions: optionalProp(LABEL_EXPRESSIONS_PROP) }, 'options');

/** A `Namespaces` prop. */
export const NAMESPACES_PROP: PropType = satisfying(
  (value) => value instanceof Namespaces,
  'Namespaces (Namespaces.all(), Namespaces.named(...), Namespaces.withLabels(...), Namespaces.select(...))',
);
