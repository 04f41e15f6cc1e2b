import { Analyzer } from '../../lib/analysis/analyzer';
import { formatPortSet } from '../../lib/analysis/port-set';
import { Peer, PortProbe } from '../../lib/analysis/types';
import {
  ClusterModel,
  ContainerPort,
  Endpoint,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicySpec,
  PolicyEntry,
} from '../../lib/model';

const TCP80: PortProbe = { port: 80, protocol: 'TCP' };

function pod(id: string, labels: Record<string, string> = {}, ports: ContainerPort[] = [], ips: string[] = []): Endpoint {
  const [namespace, name] = id.split('/');
  return { namespace, name, kind: 'Pod', labels, ports, ips };
}

function policy(id: string, spec: Partial<NetworkPolicySpec>): PolicyEntry {
  const [namespace, name] = id.split('/');
  return {
    policy: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace },
      spec: { podSelector: {}, ...spec },
    },
  };
}

function cluster(endpoints: Endpoint[], policies: PolicyEntry[], namespaceLabels: Record<string, Record<string, string>> = {}): Analyzer {
  const model: ClusterModel = {
    namespaces: Object.entries(namespaceLabels).map(([name, labels]) => ({ name, labels })),
    endpoints,
    policies,
  };
  return new Analyzer(model);
}

const ep = (id: string): Peer => ({ kind: 'endpoint', id });
const ext = (ip: string): Peer => ({ kind: 'external', ip });
const ingressOnly = (...ingress: NetworkPolicyIngressRule[]): Partial<NetworkPolicySpec> => ({ policyTypes: ['Ingress'], ingress });
const egressOnly = (...egress: NetworkPolicyEgressRule[]): Partial<NetworkPolicySpec> => ({ policyTypes: ['Egress'], egress });

describe('Analyzer: isolation', () => {
  const pods = [pod('a/x'), pod('a/y'), pod('b/z')];

  it('without policies every pair is allowed, self pairs included, sorted', () => {
    const result = cluster(pods, []).reach(TCP80);
    expect(result.endpoints).toEqual(['a/x', 'a/y', 'b/z']);
    expect(result.allowed).toHaveLength(9);
    expect(result.allowed[0]).toEqual(['a/x', 'a/x']);
    expect(result.allowed[8]).toEqual(['b/z', 'b/z']);
  });

  it('a policy without rules denies ingress to the pods it selects but leaves egress open', () => {
    const analyzer = cluster(pods, [policy('a/deny', { podSelector: { matchLabels: {} } })]);
    expect(analyzer.reach(TCP80).allowed).toEqual([
      ['a/x', 'b/z'],
      ['a/y', 'b/z'],
      ['b/z', 'b/z'],
    ]);
  });

  it('isolates only pods in the policy namespace', () => {
    const analyzer = cluster(pods, [policy('b/deny', {})]);
    expect(analyzer.isAllowed(ep('b/z'), ep('a/x'), TCP80)).toBe(true);
    expect(analyzer.isAllowed(ep('a/x'), ep('b/z'), TCP80)).toBe(false);
  });

  it('a policy with egress rules and no policyTypes isolates ingress too', () => {
    const analyzer = cluster(pods, [policy('a/egress', { podSelector: { matchLabels: { app: 'none' } }, egress: [{}] }), policy('b/egress', { egress: [{}] })]);
    expect(analyzer.isAllowed(ep('b/z'), ep('a/x'), TCP80)).toBe(true);
    const explanation = analyzer.explain(ep('a/x'), ep('b/z'), TCP80);
    expect(explanation.allowed).toBe(false);
    expect(explanation.egress).toMatchObject({ isolated: false, allowed: true });
    expect(explanation.ingress).toMatchObject({ isolated: true, selectedBy: ['b/egress'], allowedBy: [], allowed: false });
    // ...and its egress rule [{}] allows everything out.
    expect(analyzer.isAllowed(ep('b/z'), ep('a/x'), { port: 5, protocol: 'SCTP' })).toBe(true);
  });

  it('ingress rules are ignored when policyTypes is only Egress', () => {
    const analyzer = cluster(pods, [policy('b/egress-only', { policyTypes: ['Egress'], ingress: [], egress: [{}] })]);
    expect(analyzer.explain(ep('a/x'), ep('b/z'), TCP80).ingress).toMatchObject({ isolated: false, selectedBy: [] });
  });

  it('Egress in policyTypes with no egress rules denies all egress', () => {
    const analyzer = cluster(pods, [policy('a/no-out', { podSelector: { matchLabels: {} }, policyTypes: ['Egress'] })]);
    expect(analyzer.isAllowed(ep('a/x'), ep('a/x'), TCP80)).toBe(false);
    expect(analyzer.isAllowed(ep('a/x'), ext('8.8.8.8'), TCP80)).toBe(false);
    expect(analyzer.isAllowed(ep('b/z'), ep('a/x'), TCP80)).toBe(true);
  });

  it('policies are additive: the union of rules of every selecting policy', () => {
    const web = pod('a/web', { app: 'web' });
    const analyzer = cluster(
      [web, pod('a/one', { role: 'one' }), pod('a/two', { role: 'two' }), pod('a/three')],
      [
        policy('a/allow-one', { podSelector: { matchLabels: { app: 'web' } }, ...ingressOnly({ from: [{ podSelector: { matchLabels: { role: 'one' } } }] }) }),
        policy('a/allow-two', { podSelector: { matchLabels: { app: 'web' } }, ...ingressOnly({ from: [{ podSelector: { matchLabels: { role: 'two' } } }] }) }),
      ],
    );
    expect(analyzer.reach(TCP80, { to: (id) => id === 'a/web' }).allowed).toEqual([
      ['a/one', 'a/web'],
      ['a/two', 'a/web'],
    ]);
    expect(analyzer.explain(ep('a/two'), ep('a/web'), TCP80).ingress).toMatchObject({
      selectedBy: ['a/allow-one', 'a/allow-two'],
      allowedBy: [{ policy: 'a/allow-two', direction: 'ingress', ruleIndex: 0 }],
    });
  });

  it('a flow needs the egress of the source AND the ingress of the destination', () => {
    const analyzer = cluster(pods, [
      policy('a/out-to-b', egressOnly({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } }] })),
      policy('b/in-from-nobody', ingressOnly()),
    ]);
    expect(analyzer.explain(ep('a/x'), ep('b/z'), TCP80)).toMatchObject({
      allowed: false,
      egress: { allowed: true, allowedBy: [{ policy: 'a/out-to-b', direction: 'egress', ruleIndex: 0 }] },
      ingress: { allowed: false, isolated: true },
    });
    expect(analyzer.isAllowed(ep('a/x'), ep('a/y'), TCP80)).toBe(false);
  });
});

