import { ClusterModel, Endpoint, LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, PolicyEntry, SourceRef, endpointId, parseCidr } from '../model';
import { CNI_PROFILES, CniExtraLimit, CniFeature, CniName, CniProfile, CniSupport } from './cni-profiles';
import { EstateView } from './estate-view';
import { Finding } from './finding';
import { ObjectFinding, compareObjectFindings, policyFinding } from './object-finding';
import { RuleId } from './rules';
import { uncoveredPrivateRanges } from './private-ranges';

/** The admin-tier kinds (policy.networking.k8s.io) a profile judges. */
export type AdminTierKind = 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/** An admin-tier object by name: the profile judges its kind, not its content. */
export interface AdminTierObjectRef {
  readonly kind: AdminTierKind;
  readonly name: string;
  readonly source?: SourceRef;
}

/** What a CNI profile is checked against. */
export interface CniCheckInput {
  /** NetworkPolicies that passed validation, decoded. */
  readonly policies: readonly PolicyEntry[];
  /**
   * Admin-tier objects of the manifest set.
   * @default []
   */
  readonly adminPolicies?: readonly AdminTierObjectRef[];
  /**
   * The estate the policies are in: the policies that select or match its pods with
   * `hostNetwork: true` are judged against the plugin's treatment of such pods.
   * @default none: no pod is known
   */
  readonly model?: ClusterModel;
}

/** The stable rule id of each feature's warnings. */
export const CNI_FEATURE_RULES: Readonly<Record<CniFeature, RuleId>> = {
  enforcement: 'cni-no-enforcement',
  endPort: 'cni-endport-unsupported',
  sctp: 'cni-sctp-unsupported',
  namedPorts: 'cni-named-port-unsupported',
  ipv6: 'cni-ipv6-unsupported',
  ipBlockPodIps: 'cni-ipblock-pod-ips',
  clusterNetworkPolicy: 'cni-cluster-network-policy-unsupported',
  adminNetworkPolicy: 'cni-admin-network-policy-unsupported',
};

/** What the policy asks for, as the message names it. */
const FEATURE_WORDS: Readonly<Record<CniFeature, string>> = {
  enforcement: 'NetworkPolicies',
  endPort: 'port ranges (endPort)',
  sctp: 'SCTP ports',
  namedPorts: 'named ports',
  ipv6: 'IPv6 ipBlocks',
  ipBlockPodIps: 'ipBlock matching of pod IPs',
  clusterNetworkPolicy: 'ClusterNetworkPolicy',
  adminNetworkPolicy: 'AdminNetworkPolicy and BaselineAdminNetworkPolicy',
};

const EXTRA_LIMIT_WORDS: Readonly<Record<CniExtraLimit['trigger'], string>> = {
  ipBlockExcept: 'ipBlock.except',
  negativeSelectorOperator: 'NotIn and DoesNotExist selectors',
};

const NOT_ENFORCED = ' (a policy nobody enforces has no effect)';

const NEGATIVE_OPERATORS: readonly string[] = ['NotIn', 'DoesNotExist'];

function describeSources(support: CniSupport): string {
  if (support.sources.length === 0) {
    return 'source: unknown';
  }
  return `source: ${support.sources.map((source) => `${source.url}, ${source.version}`).join('; ')}`;
}

/** The sentence of a warning: the plugin, what it does with the feature, why, and where that is written. */
function supportMessage(profile: CniProfile, what: string, support: CniSupport, context: string): string {
  const verdict =
    support.status === 'unsupported'
      ? `${profile.title} does not enforce ${what}`
      : support.status === 'partial'
        ? `${profile.title} enforces ${what} only in part`
        : `whether ${profile.title} enforces ${what} is unknown`;
  return `${verdict}${context}: ${support.detail} [${describeSources(support)}]`;
}

/** Collects one object's warnings: each use of a feature the profile does not fully enforce. */
class ProfileJudge {
  readonly findings: Finding[] = [];

