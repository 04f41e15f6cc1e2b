import type { HostNetworkTreatment } from '../model';
import { RuleId } from './rules';

/**
 * What each CNI plugin enforces of the policies it is given, as pure data: one entry per
 * plugin and feature, each citing where it was read (URL and version or date). Where no source
 * was found the entry is `unknown`, never a guess. docs/cni-profiles.md renders the same table;
 * a test keeps the two in step. checkCniProfile (cni-findings.ts) turns it into warnings.
 */

/** A CNI plugin with a profile: the values of `netpol validate --cni` and the plugin's `cni` property. */
export type CniName = 'calico' | 'cilium' | 'antrea' | 'aws-vpc' | 'azure-npm' | 'gke-dataplane-v2' | 'weave' | 'kube-router' | 'flannel';

/** Every CniName, in the order the docs and the usage error list them. */
export const CNI_NAMES: readonly CniName[] = ['calico', 'cilium', 'antrea', 'aws-vpc', 'azure-npm', 'gke-dataplane-v2', 'weave', 'kube-router', 'flannel'];

/** True when `value` names a profile. */
export function isCniName(value: string): value is CniName {
  return (CNI_NAMES as readonly string[]).includes(value);
}

/**
 * The features every profile states: whether policies are enforced at all, and the parts of
 * the API plugins are known to differ on.
 * - `ipBlockPodIps`: an ipBlock cidr also matches pod IPs (the conformance tests expect it).
 * - `ipv6`: ipBlock cidrs of the IPv6 family are enforced.
 */
export const CNI_FEATURES = ['enforcement', 'endPort', 'sctp', 'namedPorts', 'ipv6', 'ipBlockPodIps', 'clusterNetworkPolicy', 'adminNetworkPolicy'] as const;

export type CniFeature = (typeof CNI_FEATURES)[number];

/**
 * `supported`: enforced as the API says. `partial`: only under the condition the detail names
 * (a version, a flag, a node OS). `unsupported`: not enforced. `unknown`: no source found.
 */
export type CniSupportStatus = 'supported' | 'partial' | 'unsupported' | 'unknown';

/** Where a fact was read. */
export interface CniSource {
  readonly url: string;
  /** The release, commit or page date the statement was read at. */
  readonly version: string;
}

/** One feature of one plugin. */
export interface CniSupport {
  readonly status: CniSupportStatus;
  /** What happens, in a sentence; for `unknown`, what was looked at. */
  readonly detail: string;
  /** Empty only for `unknown`. */
  readonly sources: readonly CniSource[];
}

/**
 * A documented limit beyond the common features, with its own trigger (Azure NPM on Windows
 * drops a policy that uses `except`, say).
 */
export interface CniExtraLimit {
  /** The stable rule id of its warnings. */
  readonly rule: RuleId;
  readonly trigger: 'ipBlockExcept' | 'negativeSelectorOperator';
  readonly support: CniSupport;
}

/**
 * How a plugin treats pods with `hostNetwork: true`, which Kubernetes leaves undefined: `pod`
 * (policies apply to them as to any pod), `node` (no policy selects them and no rule selector
 * matches them: their traffic is the node's), `peer-only` (no policy selects them, but rule
 * selectors match them by their IP, the node's), or `unknown` (no source found).
 */
export interface CniHostNetworkSupport {
  readonly treatment: HostNetworkTreatment | 'unknown';
  /** What happens, in a sentence; for `unknown`, what was looked at. */
  readonly detail: string;
  /** Empty only for `unknown`. */
  readonly sources: readonly CniSource[];
}

export interface CniProfile {
  readonly name: CniName;
  /** The product's own name, for messages. */
  readonly title: string;
  readonly features: Readonly<Record<CniFeature, CniSupport>>;
  readonly extraLimits: readonly CniExtraLimit[];
  /** Its treatment of hostNetwork pods, which the analysis applies with `--cni`. */
  readonly hostNetworkPods: CniHostNetworkSupport;
}

/** "If your network plugin does not support the endPort field ... the policy will be applied only for the single port field." */
const K8S_ENDPORT_NOTE: CniSource = {
  url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports',
  version: 'kubernetes/website main, read 2026-12',
};

