import type { ClusterNetworkPolicyEgressPeer, LabelSelector, NetworkPolicyPeer } from '../model';
import { NAMESPACE_NAME_LABEL } from '../model';
import { cdk8sPlusWorkloadName } from './cdk8s-plus-workload-name';
import { LabelExpression, labelSelector } from './label-expression';
import type { IClusterPeer } from './cluster-peer';
import type { DeclaredWorkload, IPeer } from './peer';

/** The label cdk8s-plus puts on the pods of every workload it creates. */
const CDK8S_ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

/**
 * A cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, Job, Pod) of any cdk8s-plus line,
 * 28 to 33 and later, recognised by the public surface those lines share rather than by the
 * class of one line (whose private members would make it a different type for TypeScript).
 */
export interface ICdk8sPlusWorkload {
  /** The workload's `metadata.name`. */
  readonly name: string;
  /** Its metadata; the namespace is read from it. */
  readonly metadata: { readonly namespace?: string };
  /** The metadata of its pod template; the pod labels are read from it at synth. */
  readonly podMetadata: { toJson(): { readonly labels?: Readonly<Record<string, string>> } };
  /** cdk8s-plus's `IPodSelector` method, which marks an object that selects pods. */
  toPodSelectorConfig(): unknown;
}

/** A Workload, or a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or Pod of any line. */
export type WorkloadLike = Workload | ICdk8sPlusWorkload;

/** True for an object with the cdk8s-plus workload surface (see `ICdk8sPlusWorkload`). */
export function isCdk8sPlusWorkload(value: unknown): value is ICdk8sPlusWorkload {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<Record<keyof ICdk8sPlusWorkload, unknown>>;
  const podMetadata = candidate.podMetadata as { toJson?: unknown } | undefined;
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.metadata === 'object' &&
    typeof candidate.toPodSelectorConfig === 'function' &&
    typeof podMetadata?.toJson === 'function'
  );
}

/**
 * Normalizes a workload input: cdk8s-plus objects are read with `Workload.of`; anything else is
 * refused with an error that starts with `where`.
 */
export function toWorkload(workload: WorkloadLike, where: string): Workload {
  if (workload instanceof Workload) {
    return workload;
  }
  if (isCdk8sPlusWorkload(workload)) {
    return Workload.of(workload);
  }
  throw new Error(
    `${where}: not a workload: give a Workload (Workload.select, Workload.all, Workload.allIn) or a cdk8s-plus ` +
      'Deployment, StatefulSet, DaemonSet, Job or Pod',
  );
}

/** Options for `Workload.select`. */
export interface WorkloadSelectOptions {
  /**
   * The namespace the pods run in.
   * @default the namespace of the policy that refers to the workload
   */
  readonly namespace?: string;
  /**
   * Label requirements on the pods, ANDed with the labels.
   * @default none
   */
  readonly expressions?: readonly LabelExpression[];
  /**
   * As a peer: the pods are in every namespace carrying all these labels (ONE peer with
   * `namespaceSelector` AND `podSelector`). Not with `namespace`.
   * @default the pods are in `namespace`
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  /**
   * As a peer: label requirements on those namespaces, ANDed with `namespaceLabels`.
   * @default none
   */
  readonly namespaceExpressions?: readonly LabelExpression[];
  /**
   * The stable endpoint name of the workload (for analysis, tests and reports).
   * @default the label values in key order, joined with '-' (`{app: 'web-api'}` → `web-api`)
   */
  readonly name?: string;
}

/**
 * A set of pods, selected by labels (and label expressions), in one namespace or in the
 * namespaces some labels select: what a policy applies to, or a peer.
 *
 * As a peer in the policy's own namespace it renders `{podSelector}`; elsewhere ONE peer
 * with `namespaceSelector` (`kubernetes.io/metadata.name`, set on every namespace by
 * Kubernetes, or the namespace labels given) AND `podSelector`.
 */
export class Workload implements IPeer, IClusterPeer {
  /** Pods with all these labels (and expressions); `namespace` defaults to the policy's namespace. */
  public static select(labels: Record<string, string>, options: WorkloadSelectOptions = {}): Workload {
    const expressions = [...(options.expressions ?? [])];
    if (Object.keys(labels).length === 0 && expressions.length === 0) {
      throw new Error(
        'Workload.select: labels must not be empty (or give expressions); use Workload.all() or Workload.allIn(namespace) for every pod of a namespace',
      );
    }
    const namespaceLabels = options.namespaceLabels ?? {};
    const namespaceExpressions = options.namespaceExpressions ?? [];
    const byLabels = Object.keys(namespaceLabels).length > 0 || namespaceExpressions.length > 0;
    if (byLabels && options.namespace !== undefined) {
      throw new Error('Workload.select: give namespace or namespaceLabels/namespaceExpressions, not both');
    }
    const copy = { ...labels };
    return new Workload({
      labels: () => copy,
      expressions,
      namespace: options.namespace,
      namespaceSelector: byLabels ? labelSelector(namespaceLabels, namespaceExpressions) : undefined,
      name: options.name,
      allPods: false,
    });
  }

  /**
   * Pods with exactly the labels `labels()` returns, read each time the policy renders: for a
   * selector that is complete only at synth, such as a cdk8s-plus Service's (`Service.of`).
   * An empty result is refused when read (it would select every pod), with the error `where`
   * names.
   */
  public static selectAtSynth(labels: () => Readonly<Record<string, string>>, where: string, options: { readonly namespace?: string; readonly name?: string } = {}): Workload {
    const read = (): Readonly<Record<string, string>> => {
      const current = labels();
      if (Object.keys(current).length === 0) {
        throw new Error(`${where}: selects no labels; an empty pod selector would select every pod of the namespace`);
      }
      return current;
    };
    return new Workload({ labels: read, expressions: [], namespace: options.namespace, name: options.name, allPods: false });
  }