  constructor(readonly profile: CniProfile) {}

  feature(feature: CniFeature, path: string, context = ''): void {
    const support = this.profile.features[feature];
    if (support.status !== 'supported') {
      this.findings.push({
        severity: 'warning',
        rule: CNI_FEATURE_RULES[feature],
        path,
        message: supportMessage(this.profile, FEATURE_WORDS[feature], support, context),
      });
    }
  }

  extraLimit(trigger: CniExtraLimit['trigger'], path: string): void {
    for (const limit of this.profile.extraLimits.filter((candidate) => candidate.trigger === trigger)) {
      this.findings.push({ severity: 'warning', rule: limit.rule, path, message: supportMessage(this.profile, EXTRA_LIMIT_WORDS[trigger], limit.support, '') });
    }
  }

  selector(selector: LabelSelector | undefined, path: string): void {
    (selector?.matchExpressions ?? []).forEach((expression, index) => {
      if (NEGATIVE_OPERATORS.includes(expression.operator)) {
        this.extraLimit('negativeSelectorOperator', `${path}.matchExpressions[${index}].operator`);
      }
    });
  }

  port(port: NetworkPolicyPort, path: string): void {
    if (port.endPort !== undefined) {
      this.feature('endPort', `${path}.endPort`, ` (a plugin without endPort enforces only port ${String(port.port)} of ${String(port.port)}-${port.endPort})`);
    }
    if (port.protocol === 'SCTP') {
      this.feature('sctp', `${path}.protocol`);
    }
    if (typeof port.port === 'string') {
      this.feature('namedPorts', `${path}.port`);
    }
  }

  peer(peer: NetworkPolicyPeer, path: string): void {
    this.selector(peer.podSelector, `${path}.podSelector`);
    this.selector(peer.namespaceSelector, `${path}.namespaceSelector`);
    const { ipBlock } = peer;
    if (!ipBlock) {
      return;
    }
    if (parseCidr(ipBlock.cidr)?.family === 6) {
      this.feature('ipv6', `${path}.ipBlock.cidr`);
    }
    const privateRanges = uncoveredPrivateRanges(ipBlock);
    if (privateRanges.length > 0) {
      this.feature('ipBlockPodIps', `${path}.ipBlock.cidr`, ` (${ipBlock.cidr} reaches ${privateRanges.join(', ')}, where pod IPs usually are)`);
    }
    if ((ipBlock.except ?? []).length > 0) {
      this.extraLimit('ipBlockExcept', `${path}.ipBlock.except`);
    }
  }

  policy(entry: PolicyEntry): void {
    const { spec } = entry.policy;
    this.selector(spec.podSelector, 'spec.podSelector');
    (spec.ingress ?? []).forEach((rule, i) => {
      (rule.from ?? []).forEach((peer, k) => this.peer(peer, `spec.ingress[${i}].from[${k}]`));
      (rule.ports ?? []).forEach((port, j) => this.port(port, `spec.ingress[${i}].ports[${j}]`));
    });
    (spec.egress ?? []).forEach((rule, i) => {
      (rule.to ?? []).forEach((peer, k) => this.peer(peer, `spec.egress[${i}].to[${k}]`));
      (rule.ports ?? []).forEach((port, j) => this.port(port, `spec.egress[${i}].ports[${j}]`));
    });
  }
}

/**
 * Where a policy counts on the plugin applying it to hostNetwork pods, as the profile says it
 * does not (or does not say): selecting such a pod (`node`, `peer-only`, `unknown`), and
 * matching one with a rule's pod or namespace selector (`node`, `unknown`); an ipBlock still
 * matches such a pod by its address, the node's.
 */