describe('Analyzer: rules and peers', () => {
  const pods = [pod('a/x', { app: 'x' }), pod('b/y', { app: 'x' }), pod('c/z')];
  const labels = { a: { team: 'red' }, b: { team: 'blue' }, c: { team: 'blue', name: 'c' } };
  const sourcesOf = (analyzer: Analyzer, to: string) =>
    analyzer.reach(TCP80, { to: (id) => id === to }).allowed.map(([from]) => from);

  it('ingress [] allows nothing in; [{}] allows everything including external; from [] and ports [] mean all', () => {
    expect(sourcesOf(cluster(pods, [policy('c/p', ingressOnly())], labels), 'c/z')).toEqual([]);
    const all = cluster(pods, [policy('c/p', ingressOnly({ from: [], ports: [] }))], labels);
    expect(sourcesOf(all, 'c/z')).toEqual(['a/x', 'b/y', 'c/z']);
    expect(all.isAllowed(ext('203.0.113.9'), ep('c/z'), { port: 9, protocol: 'SCTP' })).toBe(true);
  });

  it('a lone podSelector peer means pods of the policy namespace only', () => {
    const analyzer = cluster(pods, [policy('a/p', ingressOnly({ from: [{ podSelector: { matchLabels: { app: 'x' } } }] }))], labels);
    expect(sourcesOf(analyzer, 'a/x')).toEqual(['a/x']);
  });

  it('namespaceSelector and podSelector in one peer are ANDed; in two peers they are ORed', () => {
    const and = cluster(pods, [policy('c/p', ingressOnly({ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } }, podSelector: { matchLabels: { app: 'x' } } }] }))], labels);
    expect(sourcesOf(and, 'c/z')).toEqual(['b/y']);
    const or = cluster(pods, [policy('c/p', ingressOnly({ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }, { podSelector: { matchLabels: { app: 'x' } } }] }))], labels);
    // The lone podSelector looks in c, where no pod has app=x.
    expect(sourcesOf(or, 'c/z')).toEqual(['b/y', 'c/z']);
  });

  it('namespaceSelector {} means every namespace', () => {
    const analyzer = cluster(pods, [policy('c/p', ingressOnly({ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } }] }))], labels);
    expect(sourcesOf(analyzer, 'c/z')).toEqual(['a/x', 'b/y']);
  });

  it('kubernetes.io/metadata.name is set on every namespace, even one missing from the model; `name` is not', () => {
    const byName = (key: string, value: string) => cluster(pods, [policy('c/p', ingressOnly({ from: [{ namespaceSelector: { matchLabels: { [key]: value } } }] }))], { c: labels.c });
    expect(sourcesOf(byName('kubernetes.io/metadata.name', 'a'), 'c/z')).toEqual(['a/x']);
    expect(sourcesOf(byName('name', 'a'), 'c/z')).toEqual([]);
    expect(sourcesOf(byName('name', 'c'), 'c/z')).toEqual(['c/z']);
  });

  it('NotIn matches pods without the key; In and Exists do not', () => {
    const expression = (operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist') =>
      cluster(pods, [policy('c/p', ingressOnly({ from: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: 'app', operator, ...(operator === 'In' || operator === 'NotIn' ? { values: ['y'] } : {}) }] } }] }))], labels);
    expect(sourcesOf(expression('NotIn'), 'c/z')).toEqual(['a/x', 'b/y', 'c/z']);
    expect(sourcesOf(expression('In'), 'c/z')).toEqual([]);
    expect(sourcesOf(expression('Exists'), 'c/z')).toEqual(['a/x', 'b/y']);
    expect(sourcesOf(expression('DoesNotExist'), 'c/z')).toEqual(['c/z']);
  });
});

