import * as fs from 'fs';
import * as path from 'path';
import { ClusterModel, Endpoint, Labels, NetworkPolicy, NetworkPolicyEgressRule, PolicyEntry } from '../../lib/model';
import {
  AdminTierObjectRef,
  CNI_FEATURES,
  CNI_FEATURE_RULES,
  CNI_NAMES,
  CNI_PROFILES,
  CniCheckInput,
  CniFeature,
  CniName,
  CniExtraLimit,
  checkCniProfile,
} from '../../lib/validate';

function policy(egress: NetworkPolicyEgressRule[], podSelector: NetworkPolicy['spec']['podSelector'] = {}): PolicyEntry {
  return {
    policy: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'shop' }, spec: { podSelector, egress } },
    source: { file: 'p.yaml', documentIndex: 0 },
  };
}

const PUBLIC = '203.0.113.0/24';
const plain = policy([{ to: [{ ipBlock: { cidr: PUBLIC } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
const clusterNetworkPolicy: AdminTierObjectRef = { kind: 'ClusterNetworkPolicy', name: 'cnp', source: { file: 'cnp.yaml', documentIndex: 0 } };
const adminNetworkPolicy: AdminTierObjectRef = { kind: 'AdminNetworkPolicy', name: 'anp', source: { file: 'anp.yaml', documentIndex: 0 } };

/** Per feature: input that uses it (and the field path the warning must name), and input that does not. */
const FEATURE_CASES: Record<Exclude<CniFeature, 'enforcement'>, { uses: CniCheckInput; path: string; avoids: CniCheckInput }> = {
  endPort: {
    uses: { policies: [policy([{ ports: [{ port: 32000, endPort: 32768 }] }])] },
    path: 'spec.egress[0].ports[0].endPort',
    avoids: { policies: [policy([{ ports: [{ port: 32000 }] }])] },
  },
  sctp: {
    uses: { policies: [policy([{ ports: [{ protocol: 'SCTP', port: 38412 }] }])] },
    path: 'spec.egress[0].ports[0].protocol',
    avoids: { policies: [policy([{ ports: [{ protocol: 'UDP', port: 38412 }] }])] },
  },
  namedPorts: {
    uses: { policies: [policy([{ ports: [{ port: 'metrics' }] }])] },
    path: 'spec.egress[0].ports[0].port',
    avoids: { policies: [policy([{ ports: [{ port: 9090 }] }])] },
  },
  ipv6: {
    uses: { policies: [policy([{ to: [{ ipBlock: { cidr: '2001:db8::/32' } }] }])] },
    path: 'spec.egress[0].to[0].ipBlock.cidr',
    avoids: { policies: [plain] },
  },
  ipBlockPodIps: {
    uses: { policies: [policy([{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }])] },
    path: 'spec.egress[0].to[0].ipBlock.cidr',
    avoids: { policies: [plain] },
  },
  clusterNetworkPolicy: { uses: { policies: [], adminPolicies: [clusterNetworkPolicy] }, path: 'kind', avoids: { policies: [plain] } },
  adminNetworkPolicy: { uses: { policies: [], adminPolicies: [adminNetworkPolicy] }, path: 'kind', avoids: { policies: [plain] } },
};

const EXTRA_LIMIT_CASES: Record<CniExtraLimit['trigger'], { uses: CniCheckInput; path: string; avoids: CniCheckInput }> = {
  ipBlockExcept: {
    uses: { policies: [policy([{ to: [{ ipBlock: { cidr: PUBLIC, except: ['203.0.113.0/28'] } }] }])] },
    path: 'spec.egress[0].to[0].ipBlock.except',
    avoids: { policies: [plain] },
  },
  negativeSelectorOperator: {
    uses: { policies: [policy([], { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] })] },
    path: 'spec.podSelector.matchExpressions[0].operator',
    avoids: { policies: [policy([], { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] })] },
  },
};

function rules(cni: CniName, input: CniCheckInput): string[] {
  return checkCniProfile(cni, input).map((finding) => `${finding.rule} ${finding.path}`);
}

/** Every (plugin, feature) the table does not mark supported, for plugins that enforce policies at all. */
const judgedFeatures = CNI_NAMES.filter((cni) => CNI_PROFILES[cni].features.enforcement.status !== 'unsupported').flatMap((cni) =>
  CNI_FEATURES.filter((feature): feature is Exclude<CniFeature, 'enforcement'> => feature !== 'enforcement').map((feature) => [cni, feature] as const),
);

describe('checkCniProfile: each profile entry', () => {
  test.each(judgedFeatures)('%s, %s: warns exactly when the table does not say supported, and only where the feature is used', (cni, feature) => {
    const { uses, path: fieldPath, avoids } = FEATURE_CASES[feature];
    const rule = CNI_FEATURE_RULES[feature];
    const warned = CNI_PROFILES[cni].features[feature].status !== 'supported';
    expect(rules(cni, uses).includes(`${rule} ${fieldPath}`)).toBe(warned);
    expect(rules(cni, avoids).filter((found) => found.startsWith(`${rule} `))).toEqual([]);
  });

  const extraLimits = CNI_NAMES.flatMap((cni) => CNI_PROFILES[cni].extraLimits.map((limit) => [cni, limit.rule, limit] as const));
  test.each(extraLimits)('%s, %s: warns on the use, not without it', (cni, rule, limit) => {
    const { uses, path: fieldPath, avoids } = EXTRA_LIMIT_CASES[limit.trigger];
    expect(rules(cni, uses)).toContain(`${rule} ${fieldPath}`);
    expect(rules(cni, avoids).filter((found) => found.startsWith(`${rule} `))).toEqual([]);
  });
});

describe('checkCniProfile', () => {
  test('flannel: every policy and admin-tier object is unenforced, and nothing else is said', () => {
    const input = { policies: [FEATURE_CASES.endPort.uses.policies[0]], adminPolicies: [clusterNetworkPolicy] };
    const findings = checkCniProfile('flannel', input);
    expect(findings.map((finding) => [finding.kind, finding.name, finding.rule, finding.path, finding.severity])).toEqual([
      ['ClusterNetworkPolicy', 'cnp', 'cni-no-enforcement', 'spec', 'warning'],
      ['NetworkPolicy', 'p', 'cni-no-enforcement', 'spec', 'warning'],
    ]);
    expect(findings[1].message).toMatch(/^Flannel does not enforce NetworkPolicies \(a policy nobody enforces has no effect\): flanneld does not enforce/);
    expect(findings[1].message).toContain('https://github.com/flannel-io/flannel/blob/b3b812be76403a3d322bb41770459a38ca8cf333/README.md');
    expect(findings[1].source).toEqual({ file: 'p.yaml', documentIndex: 0 });
  });

  test('flannel with no policies: nothing to warn about', () => {
    expect(checkCniProfile('flannel', { policies: [] })).toEqual([]);
  });

  test('endPort on a CNI without it (weave): the range, the fallback and the cited sources', () => {
    const [finding] = checkCniProfile('weave', FEATURE_CASES.endPort.uses);
    expect(finding).toMatchObject({ severity: 'warning', rule: 'cni-endport-unsupported', path: 'spec.egress[0].ports[0].endPort', kind: 'NetworkPolicy', namespace: 'shop', name: 'p' });
    expect(finding.message).toContain('Weave Net (weave-npc) does not enforce port ranges (endPort) (a plugin without endPort enforces only port 32000 of 32000-32768)');
    expect(finding.message).toContain('https://github.com/weaveworks/weave/blob/8c8476381d48820891356497bfcee6337e99a401/go.mod');
    expect(finding.message).toContain('https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports');
  });

  test('an unknown entry says the support is unknown and that no source was found', () => {
    const [finding] = checkCniProfile('gke-dataplane-v2', FEATURE_CASES.endPort.uses);
    expect(finding.message).toMatch(/^whether GKE Dataplane V2 enforces port ranges \(endPort\) is unknown/);
    expect(finding.message).toContain('[source: unknown]');
  });

  test('partial enforcement (aws-vpc) warns once per policy and still judges the features', () => {
    expect(rules('aws-vpc', { policies: [policy([{ to: [{ ipBlock: { cidr: '2001:db8::/32' } }] }])] })).toEqual([
      'cni-no-enforcement spec',
      'cni-ipv6-unsupported spec.egress[0].to[0].ipBlock.cidr',
    ]);
  });

  test('0.0.0.0/0 reaches the private ranges, so Cilium warns that it does not cover pods', () => {
    const findings = checkCniProfile('cilium', { policies: [policy([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }])] });
    expect(findings.map((finding) => finding.rule)).toEqual(['cni-ipblock-pod-ips']);
    expect(findings[0].message).toContain('0.0.0.0/0 reaches 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16');
  });

  test('ingress rules are judged too, at their own paths', () => {
    const entry = policy([]);
    const ingress: PolicyEntry = { ...entry, policy: { ...entry.policy, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] } }], ports: [{ protocol: 'SCTP', port: 9 }] }] } } };
    expect(rules('azure-npm', { policies: [ingress] })).toEqual([
      'cni-selector-operator-unsupported spec.ingress[0].from[0].podSelector.matchExpressions[0].operator',
      'cni-sctp-unsupported spec.ingress[0].ports[0].protocol',
    ]);
  });
});

