import { validateAdminNetworkPolicy, validateBaselineAdminNetworkPolicy, validateClusterNetworkPolicy } from '../../lib/validate';

/** From kubernetes-sigs/network-policy-api pkg/crdtest/testdata (main 0eec1b0e). */
const denyWithPorts = {
  apiVersion: 'policy.networking.k8s.io/v1alpha2',
  kind: 'ClusterNetworkPolicy',
  metadata: { name: 'deny-with-ports' },
  spec: {
    tier: 'Admin',
    priority: 0,
    subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'sensitive-ns' } } },
    ingress: [
      {
        action: 'Deny',
        name: 'select-all-deny-all',
        from: [{ pods: { namespaceSelector: { matchLabels: {} }, podSelector: { matchLabels: {} } } }],
        protocols: [
          { tcp: { destinationPort: { number: 8080 } } },
          { tcp: { destinationPort: { range: { start: 8080, end: 9090 } } } },
          { udp: { destinationPort: { number: 8080 } } },
          { destinationNamedPort: 'http' },
        ],
      },
    ],
  },
};

const errors = (findings: { severity: string; path: string; message: string }[]) =>
  findings.filter((f) => f.severity === 'error').map((f) => `${f.path}: ${f.message}`);

describe('validateClusterNetworkPolicy', () => {
  it('accepts the CRD test valid object', () => {
    expect(errors(validateClusterNetworkPolicy(denyWithPorts))).toEqual([]);
  });

  it('rejects an unsupported action (crdtest invalid-ingress-action)', () => {
    const spec = { ...denyWithPorts.spec, ingress: [{ ...denyWithPorts.spec.ingress[0], action: 'Invalid' }] };
    expect(errors(validateClusterNetworkPolicy({ ...denyWithPorts, spec }))).toEqual([
      'spec.ingress[0].action: Unsupported value: "Invalid": supported values: "Accept", "Deny", "Pass"',
      '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it('caps rules at 25 and checks the priority range', () => {
    const rule = denyWithPorts.spec.ingress[0];
    const spec = { ...denyWithPorts.spec, priority: 1001, ingress: Array(26).fill(rule) };
    expect(errors(validateClusterNetworkPolicy({ ...denyWithPorts, spec }))).toEqual([
      'spec.ingress: Too many: 26: must have at most 25 items',
      'spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000',
      '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it('runs the CEL rules: port range order, CIDR format, named port with networks', () => {
    const spec = {
      ...denyWithPorts.spec,
      ingress: [{ action: 'Accept', from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { range: { start: 90, end: 80 } } } }] }],
      egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/08'] }], protocols: [{ destinationNamedPort: 'dns' }] }],
    };
    expect(errors(validateClusterNetworkPolicy({ ...denyWithPorts, spec }))).toEqual([
      'spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided',
      'spec.egress[0]: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
      'spec.ingress[0].protocols[0].tcp.destinationPort.range: Invalid value: "object": Start port must be less than End port',
    ]);
  });

  it('needs exactly one peer kind per peer', () => {
    const spec = { ...denyWithPorts.spec, ingress: [{ action: 'Deny', from: [{}, { namespaces: {}, pods: { podSelector: {} } }] }] };
    expect(errors(validateClusterNetworkPolicy({ ...denyWithPorts, spec }))).toEqual([
      'spec.ingress[0].from[0]: Invalid value: 0: spec.ingress[0].from[0] in body should have at least 1 properties',
      'spec.ingress[0].from[1]: Too many: 2: must have at most 1 item',
      '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it('warns on experimental fields, and rejects them against the standard channel', () => {
    const spec = { ...denyWithPorts.spec, ingress: undefined, egress: [{ action: 'Accept', to: [{ nodes: {} }] }] };
    const obj = { ...denyWithPorts, spec };
    expect(validateClusterNetworkPolicy(obj).filter((f) => f.severity === 'warning').map((f) => f.path)).toEqual(['spec.egress[0].to[0].nodes']);
    expect(errors(validateClusterNetworkPolicy(obj, { channel: 'standard' }))[0]).toMatch(/^spec\.egress\[0\]\.to\[0\]/);
  });

  it('names the CNI the upstream implementations page lists without experimental fields, unless told otherwise', () => {
    const spec = { ...denyWithPorts.spec, ingress: undefined, egress: [{ action: 'Accept', to: [{ domainNames: ['example.com'] }] }] };
    const warnings = (options = {}) => validateClusterNetworkPolicy({ ...denyWithPorts, spec }, options).filter((f) => f.severity === 'warning').map((f) => f.message);
    expect(warnings()).toEqual([
      'is an experimental-channel field: the standard-channel CRD does not have it; network-policy-api site-src/implementations.md lists Calico v3.32 with standard-channel support only, so Calico does not implement it',
    ]);
    expect(warnings({ experimentalNote: () => undefined })).toEqual(['is an experimental-channel field: the standard-channel CRD does not have it']);
  });

  it('warns on domainNames in a rule that is not Accept (the field doc), which the CRD accepts', () => {
    const rule = (action: string) => ({ ...denyWithPorts, spec: { ...denyWithPorts.spec, ingress: undefined, egress: [{ action, to: [{ domainNames: ['example.com'] }] }] } });
    const documented = (action: string) => validateClusterNetworkPolicy(rule(action)).filter((f) => f.severity === 'warning' && f.path === 'spec.egress[0]');
    expect(documented('Accept')).toEqual([]);
    expect(documented('Pass').map((f) => f.message)).toEqual([
      'a "Pass" rule has a domainNames peer, but "DomainNames is only supported for Accept rules" (network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go ClusterNetworkPolicyEgressPeer.DomainNames; the API server accepts it)',
    ]);
    expect(errors(validateClusterNetworkPolicy(rule('Pass')))).toEqual([]);
  });
});

describe('v1alpha1', () => {
  const banp = {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name: 'other' },
    spec: { subject: { namespaces: {} }, ingress: [{ action: 'Pass', from: [{ namespaces: {} }] }] },
  };

  it('BANP has no Pass action', () => {
    expect(errors(validateBaselineAdminNetworkPolicy(banp))[0]).toBe('spec.ingress[0].action: Unsupported value: "Pass": supported values: "Allow", "Deny"');
  });

  it('BANP is the singleton named default', () => {
    const valid = { ...banp, spec: { subject: { namespaces: {} } } };
    expect(errors(validateBaselineAdminNetworkPolicy(valid))).toEqual([
      '<nil>: Invalid value: "object": Only one baseline admin network policy with metadata.name="default" can be created in the cluster',
    ]);
    expect(errors(validateBaselineAdminNetworkPolicy({ ...valid, metadata: { name: 'default' } }))).toEqual([]);
  });

  it('ANP requires a priority and accepts Pass', () => {
    const anp = { ...banp, kind: 'AdminNetworkPolicy', metadata: { name: 'a' } };
    expect(errors(validateAdminNetworkPolicy(anp))[0]).toBe('spec.priority: Required value');
    expect(errors(validateAdminNetworkPolicy({ ...anp, spec: { ...anp.spec, priority: 5 } }))).toEqual([]);
  });
});
