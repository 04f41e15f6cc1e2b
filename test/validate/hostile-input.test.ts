import fc from 'fast-check';
import { validateNetworkPolicy } from '../../lib/validate';

const base = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a', namespace: 'b' } };
const withSpec = (spec: unknown): unknown => ({ ...base, spec });
const errorLines = (obj: unknown): string[] =>
  validateNetworkPolicy(obj)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.path}: ${f.message}`);

describe('validateNetworkPolicy on hostile shapes', () => {
  it.each([
    ['a string', 'NetworkPolicy'],
    ['a number', 5],
    ['null', null],
    ['a list', [base]],
  ])('rejects %s as the whole object', (_what, value) => {
    expect(errorLines(value)).toEqual([expect.stringMatching(/^: Invalid value: .*: must be a NetworkPolicy object/)]);
  });

  it.each([
    ['spec: 5', withSpec(5), 'spec: Invalid value: 5: must be a NetworkPolicySpec object'],
    ['ports: "80"', withSpec({ ingress: [{ ports: '80' }] }), 'spec.ingress[0].ports: Invalid value: "80": must be a list of ports'],
    ['a boolean port', withSpec({ ingress: [{ ports: [{ port: true }] }] }), 'spec.ingress[0].ports[0].port: Invalid value: true: must be a port number (1-65535) or a port name such as "http"'],
    ['a fractional port', withSpec({ ingress: [{ ports: [{ port: 80.5 }] }] }), 'spec.ingress[0].ports[0].port: Invalid value: 80.5: must be an integer port number (1-65535)'],
    ['a string endPort', withSpec({ ingress: [{ ports: [{ port: 80, endPort: '90' }] }] }), 'spec.ingress[0].ports[0].endPort: Invalid value: "90": must be an integer port number (1-65535)'],
    ['a selector that is a list', withSpec({ podSelector: [{ app: 'web' }] }), 'spec.podSelector: Invalid value: [{"app":"web"}]: must be a label selector object'],
    ['a numeric label value', withSpec({ podSelector: { matchLabels: { version: 1.5 } } }), 'spec.podSelector.matchLabels: Invalid value: 1.5: must be a string (quote numbers and booleans in YAML)'],
    ['ingress as an object', withSpec({ ingress: { from: [] } }), 'spec.ingress: Invalid value: {"from":[]}: must be a list of ingress rules'],
    ['a rule that is a string', withSpec({ egress: ['all'] }), 'spec.egress[0]: Invalid value: "all": must be an object with to and ports'],
    ['a peer that is a number', withSpec({ egress: [{ to: [7] }] }), 'spec.egress[0].to[0]: Invalid value: 7: must be an object with podSelector, namespaceSelector or ipBlock'],
    ['a numeric cidr', withSpec({ egress: [{ to: [{ ipBlock: { cidr: 10 } }] }] }), 'spec.egress[0].to[0].ipBlock.cidr: Invalid value: 10: must be a CIDR string such as "10.0.0.0/8"'],
    ['except as a string', withSpec({ egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: '10.0.0.0/8' } }] }] }), 'spec.egress[0].to[0].ipBlock.except: Invalid value: "10.0.0.0/8": must be a list of CIDR strings inside `cidr`'],
    ['policyTypes as a string', withSpec({ policyTypes: 'Ingress' }), 'spec.policyTypes: Invalid value: "Ingress": must be a list of "Ingress" and/or "Egress"'],
    ['matchExpressions as an object', withSpec({ podSelector: { matchExpressions: { key: 'a' } } }), 'spec.podSelector.matchExpressions: Invalid value: {"key":"a"}: must be a list of {key, operator, values}'],
    ['values as a string', withSpec({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: 'x' }] } }), 'spec.podSelector.matchExpressions[0].values: Invalid value: "x": must be a list of strings'],
    ['a numeric selector value', withSpec({ podSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: [5] }] } }), 'spec.podSelector.matchExpressions[0].values[0]: Invalid value: 5: must be a string (quote numbers and booleans in YAML)'],
    ['metadata as a string', { ...base, metadata: 'web', spec: {} }, 'metadata: Invalid value: "web": must be an object with name and namespace'],
    ['a numeric name', { ...base, metadata: { name: 42, namespace: 'b' }, spec: {} }, 'metadata.name: Invalid value: 42: must be a string'],
  ])('reports %s at its path', (_what, value, expected) => {
    const found = errorLines(value);
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(expected)).toBe(true);
  });

  it('reads null as absent, as the API server decodes it', () => {
    expect(errorLines(withSpec({ podSelector: null, ingress: null, egress: [{ to: null, ports: [null] }] }))).toEqual([]);
    expect(errorLines(withSpec({ ingress: [{ from: [null] }] }))).toEqual([
      expect.stringMatching(/^spec\.ingress\[0\]\.from\[0\]: Required value: must specify a peer/),
    ]);
  });

  it('never throws on arbitrary JSON, and every finding has a path string and a message', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const finding of [...validateNetworkPolicy(value), ...validateNetworkPolicy(withSpec(value))]) {
          expect(typeof finding.path).toBe('string');
          expect(finding.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('never throws on policies with arbitrary JSON in any field', () => {
    const json = fc.jsonValue({ maxDepth: 2 });
    const peer = fc.record({ podSelector: json, namespaceSelector: json, ipBlock: fc.oneof(json, fc.record({ cidr: json, except: json })) }, { requiredKeys: [] });
    const port = fc.record({ protocol: json, port: json, endPort: json }, { requiredKeys: [] });
    const rule = fc.record({ from: fc.oneof(json, fc.array(peer)), to: fc.oneof(json, fc.array(peer)), ports: fc.oneof(json, fc.array(port)) }, { requiredKeys: [] });
    const spec = fc.record({ podSelector: json, policyTypes: json, ingress: fc.oneof(json, fc.array(rule)), egress: fc.oneof(json, fc.array(rule)) }, { requiredKeys: [] });
    fc.assert(
      fc.property(spec, (s) => {
        expect(Array.isArray(validateNetworkPolicy(withSpec(s)))).toBe(true);
      }),
    );
  });

  it('keeps very long values short in messages', () => {
    const [finding] = validateNetworkPolicy(withSpec({ ingress: [{ ports: [{ port: 'x'.repeat(5000) }] }] }));
    expect(finding.message.length).toBeLessThan(300);
  });
});
