import { Finding, validateNetworkPolicy } from '../../lib/validate';

function policy(spec: object, metadata: object = { name: 'web', namespace: 'prod' }): object {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec: { podSelector: {}, ...spec } };
}

const errors = (obj: unknown): Finding[] => validateNetworkPolicy(obj).filter((f) => f.severity === 'error');
const warnings = (obj: unknown): Finding[] => validateNetworkPolicy(obj).filter((f) => f.severity === 'warning');
const lines = (findings: Finding[]): string[] => findings.map((f) => `${f.path}: ${f.message}`);

describe('validateNetworkPolicy messages', () => {
  it('reports an out-of-range port as the API server does', () => {
    expect(lines(errors(policy({ ingress: [{ ports: [{ port: 70000 }] }] })))).toEqual([
      'spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('lists the supported protocols', () => {
    expect(lines(errors(policy({ egress: [{ ports: [{ protocol: 'HTTP', port: 80 }] }] })))).toEqual([
      'spec.egress[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"',
    ]);
  });

  it('explains each endPort rule', () => {
    const found = lines(
      errors(
        policy({
          ingress: [{ ports: [{ endPort: 90 }, { port: 'http', endPort: 90 }, { port: 100, endPort: 90 }, { port: 80, endPort: 70000 }] }],
        }),
      ),
    );
    expect(found).toEqual([
      'spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is not specified',
      'spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
      'spec.ingress[0].ports[2].endPort: Invalid value: 90: must be greater than or equal to `port`',
      'spec.ingress[0].ports[3].endPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('explains what is wrong with a port name', () => {
    expect(lines(errors(policy({ ingress: [{ ports: [{ port: '8080' }, { port: 'Http' }] }] })))).toEqual([
      'spec.ingress[0].ports[0].port: Invalid value: "8080": must contain at least one letter (a-z)',
      'spec.ingress[0].ports[1].port: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ]);
  });

  it('requires a peer and forbids ipBlock with a selector', () => {
    const found = lines(errors(policy({ ingress: [{ from: [{}, { podSelector: {}, ipBlock: { cidr: '10.0.0.0/8' } }] }] })));
    expect(found[0]).toMatch(/^spec\.ingress\[0\]\.from\[0\]: Required value: must specify a peer/);
    expect(found[1]).toBe('spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer; use separate peers');
    expect(found).toHaveLength(2);
  });

  it('reports ipBlock problems with the CIDR example and the strict-subset rule', () => {
    const found = lines(
      errors(policy({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8', '11.0.0.0/16', '10.1.2.3'] } }] }] })),
    );
    expect(found).toEqual([
      'spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr` ("10.0.0.0/8")',
      'spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "11.0.0.0/16": must be a strict subset of `cidr` ("10.0.0.0/8")',
      'spec.egress[0].to[0].ipBlock.except[2]: Invalid value: "10.1.2.3": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
  });

  it('does not check excepts of an invalid cidr, as the API server does', () => {
    expect(errors(policy({ egress: [{ to: [{ ipBlock: { cidr: 'nope', except: ['also nope'] } }] }] })).map((f) => f.path)).toEqual([
      'spec.egress[0].to[0].ipBlock.cidr',
    ]);
  });

  it('accepts leading zeros and IPv4-mapped IPv6 addresses as the API server does, with a warning', () => {
    const findings = validateNetworkPolicy(
      policy({ egress: [{ to: [{ ipBlock: { cidr: '010.0.0.0/8' } }, { ipBlock: { cidr: '10.0.0.0/08' } }, { ipBlock: { cidr: '::ffff:10.0.0.0/104' } }] }] }),
    );
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(lines(findings.filter((f) => f.path.includes('ipBlock')))).toEqual([
      'spec.egress[0].to[0].ipBlock.cidr: "010.0.0.0/8" has leading zeros, read as decimal (10.0.0.0/8); some tools read them as octal and API servers with strict IP validation reject them',
      'spec.egress[0].to[1].ipBlock.cidr: "10.0.0.0/08" has leading zeros, read as decimal (10.0.0.0/8); some tools read them as octal and API servers with strict IP validation reject them',
      'spec.egress[0].to[2].ipBlock.cidr: "::ffff:10.0.0.0/104" is an IPv4-mapped IPv6 address: it does not match IPv4 pod addresses here, network plugins differ, and API servers with strict IP validation reject it',
    ]);
  });

  it('reports selector requirement errors in the API server words', () => {
    const found = lines(
      errors(
        policy({
          podSelector: {
            matchExpressions: [
              { key: 'app', operator: 'In' },
              { key: 'app', operator: 'Exists', values: ['a'] },
              { key: 'app', operator: 'exists' },
            ],
          },
        }),
      ),
    );
    expect(found).toEqual([
      "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.podSelector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.podSelector.matchExpressions[2].operator: Invalid value: "exists": not a valid selector operator; valid operators are In, NotIn, Exists, DoesNotExist (case-sensitive)',
    ]);
  });

  it('explains label key and value rules', () => {
    const found = lines(errors(policy({ podSelector: { matchLabels: { 'a/b/c': 'x', app: 'x'.repeat(64) } } })));
    expect(found).toHaveLength(2);
    expect(found[0]).toBe(
      'spec.podSelector.matchLabels: Invalid value: "a/b/c": ' +
        "a label key has at most one '/' (between an optional DNS-name prefix and the name): " +
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') " +
        "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    expect(found[1]).toMatch(/^spec\.podSelector\.matchLabels: Invalid value: "x{64}": must be no more than 63 characters$/);
  });

  it('reports policyTypes problems', () => {
    expect(lines(errors(policy({ policyTypes: ['Ingress', 'egress'] })))).toEqual([
      'spec.policyTypes[1]: Unsupported value: "egress": supported values: "Ingress", "Egress"',
    ]);
    expect(lines(errors(policy({ policyTypes: ['Ingress', 'Egress', 'Ingress'] })))).toEqual([
      'spec.policyTypes: Invalid value: ["Ingress","Egress","Ingress"]: may not specify more than two policyTypes',
    ]);
  });

  it('validates metadata: name, namespace, labels', () => {
    const found = lines(errors(policy({}, { name: 'My_Policy', namespace: 'team.a', labels: { ok: 'yes' } })));
    expect(found[0]).toMatch(/^metadata\.name: Invalid value: "My_Policy": a lowercase RFC 1123 subdomain must consist of/);
    expect(found[1]).toBe('metadata.namespace: Invalid value: "team.a": must not contain dots');
    expect(found).toHaveLength(2);
    expect(lines(errors(policy({}, { namespace: 'prod' })))).toEqual(['metadata.name: Required value: name or generateName is required']);
    expect(errors(policy({}, { generateName: 'web-', namespace: 'prod' }))).toEqual([]);
  });

  it('checks apiVersion and kind', () => {
    expect(lines(errors({ apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', metadata: { name: 'a', namespace: 'b' }, spec: {} }))).toEqual([
      'apiVersion: Unsupported value: "extensions/v1beta1": supported values: "networking.k8s.io/v1"',
    ]);
    expect(errors({ metadata: { name: 'a', namespace: 'b' }, spec: {} }).map((f) => f.path)).toEqual(['apiVersion', 'kind']);
  });

  it('rejects unknown fields, which a lenient apply would drop (a typo like `form` allows everyone)', () => {
    expect(lines(errors(policy({ ingress: [{ form: [{ podSelector: {} }] }] })))).toEqual([
      'spec.ingress[0].form: Invalid value: [{"podSelector":{}}]: unknown field; valid fields here are "from", "ports"',
    ]);
    expect(errors(policy({ ingress: [{ from: [{ namespaceSelector: {}, podselector: {} }] }] })).map((f) => f.path)).toEqual([
      'spec.ingress[0].from[0].podselector',
    ]);
  });

  it('orders findings in document order, warnings among errors', () => {
    const found = validateNetworkPolicy(
      policy(
        { policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 0 }] }], egress: [{ ports: [{ port: 70000 }] }] },
        { name: 'Bad', namespace: 'prod', annotations: { 'Team/Owner': 'x', 'a b': 'y' } },
      ),
    );
    expect(found.map((f) => `${f.severity} ${f.path}`)).toEqual([
      'error metadata.name',
      'error metadata.annotations',
      'error spec.ingress[0].ports[0].port',
      'warning spec.egress',
      'error spec.egress[0].ports[0].port',
    ]);
    expect(found[1].message).toMatch(/^Invalid value: "a b": name part must consist of/);
  });

  it('accepts a valid policy without findings', () => {
    const valid = policy({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } }, podSelector: {} }], ports: [{ port: 8080 }] }],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ protocol: 'TCP', port: 443 }] }],
    });
    expect(validateNetworkPolicy(valid)).toEqual([]);
  });
});