describe('Analyzer: ipBlock and external peers', () => {
  const pods = [pod('a/web', {}, [], ['10.0.1.5']), pod('a/db', {}, [], ['10.0.2.5', 'fd00::2']), pod('a/noip')];
  const block = { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.2.0/24'] } };

  it('ipBlock matches pod IPs and external IPs in the cidr and outside every except', () => {
    const analyzer = cluster(pods, [policy('a/p', ingressOnly({ from: [block] }))]);
    expect(analyzer.reach(TCP80, { to: (id) => id === 'a/noip' }).allowed).toEqual([['a/web', 'a/noip']]);
    expect(analyzer.isAllowed(ext('10.0.9.9'), ep('a/noip'), TCP80)).toBe(true);
    expect(analyzer.isAllowed(ext('10.0.2.9'), ep('a/noip'), TCP80)).toBe(false);
    expect(analyzer.isAllowed(ext('10.1.0.1'), ep('a/noip'), TCP80)).toBe(false);
  });

  it('a pod with several IPs is matched when any of them is', () => {
    const analyzer = cluster(pods, [policy('a/p', ingressOnly({ from: [{ ipBlock: { cidr: 'fd00::/8' } }] }))]);
    expect(analyzer.isAllowed(ep('a/db'), ep('a/web'), TCP80)).toBe(true);
    expect(analyzer.isAllowed(ep('a/web'), ep('a/web'), TCP80)).toBe(false);
  });

  it('a cidr with host bits set means its network', () => {
    const analyzer = cluster(pods, [policy('a/p', egressOnly({ to: [{ ipBlock: { cidr: '10.0.1.77/24' } }] }))]);
    expect(analyzer.isAllowed(ep('a/db'), ep('a/web'), TCP80)).toBe(true);
    expect(analyzer.isAllowed(ep('a/web'), ext('10.0.1.200'), TCP80)).toBe(true);
    expect(analyzer.isAllowed(ep('a/web'), ext('10.0.2.1'), TCP80)).toBe(false);
  });

  it('external addresses never match selectors, even {} ones', () => {
    const analyzer = cluster(pods, [policy('a/p', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ namespaceSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] })]);
    expect(analyzer.isAllowed(ep('a/web'), ep('a/db'), TCP80)).toBe(true);
    expect(analyzer.isAllowed(ext('10.0.1.5'), ep('a/web'), TCP80)).toBe(false);
    expect(analyzer.isAllowed(ep('a/web'), ext('10.0.1.5'), TCP80)).toBe(false);
  });

  it('traffic with the outside is judged on the pod side only', () => {
    const analyzer = cluster(pods, [policy('a/p', { podSelector: {}, ingress: [{ from: [block] }] })]);
    const inbound = analyzer.explain(ext('10.0.3.3'), ep('a/web'), TCP80);
    expect(inbound.egress).toBeUndefined();
    expect(inbound).toMatchObject({ allowed: true, ingress: { endpoint: 'a/web', allowedBy: [{ policy: 'a/p', direction: 'ingress', ruleIndex: 0 }] } });
    const outbound = analyzer.explain(ep('a/web'), ext('10.0.3.3'), TCP80);
    expect(outbound.ingress).toBeUndefined();
    expect(outbound).toMatchObject({ allowed: true, egress: { isolated: false } });
  });
});

