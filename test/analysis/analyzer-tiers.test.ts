/** The tier semantics of docs/admin-tier.md on small clusters, the ambiguous cases in particular. */
import { Analyzer } from '../../lib/analysis/analyzer';
import { externalFlows, externalPeerOf } from '../../lib/analysis/external-peers';
import { Peer } from '../../lib/analysis/types';
import { AdminTierPolicy, ClusterModel, ClusterNetworkPolicy, ClusterNetworkPolicyIngressRule, NetworkPolicy } from '../../lib/model';

const endpoint = (id: string): Peer => ({ kind: 'endpoint', id });
const TCP_80 = { port: 80, protocol: 'TCP' as const };

function pod(namespace: string, name: string, labels: Record<string, string> = {}, extra: object = {}) {
  return { namespace, name, kind: 'Pod', labels, ports: [], ips: [], ...extra };
}

function cnp(name: string, tier: 'Admin' | 'Baseline', priority: number, ingress: ClusterNetworkPolicyIngressRule[]): ClusterNetworkPolicy {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject: { namespaces: {} }, ingress } };
}

const fromA = (action: 'Accept' | 'Deny' | 'Pass', name = action.toLowerCase()): ClusterNetworkPolicyIngressRule => ({
  name,
  action,
  from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } }],
});

function cluster(adminTierPolicies: AdminTierPolicy[], policies: NetworkPolicy[] = []): ClusterModel {
  return {
    namespaces: [],
    endpoints: [pod('a', 'client'), pod('b', 'server')],
    policies: policies.map((policy) => ({ policy })),
    adminTierPolicies: adminTierPolicies.map((policy) => ({ policy })),
  };
}