describe('validateNetworkPolicy lint warnings', () => {
  it('warns about duplicate policyTypes', () => {
    expect(lines(warnings(policy({ policyTypes: ['Egress', 'Egress'] })))).toEqual([
      'spec.policyTypes[1]: Duplicate value: "Egress": listed twice; list each direction once',
    ]);
  });

  it('warns about empty from, to and ports lists', () => {
    const found = warnings(policy({ ingress: [{ from: [], ports: [] }], egress: [{ to: [] }] }));
    expect(found.map((f) => f.path)).toEqual(['spec.ingress[0].from', 'spec.ingress[0].ports', 'spec.egress[0].to']);
    expect(found[0].message).toMatch(/empty list, which means every peer, in the cluster and outside it/);
    expect(found[1].message).toMatch(/every port of every protocol/);
  });

  it('does not warn about an empty ingress list: that is a deliberate deny-all', () => {
    expect(warnings(policy({ ingress: [] }))).toEqual([]);
  });

  it('says what a cidr with host bits set means', () => {
    expect(lines(warnings(policy({ egress: [{ to: [{ ipBlock: { cidr: '10.1.2.3/8', except: ['10.1.2.3/16'] } }] }] })))).toEqual([
      'spec.egress[0].to[0].ipBlock.cidr: "10.1.2.3/8" has host bits set, so it means 10.0.0.0/8; write "10.0.0.0/8", or "10.1.2.3/32" for the single address',
      'spec.egress[0].to[0].ipBlock.except[0]: "10.1.2.3/16" has host bits set, so it means 10.1.0.0/16; write "10.1.0.0/16", or "10.1.2.3/32" for the single address',
    ]);
    expect(warnings(policy({ egress: [{ to: [{ ipBlock: { cidr: 'fd00::1/64' } }] }] }))[0].message).toContain('means fd00::/64');
  });

  it('warns about rules whose direction is not in explicit policyTypes', () => {
    expect(lines(warnings(policy({ policyTypes: ['Ingress'], egress: [{ ports: [{ port: 53 }] }] })))).toEqual([
      'spec.egress: egress rules are ignored because spec.policyTypes does not include "Egress"; add it or remove the rules',
    ]);
    expect(warnings(policy({ policyTypes: ['Egress'], ingress: [{}] })).map((f) => f.path)).toEqual(['spec.ingress']);
    // Without policyTypes, egress rules turn Egress on: nothing is ignored.
    expect(warnings(policy({ egress: [{}] }))).toEqual([]);
  });

  it('warns about namespaceSelector on the `name` label', () => {
    const found = warnings(
      policy({
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }] },
          { from: [{ namespaceSelector: { matchExpressions: [{ key: 'name', operator: 'In', values: ['a'] }] } }] },
          { from: [{ podSelector: { matchLabels: { name: 'web' } } }] },
        ],
      }),
    );
    expect(found.map((f) => f.path)).toEqual([
      'spec.ingress[0].from[0].namespaceSelector.matchLabels',
      'spec.ingress[1].from[0].namespaceSelector.matchExpressions[0].key',
    ]);
    expect(found[0].message).toContain('"kubernetes.io/metadata.name"');
  });

  it('warns about a missing namespace and a missing spec', () => {
    const found = warnings({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a' } });
    expect(found.map((f) => f.path)).toEqual(['metadata.namespace', 'spec']);
  });
});