describe('Analyzer: ports', () => {
  const httpPorts: ContainerPort[] = [
    { name: 'http', port: 8080, protocol: 'TCP' },
    { name: 'dns', port: 53, protocol: 'UDP' },
  ];
  const pods = [pod('a/client'), pod('a/server', { app: 'server' }, httpPorts), pod('a/other', {}, [{ name: 'http', port: 9090, protocol: 'TCP' }])];
  const server = { podSelector: { matchLabels: { app: 'server' } } };

  it('SCTP, UDP and TCP are distinct: an SCTP-only rule isolates the pod for TCP', () => {
    const analyzer = cluster(pods, [policy('a/p', { ...server, ...ingressOnly({ ports: [{ protocol: 'SCTP', port: 80 }] }) })]);
    expect(analyzer.isAllowed(ep('a/client'), ep('a/server'), { port: 80, protocol: 'SCTP' })).toBe(true);
    expect(analyzer.isAllowed(ep('a/client'), ep('a/server'), TCP80)).toBe(false);
    expect(analyzer.isAllowed(ep('a/client'), ep('a/server'), { port: 80, protocol: 'UDP' })).toBe(false);
  });

  it('a port without protocol is TCP; protocol alone is every port of it; endPort is inclusive', () => {
    const analyzer = cluster(pods, [policy('a/p', { ...server, ...ingressOnly({ ports: [{ port: 80 }, { protocol: 'UDP' }, { protocol: 'SCTP', port: 1000, endPort: 2000 }] }) })]);
    expect(formatPortSet(analyzer.allowedPorts(ep('a/client'), ep('a/server')))).toBe('TCP 80, UDP all, SCTP 1000-2000');
  });

  it('a named port resolves on the destination with the same protocol', () => {
    const analyzer = cluster(pods, [policy('a/p', { ...server, ...ingressOnly({ ports: [{ port: 'http' }, { port: 'dns' }] }) })]);
    // `dns` is UDP on the server, the rule's `dns` defaults to TCP: resolves to nothing.
    expect(formatPortSet(analyzer.allowedPorts(ep('a/client'), ep('a/server')))).toBe('TCP 8080');
    expect(analyzer.isAllowed(ep('a/client'), ep('a/server'), { port: 8080, protocol: 'TCP' })).toBe(true);
    expect(analyzer.isAllowed(ep('a/client'), ep('a/server'), TCP80)).toBe(false);
  });

  it('named ports in egress rules resolve on the destination too', () => {
    const analyzer = cluster(pods, [policy('a/p', { podSelector: { matchLabels: {} }, ...egressOnly({ ports: [{ port: 'http' }] }) })]);
    const fromClient = analyzer.portMatrix({ from: (id) => id === 'a/client' });
    expect(fromClient.map(({ to, ports }) => `${to} ${formatPortSet(ports)}`)).toEqual(['a/other TCP 9090', 'a/server TCP 8080']);
    expect(analyzer.reach({ port: 9090, protocol: 'TCP' }, { from: (id) => id === 'a/client' }).allowed).toEqual([['a/client', 'a/other']]);
    // An external destination has no container ports, so a named port never matches it.
    expect(analyzer.isAllowed(ep('a/client'), ext('8.8.8.8'), { port: 8080, protocol: 'TCP' })).toBe(false);
  });

  it('allowedPorts intersects the egress of the source with the ingress of the destination', () => {
    const analyzer = cluster(pods, [
      policy('a/out', { podSelector: { matchLabels: {} }, ...egressOnly({ ports: [{ port: 1, endPort: 9000 }] }) }),
      policy('a/in', { ...server, ...ingressOnly({ ports: [{ port: 8000, endPort: 10000 }, { protocol: 'UDP', port: 53 }] }) }),
    ]);
    expect(formatPortSet(analyzer.allowedPorts(ep('a/client'), ep('a/server')))).toBe('TCP 8000-9000');
    expect(formatPortSet(analyzer.allowedPorts(ext('1.2.3.4'), ep('a/server')))).toBe('TCP 8000-10000, UDP 53');
    expect(formatPortSet(analyzer.allowedPorts(ep('a/server'), ep('a/client')))).toBe('TCP 1-9000');
  });
});