describe('checkCniProfile: hostNetwork pods', () => {
  const agent: Endpoint = { namespace: 'shop', name: 'agent', kind: 'Pod', labels: { app: 'agent' }, ports: [], ips: [], hostNetwork: true };
  const toAgent = policy([{ to: [{ podSelector: { matchLabels: { app: 'agent' } } }] }], { matchLabels: { app: 'web' } });
  const toTeam = policy([{ to: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }] }], { matchLabels: { app: 'web' } });
  const denyAll = policy([]);
  const hostNetworkRules = (cni: CniName, input: CniCheckInput): string[] => rules(cni, input).filter((rule) => rule.startsWith('cni-host-network-pods'));
  /** The estate of the checked policies: its pods, and its namespaces with their labels. */
  const estate = (endpoints: Endpoint[], namespaceLabels: Record<string, Labels> = {}): ClusterModel => ({
    namespaces: Object.entries(namespaceLabels).map(([name, labels]) => ({ name, labels })),
    endpoints,
    policies: [],
  });

  test('as the node (calico): selecting the pod and matching it by a pod or namespace selector each warn at the field', () => {
    expect(hostNetworkRules('calico', { policies: [denyAll], model: estate([agent]) })).toEqual(['cni-host-network-pods spec.podSelector']);
    expect(hostNetworkRules('calico', { policies: [toAgent], model: estate([agent]) })).toEqual(['cni-host-network-pods spec.egress[0].to[0]']);
    expect(hostNetworkRules('calico', { policies: [toTeam], model: estate([agent], { shop: { team: 'shop' } }) })).toEqual([
      'cni-host-network-pods spec.egress[0].to[0]',
    ]);
    // Without the namespace's labels it has only its name label, which the selector does not read.
    expect(hostNetworkRules('calico', { policies: [toTeam], model: estate([agent]) })).toEqual([]);
  });

  test('peer-only (aws-vpc) warns only where the pod is selected; unknown (gke-dataplane-v2) warns and says so', () => {
    expect(hostNetworkRules('aws-vpc', { policies: [denyAll, toAgent], model: estate([agent]) })).toEqual(['cni-host-network-pods spec.podSelector']);
    const unknown = checkCniProfile('gke-dataplane-v2', { policies: [toAgent], model: estate([agent]) }).filter((finding) => finding.rule === 'cni-host-network-pods');
    expect(unknown.map((finding) => finding.message)).toEqual([expect.stringContaining('whether GKE Dataplane V2 applies policies to hostNetwork pods is unknown')]);
  });

  test('no warning without hostNetwork pods, for pods of other namespaces, or where nothing is enforced at all', () => {
    expect(hostNetworkRules('calico', { policies: [denyAll, toAgent], model: estate([]) })).toEqual([]);
    expect(hostNetworkRules('calico', { policies: [denyAll], model: estate([{ ...agent, namespace: 'other' }]) })).toEqual([]);
    expect(hostNetworkRules('flannel', { policies: [denyAll], model: estate([agent]) })).toEqual([]);
  });
});

