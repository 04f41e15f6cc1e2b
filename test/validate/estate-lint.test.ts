import { ClusterModel, Endpoint, NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicySpec, PolicyEntry } from '../../lib/model';
import {
  findBlockedDns,
  findDuplicateNames,
  findUnmatchedPodSelectors,
  lintModel,
  uncoveredPrivateRanges,
} from '../../lib/validate';

function entry(namespace: string, name: string, spec: Partial<NetworkPolicySpec> = {}, file = 'policies.yaml'): PolicyEntry {
  const policy: NetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: { podSelector: {}, ...spec },
  };
  return { policy, source: { file } };
}

function endpoint(namespace: string, name: string, labels: Record<string, string>, ports: Endpoint['ports'] = []): Endpoint {
  return { namespace, name, kind: 'Deployment', labels, ports, ips: [] };
}

function model(policies: PolicyEntry[], endpoints: Endpoint[] = []): ClusterModel {
  return { namespaces: [], endpoints, policies };
}

const denyEgress = (namespace: string, name = 'default-deny'): PolicyEntry =>
  entry(namespace, name, { policyTypes: ['Ingress', 'Egress'] });
const egressRule = (rule: NetworkPolicyEgressRule, namespace = 'prod', name = 'allow-dns', podSelector = {}): PolicyEntry =>
  entry(namespace, name, { podSelector, policyTypes: ['Egress'], egress: [rule] });

describe('findDuplicateNames', () => {
  it('reports every repeat of a namespace/name after the first, naming where the first is', () => {
    const found = findDuplicateNames([
      entry('prod', 'web', {}, 'a.yaml'),
      entry('prod', 'web', {}, 'b.yaml'),
      entry('dev', 'web', {}, 'c.yaml'),
      entry('prod', 'web', {}, 'd.yaml'),
    ]);
    expect(found.map((f) => [f.severity, f.namespace, f.name, f.source?.file])).toEqual([
      ['error', 'prod', 'web', 'b.yaml'],
      ['error', 'prod', 'web', 'd.yaml'],
    ]);
    expect(found[0].message).toContain('also defined in a.yaml');
  });
});