const NETPOL_API_IMPLEMENTATIONS: CniSource = {
  url: 'https://github.com/kubernetes-sigs/network-policy-api/blob/9773b0b5be3f191ef0229659c6beff72daed1194/site-src/implementations.md',
  version: 'implementations.md updated 2026-04-21',
};

const CALICO_CONVERSION: CniSource = {
  url: 'https://github.com/projectcalico/calico/blob/87c15906f20c4ca1fda55af92295e7678b0cc0b2/libcalico-go/lib/backend/k8s/conversion/conversion.go',
  version: 'commit 87c15906 (2026-08-22)',
};

const CILIUM_K8S_POLICY_DOC: CniSource = {
  url: 'https://docs.cilium.io/en/stable/network/kubernetes/policy/',
  version: 'stable docs, "Known missing features for Kubernetes Network Policy" (Documentation/network/kubernetes/policy.rst)',
};

const ANTREA_FEATURE_GATES: CniSource = {
  url: 'https://github.com/antrea-io/antrea/blob/fc70f2bb7037f398196fd42210d34800cb6aa398/docs/feature-gates.md',
  version: 'commit fc70f2bb (2026-08-21), after v2.7.0',
};

const AWS_AGENT_README: CniSource = {
  url: 'https://github.com/aws/aws-network-policy-agent/blob/c8619c056b4c3a7156d2e3538864de3bc9faab82/README.md',
  version: 'commit c8619c05 (2026-08-21)',
};

const AZURE_TRANSLATE: CniSource = {
  url: 'https://github.com/Azure/azure-container-networking/blob/cbd7560cfc18572a7182d30a68e882b6107c004c/npm/pkg/controlplane/translation/translatePolicy.go',
  version: 'commit cbd7560c (2026-08-20)',
};

const AZURE_CONTROLLER: CniSource = {
  url: 'https://github.com/Azure/azure-container-networking/blob/cbd7560cfc18572a7182d30a68e882b6107c004c/npm/pkg/controlplane/controllers/v2/networkPolicyController.go',
  version: 'commit cbd7560c (2026-08-20): a policy that fails translation is logged and not programmed',
};

const GKE_DPV2: CniSource = {
  url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2',
  version: 'page as stored 2026',
};

const WEAVE_ANALYSER: CniSource = {
  url: 'https://github.com/weaveworks/weave/blob/8c8476381d48820891356497bfcee6337e99a401/npc/analyser.go',
  version: 'commit 8c847638 (2022-11-23, the last commit; the project is archived)',
};

const KUBE_ROUTER_POLICY: CniSource = {
  url: 'https://github.com/cloudnativelabs/kube-router/blob/7c2c2779e397b15b85dc5fd2b6e6ff2c64c38596/pkg/controllers/netpol/policy.go',
  version: 'commit 7c2c2779 (2026-08-16), after v2.11.1',
};

function unknown(detail: string): CniSupport {
  return { status: 'unknown', detail, sources: [] };
}

const NO_SOURCE = 'no statement found in its documentation, release notes or source code';

/** Flannel alone enforces nothing, so every feature is unenforced for the same reason. */
const FLANNEL_NOTHING: CniSupport = {
  status: 'unsupported',
  detail:
    'flanneld does not enforce NetworkPolicies; enforcement needs a policy engine beside it (the Helm chart option netpol.enabled, default false, deploys kube-network-policies; or Calico as Canal), and then that engine is the profile to check against',
  sources: [
    { url: 'https://github.com/flannel-io/flannel/blob/b3b812be76403a3d322bb41770459a38ca8cf333/README.md', version: 'README at commit b3b812be (2026-07-30)' },
    {
      url: 'https://github.com/flannel-io/flannel/blob/cdf760595c23292fd03ff4daf03638ac1ceef417/chart/kube-flannel/values.yaml',
      version: 'commit cdf76059 (2026-08-14): netpol.enabled: false',
    },
  ],
};