describe('the profile table', () => {
  test('every entry cites a source, except those marked unknown, which cite none', () => {
    for (const cni of CNI_NAMES) {
      const profile = CNI_PROFILES[cni];
      expect(profile.name).toBe(cni);
      for (const support of [...Object.values(profile.features), ...profile.extraLimits.map((limit) => limit.support)]) {
        expect(support.sources.length === 0).toBe(support.status === 'unknown');
        for (const source of support.sources) {
          expect(source.url).toMatch(/^https:\/\//);
          expect(source.version).not.toBe('');
        }
      }
    }
  });

  test('docs/cni-profiles.md states every entry with its status and cites every source', () => {
    const docs = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'cni-profiles.md'), 'utf8');
    for (const cni of CNI_NAMES) {
      const profile = CNI_PROFILES[cni];
      const entries = [
        ...CNI_FEATURES.map((feature) => [feature as string, profile.features[feature]] as const),
        ...profile.extraLimits.map((limit) => [limit.trigger as string, limit.support] as const),
      ];
      for (const [feature, support] of entries) {
        expect(docs).toContain(`| ${cni} | ${feature} | ${support.status} |`);
        for (const source of support.sources) {
          expect(docs).toContain(source.url);
        }
      }
      const hostNetwork = profile.hostNetworkPods;
      expect(docs).toContain(`| ${cni} | hostNetwork | ${hostNetwork.treatment} | ${hostNetwork.detail} |`);
      for (const source of hostNetwork.sources) {
        expect(docs).toContain(source.url);
      }
    }
  });

  test('a hostNetwork treatment is known only with a source, and unknown only without one', () => {
    for (const cni of CNI_NAMES) {
      const { treatment, sources } = CNI_PROFILES[cni].hostNetworkPods;
      expect({ cni, sourced: sources.length > 0 }).toEqual({ cni, sourced: treatment !== 'unknown' });
    }
  });
});