describe('Analyzer: port matrix', () => {
  it('pairs allowing the same ports share one PortSet object, whichever rules allowed them', () => {
    const pods = ['a/web-1', 'a/web-2', 'a/db', 'b/job'].map((id) => pod(id, { role: id.split('/')[1].replace(/-\d$/, '') }));
    const analyzer = cluster(pods, [
      policy('a/db', { podSelector: { matchLabels: { role: 'db' } }, ...ingressOnly({ from: [{ podSelector: { matchLabels: { role: 'web' } } }], ports: [{ port: 5432 }] }) }),
      policy('a/web', {
        podSelector: { matchLabels: { role: 'web' } },
        ...ingressOnly({ from: [{ namespaceSelector: {} }], ports: [{ port: 5432 }] }, { from: [{ podSelector: {} }], ports: [{ port: 5432, endPort: 5432 }] }),
      }),
    ]);
    const matrix = analyzer.portMatrix();
    const db = matrix.filter(({ ports }) => formatPortSet(ports) === 'TCP 5432');
    expect(db.map(({ from, to }) => `${from} > ${to}`)).toEqual([
      'a/db > a/web-1',
      'a/db > a/web-2',
      'a/web-1 > a/db',
      'a/web-1 > a/web-1',
      'a/web-1 > a/web-2',
      'a/web-2 > a/db',
      'a/web-2 > a/web-1',
      'a/web-2 > a/web-2',
      'b/job > a/web-1',
      'b/job > a/web-2',
    ]);
    expect(new Set(db.map(({ ports }) => ports)).size).toBe(1);
    expect(analyzer.allowedPorts(ep('b/job'), ep('a/web-1'))).toBe(db[0].ports);
  });
});

describe('Analyzer: degenerate clusters', () => {
  it('handles no endpoints, and policies in namespaces without endpoints', () => {
    const empty = cluster([], [policy('ghost/p', ingressOnly())]);
    expect(empty.endpointIds()).toEqual([]);
    expect(empty.reach(TCP80)).toEqual({ port: 80, protocol: 'TCP', endpoints: [], allowed: [] });
    expect(empty.portMatrix()).toEqual([]);
    expect(cluster([pod('a/x')], [policy('ghost/p', ingressOnly())]).reach(TCP80).allowed).toEqual([['a/x', 'a/x']]);
  });

  it('endpoints that differ only in labels no selector reads still get their own ids', () => {
    const pods = Array.from({ length: 40 }, (_, i) => pod(`a/p${String(i).padStart(2, '0')}`, { instance: `${i}`, app: i % 2 ? 'odd' : 'even' }));
    const analyzer = cluster(pods, [policy('a/p', { podSelector: { matchLabels: { app: 'even' } }, ...ingressOnly({ from: [{ podSelector: { matchLabels: { app: 'odd' } } }] }) })]);
    const allowed = analyzer.reach(TCP80).allowed;
    expect(allowed).toHaveLength(20 * 40 + 20 * 20);
    expect(allowed).toContainEqual(['a/p01', 'a/p00']);
    expect(allowed).not.toContainEqual(['a/p02', 'a/p00']);
  });

  it('a class with more endpoints than a call takes arguments is listed whole', () => {
    const pods = Array.from({ length: 140_000 }, (_, i) => pod(`big/p${i}`));
    const allowed = cluster(pods, []).reach(TCP80, { from: (id) => id === 'big/p0' }).allowed;
    expect(allowed).toHaveLength(140_000);
    expect(allowed[allowed.length - 1]).toEqual(['big/p0', 'big/p99999']);
  });
});

describe('Analyzer: bad input', () => {
  const analyzer = cluster([pod('a/x')], []);

  it('names an unknown endpoint', () => {
    expect(() => analyzer.isAllowed(ep('a/nope'), ep('a/x'), TCP80)).toThrow('unknown endpoint "a/nope"');
    expect(analyzer.hasEndpoint('a/x')).toBe(true);
    expect(analyzer.hasEndpoint('a/nope')).toBe(false);
  });

  it('rejects an external peer that is not an address, and two external peers', () => {
    expect(() => analyzer.isAllowed(ext('10.0.0.0/8'), ep('a/x'), TCP80)).toThrow('external peer "10.0.0.0/8" is not an IPv4 or IPv6 address');
    expect(() => analyzer.explain(ext('1.1.1.1'), ext('2.2.2.2'), TCP80)).toThrow('at least one side must be an endpoint');
  });

  it('rejects duplicate endpoint ids, unparsable pod IPs and unparsable CIDRs, naming them', () => {
    expect(() => cluster([pod('a/x'), pod('a/x')], [])).toThrow('two endpoints are both named "a/x"');
    expect(() => cluster([pod('a/x', {}, [], ['10.0.0.300'])], [])).toThrow('endpoint a/x: IP "10.0.0.300"');
    expect(() => cluster([pod('a/x')], [policy('a/p', ingressOnly({ from: [{ ipBlock: { cidr: '10.0.0.1' } }] }))])).toThrow(
      'NetworkPolicy a/p: spec.ingress[0].from[0].ipBlock: "10.0.0.1" is not a CIDR',
    );
  });
});