function hostNetworkFindings(profile: CniProfile, entry: PolicyEntry, estate: EstateView, pods: readonly Endpoint[]): Finding[] {
  const support = profile.hostNetworkPods;
  if (support.treatment === 'pod' || pods.length === 0) {
    return [];
  }
  const { policy } = entry;
  const namespace = policy.metadata.namespace ?? '';
  const source = support.sources.length > 0 ? `source: ${support.sources.map((entry) => entry.url).join('; ')}` : 'source: unknown';
  const finding = (path: string, pod: Endpoint, effect: string): Finding => ({
    severity: 'warning',
    rule: 'cni-host-network-pods',
    path,
    message:
      support.treatment === 'unknown'
        ? `${effect.replace('{pod}', endpointId(pod))}, and whether ${profile.title} applies policies to hostNetwork pods is unknown: ${support.detail} [${source}]`
        : `${effect.replace('{pod}', endpointId(pod))}, which ${profile.title} ${support.treatment === 'node' ? 'treats as its node' : 'never isolates'}: ${support.detail} [${source}]`,
  });
  const findings: Finding[] = [];
  const selects = estate.matcher(policy.spec.podSelector ?? {});
  for (const pod of pods.filter((candidate) => candidate.namespace === namespace && selects(candidate.labels))) {
    findings.push(finding('spec.podSelector', pod, 'selects hostNetwork pod {pod}'));
  }
  if (support.treatment === 'peer-only') {
    return findings;
  }
  const judgePeers = (peers: readonly NetworkPolicyPeer[] | undefined, path: string): void =>
    (peers ?? []).forEach((peer, k) => {
      for (const pod of peer.ipBlock ? [] : pods.filter((candidate) => estate.peerMatches(peer, namespace, candidate))) {
        findings.push(finding(`${path}[${k}]`, pod, 'matches hostNetwork pod {pod}'));
      }
    });
  (policy.spec.ingress ?? []).forEach((rule, i) => judgePeers(rule.from, `spec.ingress[${i}].from`));
  (policy.spec.egress ?? []).forEach((rule, i) => judgePeers(rule.to, `spec.egress[${i}].to`));
  return findings;
}

function adminFinding(object: AdminTierObjectRef, finding: Finding): ObjectFinding {
  return { ...finding, kind: object.kind, namespace: '', name: object.name, ...(object.source ? { source: object.source } : {}) };
}

/**
 * Warnings where the CNI would not enforce what the policies say (cni-profiles.ts): with no
 * enforcement at all (Flannel) one `cni-no-enforcement` per object and nothing else; otherwise
 * each use of a feature the profile marks partial, unsupported or unknown, at its field path,
 * with the profile's sources in the message. Sorted as compareObjectFindings sorts.
 */
export function checkCniProfile(cni: CniName, input: CniCheckInput): ObjectFinding[] {
  const profile = CNI_PROFILES[cni];
  const enforcement = profile.features.enforcement;
  const findings: ObjectFinding[] = [];
  const estate = input.model && new EstateView(input.model);
  const hostNetworkPods = input.model?.endpoints.filter((endpoint) => endpoint.hostNetwork === true) ?? [];
  for (const entry of input.policies) {
    const judge = new ProfileJudge(profile);
    judge.feature('enforcement', 'spec', NOT_ENFORCED);
    if (enforcement.status !== 'unsupported') {
      judge.policy(entry);
      if (estate) {
        judge.findings.push(...hostNetworkFindings(profile, entry, estate, hostNetworkPods));
      }
    }
    findings.push(...judge.findings.map((finding) => policyFinding(entry, finding)));
  }
  for (const object of input.adminPolicies ?? []) {
    const judge = new ProfileJudge(profile);
    judge.feature('enforcement', 'spec', NOT_ENFORCED);
    if (enforcement.status !== 'unsupported') {
      judge.feature(object.kind === 'ClusterNetworkPolicy' ? 'clusterNetworkPolicy' : 'adminNetworkPolicy', 'kind');
    }
    findings.push(...judge.findings.map((finding) => adminFinding(object, finding)));
  }
  return findings.sort(compareObjectFindings);
}