describe('Analyzer with admin-tier policies', () => {
  it('without admin-tier policies, explanations carry no tier fields (NetworkPolicy-only output unchanged)', () => {
    const explanation = new Analyzer({ namespaces: [], endpoints: [pod('a', 'client'), pod('b', 'server')], policies: [] }).explain(endpoint('a/client'), endpoint('b/server'), TCP_80);
    expect(explanation).toEqual({
      from: endpoint('a/client'),
      to: endpoint('b/server'),
      probe: TCP_80,
      allowed: true,
      egress: { direction: 'egress', endpoint: 'a/client', isolated: false, selectedBy: [], allowedBy: [], allowed: true },
      ingress: { direction: 'ingress', endpoint: 'b/server', isolated: false, selectedBy: [], allowedBy: [], allowed: true },
    });
  });

  it('a lower priority number goes first; the first matching rule of a policy decides', () => {
    const analyzer = new Analyzer(cluster([cnp('late', 'Admin', 20, [fromA('Accept')]), cnp('early', 'Admin', 10, [fromA('Deny'), fromA('Accept')])]));
    const explanation = analyzer.explain(endpoint('a/client'), endpoint('b/server'), TCP_80);
    expect(explanation.allowed).toBe(false);
    expect(explanation.ingress!.tiers).toMatchObject({ decidedBy: 'Admin', decidingRule: { policy: 'early', ruleIndex: 0, action: 'Deny' } });
    expect(analyzer.reach(TCP_80).allowed).not.toContainEqual(['a/client', 'b/server']);
  });

  it('Ambiguous 1: same tier and priority, different actions: reported, not guessed', () => {
    const analyzer = new Analyzer(cluster([cnp('one', 'Admin', 10, [fromA('Accept')]), cnp('two', 'Admin', 10, [fromA('Deny')])]));
    const explanation = analyzer.explain(endpoint('a/client'), endpoint('b/server'), TCP_80);
    expect(explanation).toMatchObject({ allowed: false, ambiguous: true });
    expect(explanation.ingress!.tiers!.ambiguity).toMatch(/Ambiguous 1/);
    expect(explanation.ingress!.tiers!.ambiguousRules!.map((rule) => rule.policy)).toEqual(['one', 'two']);
    const reach = analyzer.reach(TCP_80);
    expect(reach.ambiguous).toEqual([['a/client', 'b/server']]);
    expect(reach.allowed).not.toContainEqual(['a/client', 'b/server']);
  });

  it('same priority and the same action is no ambiguity', () => {
    const analyzer = new Analyzer(cluster([cnp('one', 'Admin', 10, [fromA('Deny')]), cnp('two', 'Admin', 10, [fromA('Deny')])]));
    expect(analyzer.explain(endpoint('a/client'), endpoint('b/server'), TCP_80)).toMatchObject({ allowed: false, ambiguous: false });
    expect(analyzer.reach(TCP_80).ambiguous).toBeUndefined();
  });

  it('Ambiguous 2: a Baseline Deny on a pod a NetworkPolicy selects for the other direction only', () => {
    const egressOnly: NetworkPolicy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'egress-only', namespace: 'b' },
      spec: { podSelector: {}, policyTypes: ['Egress'] },
    };
    const explanation = new Analyzer(cluster([cnp('baseline', 'Baseline', 10, [fromA('Deny')])], [egressOnly])).explain(endpoint('a/client'), endpoint('b/server'), TCP_80);
    expect(explanation).toMatchObject({ ambiguous: true });
    expect(explanation.ingress!.tiers!.ambiguity).toMatch(/Ambiguous 2/);
    // Without that NetworkPolicy the Baseline Deny decides.
    expect(new Analyzer(cluster([cnp('baseline', 'Baseline', 10, [fromA('Deny')])])).explain(endpoint('a/client'), endpoint('b/server'), TCP_80)).toMatchObject({
      allowed: false,
      ambiguous: false,
    });
  });

  it('Ambiguous 7: an AdminNetworkPolicy and an Admin-tier ClusterNetworkPolicy deciding differently, whatever their priorities', () => {
    const anp: AdminTierPolicy = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: 'old' },
      spec: { priority: 999, subject: { namespaces: {} }, ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }] },
    };
    const explanation = new Analyzer(cluster([anp, cnp('new', 'Admin', 1, [fromA('Deny')])])).explain(endpoint('a/client'), endpoint('b/server'), TCP_80);
    expect(explanation).toMatchObject({ ambiguous: true });
    expect(explanation.ingress!.tiers!.ambiguity).toMatch(/Ambiguous 7/);
  });

  it('a Pass skips the rest of the Admin tier; with no NetworkPolicy the Baseline tier decides', () => {
    const analyzer = new Analyzer(cluster([cnp('admin', 'Admin', 1, [fromA('Pass')]), cnp('later', 'Admin', 2, [fromA('Accept')]), cnp('baseline', 'Baseline', 1, [fromA('Deny')])]));
    const explanation = analyzer.explain(endpoint('a/client'), endpoint('b/server'), TCP_80);
    expect(explanation.allowed).toBe(false);
    expect(explanation.ingress!.tiers).toMatchObject({ decidedBy: 'Baseline', passedBy: [{ policy: 'admin', action: 'Pass' }], decidingRule: { policy: 'baseline' } });
  });

  it('hostNetwork pods are no subject, and a nodes peer cannot be told from manifests', () => {
    const egressToNodes: ClusterNetworkPolicy = {
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'nodes' },
      spec: { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ nodes: {} }] }] },
    };
    const model: ClusterModel = {
      namespaces: [],
      endpoints: [pod('a', 'client'), pod('b', 'host', {}, { hostNetwork: true, ips: ['172.18.0.2'] })],
      policies: [],
      adminTierPolicies: [{ policy: egressToNodes }],
    };
    const analyzer = new Analyzer(model);
    expect(analyzer.explain(endpoint('a/client'), endpoint('b/host'), TCP_80)).toMatchObject({ ambiguous: true });
    // The hostNetwork pod is no subject: its own egress is not judged by the policy.
    expect(analyzer.explain(endpoint('b/host'), endpoint('a/client'), TCP_80).egress!.tiers).toMatchObject({ decidedBy: 'Default' });
    expect(analyzer.explain(endpoint('a/client'), { kind: 'external', ip: '8.8.8.8' }, TCP_80)).toMatchObject({ ambiguous: true });
  });

  it('an outside network is split at admin-tier networks, so reach to it sees the Deny inside', () => {
    const deny: ClusterNetworkPolicy = {
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'no-metadata' },
      spec: { tier: 'Admin', priority: 1, subject: { namespaces: {} }, egress: [{ action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }] },
    };
    const model: ClusterModel = { namespaces: [], endpoints: [pod('a', 'client')], policies: [], adminTierPolicies: [{ policy: deny }] };
    expect(externalPeerOf('169.254.0.0/16', model)!.addresses).toEqual(['169.254.0.0', '169.254.169.254', '169.254.169.255']);
    const analyzer = new Analyzer(model);
    expect(analyzer.allowedPorts(endpoint('a/client'), { kind: 'external', ip: '169.254.169.254' })).toEqual({ TCP: [], UDP: [], SCTP: [] });
    // Some address of the /16 is reachable: the flow allows everything there.
    expect(externalFlows(analyzer, [externalPeerOf('169.254.0.0/16', model)!]).map((flow) => [flow.from, flow.to])).toEqual([
      ['a/client', '169.254.0.0/16'],
      ['169.254.0.0/16', 'a/client'],
    ]);
  });
});
