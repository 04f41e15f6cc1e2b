import type { Labels } from '../model';

/**
 * Labels as Hubble writes them: `source:key=value` (`k8s:app=web`, `reserved:world`,
 * `k8s:io.cilium.k8s.namespace.labels.team=shop`). Label keys hold no `:` and values no `=`,
 * so the first of each splits.
 */
export interface HubbleLabels {
  /** The pod's own labels (`k8s:` source), Cilium's additions removed. */
  readonly pod: Labels;
  /** The namespace's labels Cilium copies onto the pod (`io.cilium.k8s.namespace.labels.*`). */
  readonly namespace: Labels;
  /** Cilium's reserved identities (`world`, `host`, `remote-node`, `kube-apiserver`, `health`, ...). */
  readonly reserved: readonly string[];
}

/** The prefix of the namespace labels Cilium adds to every pod's identity. */
const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';

/**
 * Labels Cilium adds to a pod's identity that are not the pod's labels: its namespace, the
 * cluster name, the service account (pkg/k8s/apis/cilium.io const.go).
 */
const CILIUM_ADDED = new Set(['io.kubernetes.pod.namespace', 'io.cilium.k8s.policy.cluster', 'io.cilium.k8s.policy.serviceaccount']);

/** Reads Hubble's label strings; other sources than `k8s` and `reserved` (`cidr:`, `fqdn:`, `container:`) carry no pod label. */
export function parseHubbleLabels(texts: readonly string[]): HubbleLabels {
  const pod: Record<string, string> = {};
  const namespace: Record<string, string> = {};
  const reserved: string[] = [];
  for (const text of texts) {
    const colon = text.indexOf(':');
    const source = colon < 0 ? '' : text.slice(0, colon);
    const rest = colon < 0 ? text : text.slice(colon + 1);
    const equals = rest.indexOf('=');
    const key = equals < 0 ? rest : rest.slice(0, equals);
    const value = equals < 0 ? '' : rest.slice(equals + 1);
    if (source === 'reserved') {
      reserved.push(key);
    } else if (source === 'k8s' || source === '') {
      if (key.startsWith(NAMESPACE_LABELS_PREFIX)) {
        namespace[key.slice(NAMESPACE_LABELS_PREFIX.length)] = value;
      } else if (!CILIUM_ADDED.has(key)) {
        pod[key] = value;
      }
    }
  }
  return { pod, namespace, reserved };
}

/**
 * Pod label keys Cilium leaves out of identities by default, so Hubble never shows them
 * (pkg/labelsfilter/filter.go defaultLabelPrefixCfg: keys starting with these, except
 * `app.kubernetes.io` ones which it keeps). A workload's label of these keys is not
 * evidence against a match when a flow lacks it.
 */
const IDENTITY_IGNORED_PREFIXES = [
  'io.kubernetes',
  'kubernetes.io',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/job-completion-index',
  'k8s.io',
  'pod-template-generation',
  'pod-template-hash',
  'controller-revision-hash',
  'annotation',
  'etcd_node',
];

/** Whether Cilium's default label filter keeps `key` out of identities, and so out of Hubble's labels. */
export function isIdentityIgnoredLabel(key: string): boolean {
  return IDENTITY_IGNORED_PREFIXES.some((prefix) => key.startsWith(prefix)) || key.includes('beta.kubernetes.io');
}