const PROFILE_LIST: readonly CniProfile[] = [
  {
    name: 'calico',
    title: 'Calico',
    features: {
      enforcement: {
        status: 'supported',
        detail: 'Kubernetes NetworkPolicies are converted to Calico policies and enforced',
        sources: [CALICO_CONVERSION],
      },
      endPort: {
        status: 'supported',
        detail: 'endPort becomes a Calico port range (added by projectcalico/libcalico-go#1357, 2021)',
        sources: [CALICO_CONVERSION, { url: 'https://github.com/projectcalico/libcalico-go/pull/1357', version: 'merged 2021' }],
      },
      sctp: unknown(NO_SOURCE),
      namedPorts: unknown(NO_SOURCE),
      ipv6: {
        status: 'supported',
        detail: 'Amazon EKS documents Calico network policy with IPv6',
        sources: [{ url: 'https://docs.aws.amazon.com/eks/latest/userguide/pod-networking-use-cases.html', version: 'page as stored 2026' }],
      },
      ipBlockPodIps: unknown(NO_SOURCE),
      clusterNetworkPolicy: {
        status: 'supported',
        detail: 'ClusterNetworkPolicy standard fields (plus the networks peer and named ports of the experimental channel) from Calico v3.32',
        sources: [NETPOL_API_IMPLEMENTATIONS, { url: 'https://github.com/kubernetes-sigs/network-policy-api/pull/376', version: 'merged 2026-04-21' }],
      },
      adminNetworkPolicy: {
        status: 'supported',
        detail: 'AdminNetworkPolicy and BaselineAdminNetworkPolicy standard fields (plus the networks peer) in Calico v3.29 to v3.31',
        sources: [NETPOL_API_IMPLEMENTATIONS],
      },
    },
    extraLimits: [],
    hostNetworkPods: {
      treatment: 'node',
      detail:
        'a hostNetwork pod is not a Calico workload endpoint (IsValidCalicoWorkloadEndpoint returns false for it), so no NetworkPolicy selects it and no selector matches it; its traffic is the host\'s, governed only by HostEndpoint policies',
      sources: [CALICO_CONVERSION],
    },
  },
  {
    name: 'cilium',
    title: 'Cilium',
    features: {
      enforcement: {
        status: 'supported',
        detail: 'Kubernetes NetworkPolicies are enforced (L3 and L4, ingress and egress)',
        sources: [CILIUM_K8S_POLICY_DOC],
      },
      endPort: {
        status: 'partial',
        detail:
          'port ranges are enforced from Cilium 1.16.0 (cilium/cilium#32807); earlier versions accept endPort and enforce only port (cilium/cilium#28684). The stable docs still list endPort as missing',
        sources: [
          { url: 'https://github.com/cilium/cilium/pull/33463', version: 'release notes of v1.16.0-rc.1 (2024-06-28)' },
          { url: 'https://github.com/cilium/cilium/issues/28684', version: 'issue of 2023-10-18, Cilium 1.15-dev' },
          CILIUM_K8S_POLICY_DOC,
        ],
      },
      sctp: {
        status: 'partial',
        detail: 'SCTP is a beta feature, off unless installed with sctp.enabled=true; the docs list SCTP among the missing NetworkPolicy features (cilium/cilium#5719)',
        sources: [{ url: 'https://docs.cilium.io/en/stable/configuration/sctp/', version: 'stable docs, "SCTP support (beta)"' }, CILIUM_K8S_POLICY_DOC],
      },
      namedPorts: unknown(NO_SOURCE),
      ipv6: unknown(NO_SOURCE),
      ipBlockPodIps: {
        status: 'unsupported',
        detail:
          'ipBlock does not match pod IPs (cilium/cilium#9209): CIDR rules do not apply where both sides are Cilium-managed or node IPs (node IPs can be opted in from v1.15); select pods with podSelector and namespaceSelector instead',
        sources: [
          CILIUM_K8S_POLICY_DOC,
          {
            url: 'https://github.com/cilium/cilium/blob/30a4939a5cea655a834eb886456e9225ee11ccb8/Documentation/security/policy/language.rst',
            version: 'commit 30a4939a, "CIDR based" section',
          },
        ],
      },
      clusterNetworkPolicy: {
        status: 'unsupported',
        detail: 'not listed as a ClusterNetworkPolicy implementation; AdminNetworkPolicy has only a tracking issue (cilium/cilium#23380)',
        sources: [NETPOL_API_IMPLEMENTATIONS],
      },
      adminNetworkPolicy: {
        status: 'unsupported',
        detail: 'only a tracking issue (cilium/cilium#23380)',
        sources: [NETPOL_API_IMPLEMENTATIONS],
      },
    },
    extraLimits: [],
    hostNetworkPods: {
      treatment: 'node',
      detail:
        'hostNetwork pods belong to the host identity (reserved:host, remote-node): endpoint selectors of NetworkPolicies do not select or match them; only host policies (CiliumClusterwideNetworkPolicy with a nodeSelector) apply to the host namespace',
      sources: [
        { url: 'https://docs.cilium.io/en/latest/security/policy/host/', version: 'latest docs, "Host Policies", read 2026-12' },
        { url: 'https://github.com/cilium/cilium/issues/10405', version: 'closed issue: a namespaceSelector peer does not admit hostNetwork pods of that namespace' },
      ],
    },
  },
  {
    name: 'antrea',
    title: 'Antrea',
    features: {
      enforcement: {
        status: 'supported',
        detail: 'Kubernetes NetworkPolicies are enforced in Open vSwitch',
        sources: [{ url: 'https://github.com/antrea-io/antrea/blob/fc70f2bb7037f398196fd42210d34800cb6aa398/pkg/agent/openflow/network_policy.go', version: 'commit fc70f2bb (2026-08-21)' }],
      },
      endPort: {
        status: 'supported',
        detail: 'endPort of Kubernetes NetworkPolicies is supported since Antrea v1.1 (antrea-io/antrea#2190)',
        sources: [{ url: 'https://github.com/antrea-io/antrea/blob/fc70f2bb7037f398196fd42210d34800cb6aa398/CHANGELOG/CHANGELOG-1.1.md', version: 'v1.1.0' }],
      },
      sctp: {
        status: 'supported',
        detail: 'the agent matches SCTP destination ports in its policy flows (source code)',
        sources: [{ url: 'https://github.com/antrea-io/antrea/blob/fc70f2bb7037f398196fd42210d34800cb6aa398/pkg/agent/openflow/network_policy.go', version: 'commit fc70f2bb (2026-08-21)' }],
      },
      namedPorts: unknown(NO_SOURCE),
      ipv6: unknown(NO_SOURCE),
      ipBlockPodIps: unknown(NO_SOURCE),
      clusterNetworkPolicy: {
        status: 'partial',
        detail: 'ClusterNetworkPolicy (network-policy-api v0.2.0) from Antrea v2.7 behind the alpha feature gate ClusterNetworkPolicy, off by default',
        sources: [ANTREA_FEATURE_GATES, { url: 'https://github.com/antrea-io/antrea/blob/fc70f2bb7037f398196fd42210d34800cb6aa398/CHANGELOG/CHANGELOG-2.7.md', version: 'v2.7.0 (2026-08-15)' }],
      },
      adminNetworkPolicy: {
        status: 'partial',
        detail: 'AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1) behind the feature gate AdminNetworkPolicy (from v1.13, now deprecated), off by default',
        sources: [ANTREA_FEATURE_GATES],
      },
    },
    extraLimits: [],
    hostNetworkPods: {
      treatment: 'node',
      detail:
        'hostNetwork pods are left out of AppliedToGroups ("HostNetwork Pods will not be applied to by policies") and of AddressGroups (their address can only be selected via nodeSelector, not podSelector)',
      sources: [
        {
          url: 'https://github.com/antrea-io/antrea/blob/fc70f2bb7037f398196fd42210d34800cb6aa398/pkg/controller/networkpolicy/crd_utils.go',
          version: 'commit fc70f2bb (2026-08-21), AddressGroupExcludedPodFilter',
        },
        {
          url: 'https://github.com/antrea-io/antrea/blob/fc70f2bb7037f398196fd42210d34800cb6aa398/pkg/controller/networkpolicy/networkpolicy_controller.go',
          version: 'commit fc70f2bb (2026-08-21), syncAppliedToGroup',
        },
      ],
    },
  },
  {
    name: 'aws-vpc',
    title: 'Amazon VPC CNI (aws-network-policy-agent)',
    features: {
      enforcement: {
        status: 'partial',
        detail: 'policies are enforced only when the Network Policy agent runs with enable-network-policy=true (default false; VPC CNI v1.14.0 and later)',
        sources: [AWS_AGENT_README],
      },
      endPort: {
        status: 'supported',
        detail: 'the agent programs port ranges from endPort (source code)',
        sources: [{ url: 'https://github.com/aws/aws-network-policy-agent/blob/c8619c056b4c3a7156d2e3538864de3bc9faab82/pkg/fwruleprocessor/fw_rule_processor.go', version: 'commit c8619c05 (2026-08-21)' }],
      },
      sctp: {
        status: 'supported',
        detail: 'the eBPF programs parse SCTP ports (source code)',
        sources: [{ url: 'https://github.com/aws/aws-network-policy-agent/blob/c8619c056b4c3a7156d2e3538864de3bc9faab82/pkg/ebpf/c/tc.v4egress.bpf.c', version: 'commit c8619c05 (2026-08-21)' }],
      },
      namedPorts: unknown(NO_SOURCE),
      ipv6: {
        status: 'partial',
        detail: 'the agent runs in IPv4 or in IPv6 mode (enable-ipv6, default false), not both; the egress-only IPv4 interface of IPv6 pods is not secured',
        sources: [AWS_AGENT_README],
      },
      ipBlockPodIps: unknown(NO_SOURCE),
      clusterNetworkPolicy: unknown('not listed in the network-policy-api implementations page; no statement found in the agent or controller docs'),
      adminNetworkPolicy: unknown('not listed in the network-policy-api implementations page; no statement found in the agent or controller docs'),
    },
    extraLimits: [],
    hostNetworkPods: {
      treatment: 'peer-only',
      detail:
        'the policy controller skips hostNetwork pods when resolving the pods a policy selects ("Skipped hostNetwork pods"), but includes them, by their IP (the node\'s), in the peers of ingress and egress rules',
      sources: [
        {
          url: 'https://github.com/aws/amazon-network-policy-controller-k8s/blob/ecc7e6a79394528bdb397e1fbd927dae64383bec/pkg/resolvers/endpoints.go',
          version: 'commit ecc7e6a7 (2026-05-18), computePodSelectorEndpoints; endpoints_test.go TestEndpointsResolver_IncludesHostNetworkPodsInIngressEgressRules',
        },
      ],
    },
  },
  {
    name: 'azure-npm',
    title: 'Azure Network Policy Manager',
    features: {
      enforcement: {
        status: 'supported',
        detail: 'Kubernetes NetworkPolicies are translated to iptables/ipset (Linux) or HNS ACLs (Windows)',
        sources: [AZURE_TRANSLATE],
      },
      endPort: {
        status: 'supported',
        detail: 'endPort is translated to a port range on Linux and expanded port by port on Windows (source code)',
        sources: [
          AZURE_TRANSLATE,
          { url: 'https://github.com/Azure/azure-container-networking/blob/cbd7560cfc18572a7182d30a68e882b6107c004c/npm/pkg/dataplane/policies/policy_windows.go', version: 'commit cbd7560c (2026-08-20)' },
        ],
      },
      sctp: {
        status: 'partial',
        detail: 'on Windows nodes a policy with an SCTP port is not translated at all (ErrUnsupportedSCTP): the whole policy is skipped there',
        sources: [AZURE_TRANSLATE, AZURE_CONTROLLER],
      },
      namedPorts: {
        status: 'partial',
        detail: 'on Windows nodes a policy with a named port is not translated at all (ErrUnsupportedNamedPort): the whole policy is skipped there',
        sources: [AZURE_TRANSLATE, AZURE_CONTROLLER],
      },
      ipv6: {
        status: 'unsupported',
        detail: 'an IPv6 ipBlock fails translation (ErrUnsupportedIPAddress) and the whole policy is not programmed',
        sources: [AZURE_TRANSLATE, AZURE_CONTROLLER],
      },
      ipBlockPodIps: unknown(NO_SOURCE),
      clusterNetworkPolicy: unknown('not listed in the network-policy-api implementations page; no ClusterNetworkPolicy code found in npm/'),
      adminNetworkPolicy: unknown('not listed in the network-policy-api implementations page; no AdminNetworkPolicy code found in npm/'),
    },
    extraLimits: [
      {
        rule: 'cni-ipblock-except-unsupported',
        trigger: 'ipBlockExcept',
        support: {
          status: 'partial',
          detail: 'on Windows nodes a policy with ipBlock.except is not translated at all (ErrUnsupportedExceptCIDR): the whole policy is skipped there',
          sources: [AZURE_TRANSLATE, AZURE_CONTROLLER],
        },
      },
      {
        rule: 'cni-selector-operator-unsupported',
        trigger: 'negativeSelectorOperator',
        support: {
          status: 'partial',
          detail: 'on Windows nodes a policy whose selectors use NotIn or DoesNotExist is not translated at all (ErrUnsupportedNegativeMatch): the whole policy is skipped there',
          sources: [
            { url: 'https://github.com/Azure/azure-container-networking/blob/cbd7560cfc18572a7182d30a68e882b6107c004c/npm/pkg/controlplane/translation/parseSelector.go', version: 'commit cbd7560c (2026-08-20)' },
            AZURE_CONTROLLER,
          ],
        },
      },
    ],
    hostNetworkPods: {
      treatment: 'node',
      detail: 'pod events of hostNetwork pods are ignored ("HostNetwork POD IGNORED"): they join no ipset, so no policy selects them and no selector matches them',
      sources: [
        {
          url: 'https://github.com/Azure/azure-container-networking/blob/cbd7560cfc18572a7182d30a68e882b6107c004c/npm/pkg/controlplane/controllers/v2/podController.go',
          version: 'commit cbd7560c (2026-08-20), isHostNetworkPod',
        },
      ],
    },
  },
  {
    name: 'gke-dataplane-v2',
    title: 'GKE Dataplane V2',
    features: {
      enforcement: {
        status: 'supported',
        detail: 'Kubernetes NetworkPolicy is always enabled in clusters with GKE Dataplane V2 (implemented with Cilium)',
        sources: [GKE_DPV2],
      },
      endPort: unknown('GKE does not document it, nor which Cilium version Dataplane V2 runs (Cilium enforces endPort from 1.16.0)'),
      sctp: unknown('no statement found in the GKE documentation'),
      namedPorts: unknown('no statement found in the GKE documentation'),
      ipv6: unknown('no statement found in the GKE documentation'),
      ipBlockPodIps: unknown('GKE does not document it; upstream Cilium does not match ipBlock against pod IPs'),
      clusterNetworkPolicy: unknown('no statement found in the GKE documentation; not listed in the network-policy-api implementations page'),
      adminNetworkPolicy: unknown('no statement found in the GKE documentation; not listed in the network-policy-api implementations page'),
    },
    extraLimits: [],
    hostNetworkPods: {
      treatment: 'unknown',
      detail: 'GKE does not document it; upstream Cilium, which Dataplane V2 is built on, treats hostNetwork pods as the node',
      sources: [],
    },
  },
  {
    name: 'weave',
    title: 'Weave Net (weave-npc)',
    features: {
      enforcement: {
        status: 'supported',
        detail: 'weave-npc enforces Kubernetes NetworkPolicies; the project is archived (last commit 2022-11-23)',
        sources: [WEAVE_ANALYSER],
      },
      endPort: {
        status: 'unsupported',
        detail: 'weave-npc is built against k8s.io/api v0.18.6, older than endPort (Kubernetes 1.21), and never reads it: only port is enforced',
        sources: [
          { url: 'https://github.com/weaveworks/weave/blob/8c8476381d48820891356497bfcee6337e99a401/go.mod', version: 'commit 8c847638 (2022-11-23)' },
          WEAVE_ANALYSER,
          K8S_ENDPORT_NOTE,
        ],
      },
      sctp: unknown(NO_SOURCE),
      namedPorts: {
        status: 'unsupported',
        detail: 'a policy with a named port is rejected "from further processing": the whole policy is not enforced',
        sources: [WEAVE_ANALYSER],
      },
      ipv6: unknown(NO_SOURCE),
      ipBlockPodIps: unknown(NO_SOURCE),
      clusterNetworkPolicy: {
        status: 'unsupported',
        detail: 'the archived source has no code for the policy.networking.k8s.io kinds, which appeared after its last commit',
        sources: [WEAVE_ANALYSER],
      },
      adminNetworkPolicy: {
        status: 'unsupported',
        detail: 'the archived source has no code for the policy.networking.k8s.io kinds, which appeared after its last commit',
        sources: [WEAVE_ANALYSER],
      },
    },
    extraLimits: [],
    hostNetworkPods: {
      treatment: 'node',
      detail: 'weave-npc ignores pods that share the host network namespace (hasIP is false for them): no policy selects them and no selector matches them',
      sources: [{ url: 'https://github.com/weaveworks/weave/blob/8c8476381d48820891356497bfcee6337e99a401/npc/namespace.go', version: 'commit 8c847638 (2022-11-23), hasIP' }],
    },
  },
  {
    name: 'kube-router',
    title: 'kube-router',
    features: {
      enforcement: {
        status: 'supported',
        detail: 'the network policy controller enforces Kubernetes NetworkPolicies with iptables/ipset or nftables',
        sources: [KUBE_ROUTER_POLICY],
      },
      endPort: {
        status: 'supported',
        detail: 'endPort is enforced (cloudnativelabs/kube-router#1080, 2021)',
        sources: [KUBE_ROUTER_POLICY, { url: 'https://github.com/cloudnativelabs/kube-router/pull/1080', version: 'merged 2021' }],
      },
      sctp: unknown('an open feature request asks for SCTP in network policies (cloudnativelabs/kube-router#1019); no statement of support found'),
      namedPorts: {
        status: 'supported',
        detail: 'named ports are resolved to the destination pods\' ports (source code)',
        sources: [KUBE_ROUTER_POLICY],
      },
      ipv6: {
        status: 'partial',
        detail: 'dual-stack from v2.0.0; an ipBlock of a family not enabled with --enable-ipv4/--enable-ipv6 gets no rule (only a log warning)',
        sources: [{ url: 'https://github.com/cloudnativelabs/kube-router/blob/a1f0b2eea3ee0f66b9a5b5c49dcb714619ccd456/docs/ipv6.md', version: 'docs/ipv6.md at commit a1f0b2ee (2026-03-15)' }],
      },
      ipBlockPodIps: {
        status: 'supported',
        detail: 'ipBlock cidrs become ipsets matched against packet addresses, pod IPs included (source code)',
        sources: [KUBE_ROUTER_POLICY],
      },
      clusterNetworkPolicy: unknown('not listed in the network-policy-api implementations page; no statement found in its docs'),
      adminNetworkPolicy: unknown('not listed in the network-policy-api implementations page; no statement found in its docs'),
    },
    extraLimits: [],
    hostNetworkPods: {
      treatment: 'node',
      detail: 'isNetPolActionable is false for hostNetwork pods, which leaves them out of the pods a policy targets and of the peer pods of its rules',
      sources: [
        { url: 'https://github.com/cloudnativelabs/kube-router/blob/7c2c2779e397b15b85dc5fd2b6e6ff2c64c38596/pkg/controllers/netpol/utils.go', version: 'commit 7c2c2779 (2026-08-16), isNetPolActionable' },
        KUBE_ROUTER_POLICY,
      ],
    },
  },
  {
    name: 'flannel',
    title: 'Flannel',
    features: {
      enforcement: FLANNEL_NOTHING,
      endPort: FLANNEL_NOTHING,
      sctp: FLANNEL_NOTHING,
      namedPorts: FLANNEL_NOTHING,
      ipv6: FLANNEL_NOTHING,
      ipBlockPodIps: FLANNEL_NOTHING,
      clusterNetworkPolicy: FLANNEL_NOTHING,
      adminNetworkPolicy: FLANNEL_NOTHING,
    },
    extraLimits: [],
    hostNetworkPods: {
      treatment: 'unknown',
      detail: 'Flannel enforces no NetworkPolicy at all, for any pod',
      sources: [],
    },
  },
];

/** Every profile by name. */
export const CNI_PROFILES: Readonly<Record<CniName, CniProfile>> = Object.fromEntries(
  PROFILE_LIST.map((profile) => [profile.name, profile]),
) as Record<CniName, CniProfile>;