  /** Every pod of the policy's own namespace (`podSelector: {}`). */
  public static all(): Workload {
    return new Workload({ labels: () => ({}), expressions: [], allPods: true });
  }

  /** Every pod of the named namespace. */
  public static allIn(namespace: string): Workload {
    return new Workload({ labels: () => ({}), expressions: [], namespace, allPods: true });
  }

  /**
   * The pods of a cdk8s-plus workload of any line, read from the object at synth: its
   * namespace, its endpoint name (its construct id when cdk8s generated its `metadata.name`,
   * else that name), and its pod template labels. cdk8s's generated
   * `cdk8s.io/metadata.addr` label is left out when the pods have other labels, so the output
   * carries the labels you chose.
   */
  public static of(pod: ICdk8sPlusWorkload): Workload {
    return new Workload({ labels: () => podLabels(pod), expressions: [], namespace: pod.metadata.namespace, name: cdk8sPlusWorkloadName(pod), allPods: false });
  }

  /** The namespace, when not the policy's own (undefined also when namespaces are selected by label). */
  public readonly namespace: string | undefined;
  /** The selector of the namespaces the pods are in, when they are selected by label. */
  public readonly namespaceSelector: LabelSelector | undefined;
  /** True for every pod of a namespace, with no specific labels. */
  public readonly allPods: boolean;
  private readonly labelSource: () => Readonly<Record<string, string>>;
  private readonly expressions: readonly LabelExpression[];
  private readonly explicitName: string | undefined;

  private constructor(parts: {
    labels: () => Readonly<Record<string, string>>;
    expressions: readonly LabelExpression[];
    namespace?: string;
    namespaceSelector?: LabelSelector;
    name?: string;
    allPods: boolean;
  }) {
    this.labelSource = parts.labels;
    this.expressions = parts.expressions;
    this.namespace = parts.namespace;
    this.namespaceSelector = parts.namespaceSelector;
    this.explicitName = parts.name;
    this.allPods = parts.allPods;
  }

  /** The pod labels this workload is selected by (empty for every pod of a namespace). */
  public get labels(): Record<string, string> {
    return { ...this.labelSource() };
  }

  /** The namespace the pods are in, seen from a policy in `policyNamespace`. */
  public namespaceFor(policyNamespace: string): string {
    return this.namespace ?? policyNamespace;
  }

  /** The selector for these pods within their namespace. */
  public toPodSelector(): LabelSelector {
    return labelSelector(this.labelSource(), this.expressions);
  }

  public toNetworkPolicyPeer(policyNamespace: string): NetworkPolicyPeer {
    if (this.namespaceSelector) {
      return { namespaceSelector: this.namespaceSelector, podSelector: this.toPodSelector() };
    }
    const namespace = this.namespaceFor(policyNamespace);
    if (namespace === policyNamespace) {
      return { podSelector: this.toPodSelector() };
    }
    const namespaceSelector = { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } };
    return this.allPods ? { namespaceSelector } : { namespaceSelector, podSelector: this.toPodSelector() };
  }

  /**
   * As a ClusterNetworkPolicy peer or subject, which has no namespace of its own: `{pods}`
   * with the namespace (by `kubernetes.io/metadata.name`) or namespace labels, and
   * `{namespaces}` alone for every pod of a namespace (`Workload.allIn`).
   */
  public toClusterNetworkPolicyPeer(where: string): ClusterNetworkPolicyEgressPeer {
    if (this.namespaceSelector) {
      return { pods: { namespaceSelector: this.namespaceSelector, podSelector: this.toPodSelector() } };
    }
    if (this.namespace === undefined) {
      throw new Error(
        `${where}: a ClusterNetworkPolicy is cluster-scoped, so a workload needs its namespace: give ` +
          'Workload.select(labels, { namespace }) or { namespaceLabels }, Workload.allIn(namespace), or Namespaces for whole namespaces',
      );
    }
    const namespaceSelector = { matchLabels: { [NAMESPACE_NAME_LABEL]: this.namespace } };
    return this.allPods ? { namespaces: namespaceSelector } : { pods: { namespaceSelector, podSelector: this.toPodSelector() } };
  }

  /**
   * The one endpoint this workload stands for. None for every pod of a namespace, and none for
   * pods selected by expressions or in namespaces selected by label: no one label set or
   * namespace stands for them.
   */
  public declaredWorkloads(policyNamespace: string): DeclaredWorkload[] {
    if (this.allPods || this.expressions.length > 0 || this.namespaceSelector) {
      return [];
    }
    return [{ namespace: this.namespaceFor(policyNamespace), name: this.explicitName ?? defaultName(this.labels), labels: this.labels }];
  }
}

function defaultName(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => labels[key])
    .join('-');
}

function podLabels(pod: ICdk8sPlusWorkload): Record<string, string> {
  const labels: Record<string, string> = { ...(pod.podMetadata.toJson().labels ?? {}) };
  const chosen = Object.fromEntries(Object.entries(labels).filter(([key]) => key !== CDK8S_ADDRESS_LABEL));
  return Object.keys(chosen).length > 0 ? chosen : labels;
}
