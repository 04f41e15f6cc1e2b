import * as kplus from 'cdk8s-plus-28';
import { LabelSelector, NAMESPACE_NAME_LABEL, NetworkPolicyPeer } from '../model';
import type { DeclaredWorkload, IPeer } from './peer';

/** Options for `Workload.select`. */
export interface WorkloadSelectOptions {
  /**
   * The namespace the pods run in.
   * @default the namespace of the policy that refers to the workload
   */
  readonly namespace?: string;
  /**
   * The stable endpoint name of the workload (for analysis, tests and reports).
   * @default the label values in key order, joined with '-' (`{app: 'web-api'}` → `web-api`)
   */
  readonly name?: string;
}

/** A Workload, or a cdk8s-plus-28 Deployment, StatefulSet, DaemonSet, Job or Pod. */
export type WorkloadLike = Workload | kplus.AbstractPod;

/** Normalizes a workload input: cdk8s-plus-28 objects are read with `Workload.of`. */
export function toWorkload(workload: WorkloadLike): Workload {
  return workload instanceof kplus.AbstractPod ? Workload.of(workload) : workload;
}

/**
 * A set of pods, selected by labels, in one namespace: what a policy applies to, or a peer.
 *
 * As a peer in the policy's own namespace it renders `{podSelector}`; elsewhere ONE peer
 * with `namespaceSelector` (`kubernetes.io/metadata.name`, set on every namespace by
 * Kubernetes) AND `podSelector`.
 */
export class Workload implements IPeer {
  /** Pods with all these labels; `namespace` defaults to the policy's namespace. */
  public static select(labels: Record<string, string>, options: WorkloadSelectOptions = {}): Workload {
    if (Object.keys(labels).length === 0) {
      throw new Error(
        'Workload.select: labels must not be empty; use Workload.all() or Workload.allIn(namespace) for every pod of a namespace',
      );
    }
    const copy = { ...labels };
    return new Workload(() => copy, options.namespace, options.name ?? defaultName(copy), false);
  }

  /** Every pod of the policy's own namespace (`podSelector: {}`). */
  public static all(): Workload {
    return new Workload(() => ({}), undefined, undefined, true);
  }

  /** Every pod of the named namespace. */
  public static allIn(namespace: string): Workload {
    return new Workload(() => ({}), namespace, undefined, true);
  }

  /**
   * The pods of a cdk8s-plus-28 workload, read from the object at synth: its namespace, its
   * name as endpoint name, and its pod template labels. cdk8s's generated
   * `cdk8s.io/metadata.addr` label is left out when the pods have other labels, so the output
   * carries the labels you chose.
   */
  public static of(pod: kplus.AbstractPod): Workload {
    return new Workload(() => podLabels(pod), pod.metadata.namespace, pod.name, false);
  }

  private constructor(
    private readonly labelSource: () => Record<string, string>,
    /** The namespace, when not the policy's own. */
    public readonly namespace: string | undefined,
    private readonly explicitName: string | undefined,
    /** True for every pod of a namespace, with no specific labels. */
    public readonly allPods: boolean,
  ) {}

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
    const labels = this.labels;
    return Object.keys(labels).length === 0 ? {} : { matchLabels: labels };
  }

  public toNetworkPolicyPeer(policyNamespace: string): NetworkPolicyPeer {
    const namespace = this.namespaceFor(policyNamespace);
    if (namespace === policyNamespace) {
      return { podSelector: this.toPodSelector() };
    }
    const namespaceSelector = { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } };
    return this.allPods ? { namespaceSelector } : { namespaceSelector, podSelector: this.toPodSelector() };
  }

  public declaredWorkloads(policyNamespace: string): DeclaredWorkload[] {
    if (this.allPods) {
      return [];
    }
    return [{ namespace: this.namespaceFor(policyNamespace), name: this.explicitName ?? defaultName(this.labels), labels: this.labels }];
  }
}

function defaultName(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => labels[key])
    .join('-');
}

function podLabels(pod: kplus.AbstractPod): Record<string, string> {
  const labels: Record<string, string> = { ...(pod.podMetadata.toJson().labels ?? {}) };
  const chosen = Object.fromEntries(Object.entries(labels).filter(([key]) => key !== kplus.Pod.ADDRESS_LABEL));
  return Object.keys(chosen).length > 0 ? chosen : labels;
}