describe('findBlockedDns', () => {
  it('warns when a namespace denies all egress and nothing allows DNS', () => {
    const found = findBlockedDns(model([denyEgress('prod')]));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', kind: 'NetworkPolicy', namespace: 'prod', name: 'default-deny' });
    expect(found[0].message).toMatch(/^DNS is blocked: .*egress on UDP 53 and TCP 53/);
  });

  it('is silent when UDP and TCP 53 are allowed for all pods', () => {
    const rule = { ports: [{ protocol: 'UDP' as const, port: 53 }, { protocol: 'TCP' as const, port: 53 }] };
    expect(findBlockedDns(model([denyEgress('prod'), egressRule(rule)]))).toEqual([]);
  });

  it('counts 5353, where OpenShift DNS pods listen behind the port-53 Service', () => {
    const rule = { ports: [{ protocol: 'UDP' as const, port: 5353 }, { protocol: 'TCP' as const, port: 5353 }] };
    expect(findBlockedDns(model([denyEgress('prod'), egressRule(rule)]))).toEqual([]);
  });

  it('names the protocol still blocked when only UDP 53 is allowed', () => {
    const found = findBlockedDns(model([denyEgress('prod'), egressRule({ ports: [{ protocol: 'UDP', port: 53 }] })]));
    expect(found[0].message).toContain('egress on TCP 53;');
  });

  it('counts a rule without ports, port ranges and protocol-only ports', () => {
    expect(findBlockedDns(model([denyEgress('prod'), egressRule({ to: [{ namespaceSelector: {} }] })]))).toEqual([]);
    const ranges = { ports: [{ protocol: 'UDP' as const, port: 1, endPort: 1024 }, { protocol: 'TCP' as const }] };
    expect(findBlockedDns(model([denyEgress('prod'), egressRule(ranges)]))).toEqual([]);
  });

  it('does not count ports that miss 53, nor rules for some pods only', () => {
    const wrongPorts = egressRule({ ports: [{ protocol: 'UDP', port: 54, endPort: 60 }, { port: 53 }] });
    expect(findBlockedDns(model([denyEgress('prod'), wrongPorts]))[0].message).toContain('egress on UDP 53;');
    const somePods = egressRule({}, 'prod', 'allow-dns', { matchLabels: { app: 'web' } });
    expect(findBlockedDns(model([denyEgress('prod'), somePods]))).toHaveLength(1);
  });

  it('resolves named ports against the endpoints that declare them', () => {
    const named = egressRule({ ports: [{ protocol: 'UDP', port: 'dns' }, { protocol: 'TCP', port: 'dns-tcp' }] });
    expect(findBlockedDns(model([denyEgress('prod'), named]))).toHaveLength(1);
    const coredns = endpoint('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ]);
    expect(findBlockedDns(model([denyEgress('prod'), named], [coredns]))).toEqual([]);
  });

  it('ignores namespaces that do not isolate all pods for egress', () => {
    const ingressOnly = entry('prod', 'deny-ingress');
    const somePods = entry('prod', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'] });
    expect(findBlockedDns(model([ingressOnly, somePods]))).toEqual([]);
  });

  it('treats egress rules without policyTypes as Egress isolation', () => {
    const defaulted = entry('prod', 'only-https', { egress: [{ ports: [{ port: 443 }] }] });
    expect(findBlockedDns(model([defaulted]))).toHaveLength(1);
  });
});

describe('findUnmatchedPodSelectors', () => {
  const web = endpoint('prod', 'web', { app: 'web' });

  it('warns when a policy selects no known workload of its namespace', () => {
    const found = findUnmatchedPodSelectors(
      model([entry('prod', 'typo', { podSelector: { matchLabels: { app: 'wbe' } } }), entry('prod', 'ok', { podSelector: { matchLabels: { app: 'web' } } })], [web]),
    );
    expect(found.map((f) => [f.name, f.path])).toEqual([['typo', 'spec.podSelector']]);
    expect(found[0].message).toContain('matches none of the 1 known workloads in namespace "prod"');
  });

  it('says nothing about namespaces without known endpoints', () => {
    expect(findUnmatchedPodSelectors(model([entry('dev', 'x', { podSelector: { matchLabels: { app: 'nope' } } })], [web]))).toEqual([]);
  });

  it('does not let endpoints of another namespace match', () => {
    const other = endpoint('dev', 'api', { app: 'api' });
    const found = findUnmatchedPodSelectors(model([entry('prod', 'api', { podSelector: { matchLabels: { app: 'api' } } })], [web, other]));
    expect(found.map((f) => f.name)).toEqual(['api']);
  });
});

describe('uncoveredPrivateRanges', () => {
  it('lists nothing when the internal ranges are excepted', () => {
    expect(
      uncoveredPrivateRanges({ cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'] }),
    ).toEqual([]);
    expect(uncoveredPrivateRanges({ cidr: '::/0', except: ['fc00::/7', 'fe80::/10'] })).toEqual([]);
  });

  it('lists what stays reachable, per family', () => {
    expect(uncoveredPrivateRanges({ cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] })).toEqual([
      '172.16.0.0/12',
      '192.168.0.0/16',
      '169.254.0.0/16',
      '100.64.0.0/10',
    ]);
    expect(uncoveredPrivateRanges({ cidr: '::/0' })).toEqual(['fc00::/7', 'fe80::/10']);
  });

  it('accepts several smaller excepts that together cover a range, and not one that leaves a gap', () => {
    const halves = { cidr: '0.0.0.0/0', except: ['10.0.0.0/9', '10.128.0.0/9', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'] };
    expect(uncoveredPrivateRanges(halves)).toEqual([]);
    const gap = { ...halves, except: ['10.0.0.0/9', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'] };
    expect(uncoveredPrivateRanges(gap)).toEqual(['10.0.0.0/8']);
  });

  it('counts partial overlaps: a block inside a private range reaches it', () => {
    expect(uncoveredPrivateRanges({ cidr: '10.1.0.0/16' })).toEqual(['10.0.0.0/8']);
    expect(uncoveredPrivateRanges({ cidr: '8.8.8.0/24' })).toEqual([]);
    expect(uncoveredPrivateRanges({ cidr: '169.254.169.254/32' })).toEqual(['169.254.0.0/16']);
  });

  it('reaches nothing with an unparsable cidr', () => {
    expect(uncoveredPrivateRanges({ cidr: 'nonsense' })).toEqual([]);
  });
});

describe('lintModel', () => {
  it('runs every estate rule and sorts by namespace, name, then path', () => {
    const found = lintModel(
      model(
        [
          entry('prod', 'zeta', { podSelector: { matchLabels: { app: 'none' } } }),
          denyEgress('prod', 'alpha'),
          entry('dev', 'web', {}, 'a.yaml'),
          entry('dev', 'web', {}, 'b.yaml'),
        ],
        [endpoint('prod', 'web', { app: 'web' })],
      ),
    );
    expect(found.map((f) => `${f.namespace}/${f.name} ${f.severity} ${f.path}`)).toEqual([
      'dev/web error metadata.name',
      'prod/alpha warning spec.podSelector',
      'prod/zeta warning spec.podSelector',
    ]);
    expect(found[1].message).toMatch(/^DNS is blocked/);
    expect(found[2].message).toMatch(/^matches none/);
  });

  it('gives the same order whatever the input order', () => {
    const policies = [entry('b', 'x'), denyEgress('a', 'y'), denyEgress('c', 'z'), entry('b', 'x', {}, 'other.yaml')];
    expect(lintModel(model([...policies].reverse()))).toEqual(
      lintModel(model(policies)).map((f) => expect.objectContaining({ namespace: f.namespace, name: f.name, path: f.path })),
    );
  });
});
