/**
 * NetworkPolicy validation cases with the field path of every error the API server reports.
 *
 * The first part ports TestValidateNetworkPolicy from kubernetes/kubernetes
 * pkg/apis/networking/validation/validation_test.go (its success cases and error cases; the
 * Go test only asserts that errors exist, so the paths here follow ValidateNetworkPolicySpec,
 * ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer and ValidateIPBlock). The second part
 * adds cases for rules that test does not reach (metadata, port 0, named ports, selector
 * operators), also read off the API server's validation code.
 *
 * Self-contained so that CLI tests can import it. `errorPaths` lists one path per error, in
 * the order validateNetworkPolicy reports them; empty for valid policies.
 */
export interface ApiServerCase {
  readonly description: string;
  readonly policy: object;
  readonly errorPaths: readonly string[];
}

/** A full NetworkPolicy `foo` in namespace `bar` selecting `a=b`, with `spec` fields added. */
function policy(spec: object, metadata: object = { name: 'foo', namespace: 'bar' }): object {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata,
    spec: { podSelector: { matchLabels: { a: 'b' } }, ...spec },
  };
}

const cd = { matchLabels: { c: 'd' } };
const ef = { matchLabels: { e: 'f' } };
const invalidSelector = { matchLabels: { 'NoUppercaseOrSpecialCharsLike=Equals': 'b' } };
const ipv4Block = { cidr: '192.168.0.0/16', except: ['192.168.3.0/24', '192.168.4.0/24'] };
const ipv6Block = { cidr: 'fd00:192:168::/48', except: ['fd00:192:168:3::/64', 'fd00:192:168:4::/64'] };
const fivePorts = [
  { port: 80 },
  { protocol: 'TCP' },
  { protocol: 'TCP', port: 443 },
  { protocol: 'UDP', port: 'dns' },
  { protocol: 'SCTP', port: 7777 },
];

const kubernetesSuccessCases: ApiServerCase[] = [
  { description: 'ingress with one empty rule', policy: policy({ ingress: [{}] }), errorPaths: [] },
  { description: 'ingress rule with one empty port', policy: policy({ ingress: [{ ports: [{}] }] }), errorPaths: [] },
  { description: 'ingress ports: numeric, protocol only, named, SCTP', policy: policy({ ingress: [{ ports: fivePorts }] }), errorPaths: [] },
  { description: 'ingress from podSelector', policy: policy({ ingress: [{ from: [{ podSelector: cd }] }] }), errorPaths: [] },
  { description: 'ingress from namespaceSelector', policy: policy({ ingress: [{ from: [{ namespaceSelector: cd }] }] }), errorPaths: [] },
  {
    description: 'ingress from namespaceSelector AND podSelector in one peer',
    policy: policy({ ingress: [{ from: [{ podSelector: ef, namespaceSelector: cd }] }] }),
    errorPaths: [],
  },
  {
    description: 'egress to namespaceSelector, ingress from IPv4 ipBlock',
    policy: policy({ ingress: [{ from: [{ ipBlock: ipv4Block }] }], egress: [{ to: [{ namespaceSelector: cd }] }] }),
    errorPaths: [],
  },
  { description: 'ingress from IPv4 ipBlock with excepts', policy: policy({ ingress: [{ from: [{ ipBlock: ipv4Block }] }] }), errorPaths: [] },
  {
    description: 'egress to IPv4 ipBlock, policyTypes Egress',
    policy: policy({ egress: [{ to: [{ ipBlock: ipv4Block }] }], policyTypes: ['Egress'] }),
    errorPaths: [],
  },
  {
    description: 'egress to IPv4 ipBlock, policyTypes Ingress and Egress',
    policy: policy({ egress: [{ to: [{ ipBlock: ipv4Block }] }], policyTypes: ['Ingress', 'Egress'] }),
    errorPaths: [],
  },
  { description: 'egress ports: numeric, protocol only, named, SCTP', policy: policy({ egress: [{ ports: fivePorts }] }), errorPaths: [] },
  {
    description: 'egress to namespaceSelector, ingress from IPv6 ipBlock',
    policy: policy({ ingress: [{ from: [{ ipBlock: ipv6Block }] }], egress: [{ to: [{ namespaceSelector: cd }] }] }),
    errorPaths: [],
  },
  { description: 'ingress from IPv6 ipBlock with excepts', policy: policy({ ingress: [{ from: [{ ipBlock: ipv6Block }] }] }), errorPaths: [] },
  {
    description: 'egress to IPv6 ipBlock, policyTypes Egress',
    policy: policy({ egress: [{ to: [{ ipBlock: ipv6Block }] }], policyTypes: ['Egress'] }),
    errorPaths: [],
  },
  {
    description: 'egress to IPv6 ipBlock, policyTypes Ingress and Egress',
    policy: policy({ egress: [{ to: [{ ipBlock: ipv6Block }] }], policyTypes: ['Ingress', 'Egress'] }),
    errorPaths: [],
  },
  {
    description: 'egress port range and a named UDP port',
    policy: policy({ egress: [{ ports: [{ port: 32000, endPort: 32768 }, { protocol: 'UDP', port: 'dns' }] }] }),
    errorPaths: [],
  },
  {
    description: 'overlapping egress port ranges and a one-port ingress range',
    policy: policy({
      ingress: [{ from: [{ podSelector: ef }], ports: [{ protocol: 'TCP', port: 32768, endPort: 32768 }] }],
      egress: [{ to: [{ namespaceSelector: cd }], ports: [{ port: 30000, endPort: 32768 }, { port: 32000, endPort: 32768 }] }],
    }),
    errorPaths: [],
  },
];

const ingressPeer = (peer: object): object => policy({ ingress: [{ from: [peer] }] });
const ingressPorts = (...ports: object[]): object => policy({ ingress: [{ ports }] });
const egressPorts = (...ports: object[]): object => policy({ egress: [{ to: [{ namespaceSelector: cd }], ports }] });

const kubernetesErrorCases: ApiServerCase[] = [
  {
    description: 'namespaceSelector and ipBlock',
    policy: ingressPeer({ namespaceSelector: cd, ipBlock: ipv4Block }),
    errorPaths: ['spec.ingress[0].from[0]'],
  },
  {
    description: 'podSelector and ipBlock',
    policy: policy({ egress: [{ to: [{ podSelector: cd, ipBlock: ipv4Block }] }] }),
    errorPaths: ['spec.egress[0].to[0]'],
  },
  {
    description: 'missing from and to type',
    policy: policy({ ingress: [{ from: [{}] }], egress: [{ to: [{}] }] }),
    errorPaths: ['spec.ingress[0].from[0]', 'spec.egress[0].to[0]'],
  },
  {
    description: 'invalid spec.podSelector',
    policy: policy({ podSelector: invalidSelector }),
    errorPaths: ['spec.podSelector.matchLabels'],
  },
  {
    description: 'invalid ingress.ports.protocol',
    policy: ingressPorts({ protocol: 'ICMP', port: 80 }),
    errorPaths: ['spec.ingress[0].ports[0].protocol'],
  },
  {
    description: 'invalid ingress.ports.port (int)',
    policy: ingressPorts({ protocol: 'TCP', port: 123456789 }),
    errorPaths: ['spec.ingress[0].ports[0].port'],
  },
  {
    description: 'invalid ingress.ports.port (str)',
    policy: ingressPorts({ protocol: 'TCP', port: '!@#$' }),
    errorPaths: ['spec.ingress[0].ports[0].port'],
  },
  {
    description: 'invalid ingress.from.podSelector',
    policy: ingressPeer({ podSelector: invalidSelector }),
    errorPaths: ['spec.ingress[0].from[0].podSelector.matchLabels'],
  },
  {
    description: 'invalid egress.to.podSelector',
    policy: policy({ egress: [{ to: [{ podSelector: invalidSelector }] }] }),
    errorPaths: ['spec.egress[0].to[0].podSelector.matchLabels'],
  },
  {
    description: 'invalid egress.ports.protocol',
    policy: policy({ egress: [{ ports: [{ protocol: 'ICMP', port: 80 }] }] }),
    errorPaths: ['spec.egress[0].ports[0].protocol'],
  },
  {
    description: 'invalid egress.ports.port (int)',
    policy: policy({ egress: [{ ports: [{ protocol: 'TCP', port: 123456789 }] }] }),
    errorPaths: ['spec.egress[0].ports[0].port'],
  },
  {
    description: 'invalid egress.ports.port (str)',
    policy: policy({ egress: [{ ports: [{ protocol: 'TCP', port: '!@#$' }] }] }),
    errorPaths: ['spec.egress[0].ports[0].port'],
  },
  {
    description: 'invalid ingress.from.namespaceSelector',
    policy: ingressPeer({ namespaceSelector: invalidSelector }),
    errorPaths: ['spec.ingress[0].from[0].namespaceSelector.matchLabels'],
  },
  {
    description: 'missing cidr field',
    policy: ingressPeer({ ipBlock: { ...ipv4Block, cidr: '' } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.cidr'],
  },
  {
    description: 'invalid cidr format (a bare IP)',
    policy: ingressPeer({ ipBlock: { ...ipv4Block, cidr: '192.168.5.6' } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.cidr'],
  },
  {
    description: 'invalid ipv6 cidr format (a bare IP)',
    policy: ingressPeer({ ipBlock: { ...ipv6Block, cidr: 'fd00:192:168::' } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.cidr'],
  },
  {
    description: 'except field is an empty string',
    policy: ingressPeer({ ipBlock: { ...ipv4Block, except: [''] } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.except[0]'],
  },
  {
    description: 'except field is a space',
    policy: ingressPeer({ ipBlock: { ...ipv4Block, except: [' '] } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.except[0]'],
  },
  {
    description: 'except field is an invalid ip',
    policy: ingressPeer({ ipBlock: { ...ipv4Block, except: ['300.300.300.300'] } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.except[0]'],
  },
  {
    description: 'except IP is outside of CIDR range',
    policy: ingressPeer({ ipBlock: { cidr: '192.168.8.0/24', except: ['192.168.9.1/32'] } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.except[0]'],
  },
  {
    description: 'except IP is not strictly within CIDR range',
    policy: ingressPeer({ ipBlock: { cidr: '192.168.0.0/24', except: ['192.168.0.0/24'] } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.except[0]'],
  },
  {
    description: 'except IPv6 is outside of CIDR range',
    policy: ingressPeer({ ipBlock: { cidr: 'fd00:192:168:1::/64', except: ['fd00:192:168:2::/64'] } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.except[0]'],
  },
  {
    description: 'invalid policyTypes',
    policy: policy({ egress: [{ to: [{ ipBlock: ipv4Block }] }], policyTypes: ['foo', 'bar'] }),
    errorPaths: ['spec.policyTypes[0]', 'spec.policyTypes[1]'],
  },
  {
    description: 'too many policyTypes',
    policy: policy({ egress: [{ to: [{ ipBlock: ipv4Block }] }], policyTypes: ['foo', 'bar', 'baz'] }),
    errorPaths: ['spec.policyTypes'],
  },
  {
    description: 'multiple ports defined, one port range is invalid',
    policy: egressPorts({ protocol: 'UDP', port: 35000, endPort: 32768 }, { port: 32000, endPort: 32768 }),
    errorPaths: ['spec.egress[0].ports[0].endPort'],
  },
  {
    description: 'endPort defined with named/string port',
    policy: egressPorts({ protocol: 'UDP', port: 'dns', endPort: 32768 }, { port: 32000, endPort: 32768 }),
    errorPaths: ['spec.egress[0].ports[0].endPort'],
  },
  {
    description: 'endPort defined without port defined',
    policy: egressPorts({ protocol: 'TCP', endPort: 32768 }),
    errorPaths: ['spec.egress[0].ports[0].endPort'],
  },
  {
    description: 'port is greater than endPort',
    policy: egressPorts({ protocol: 'SCTP', port: 35000, endPort: 32768 }),
    errorPaths: ['spec.egress[0].ports[0].endPort'],
  },
  {
    description: 'multiple invalid port ranges defined',
    policy: egressPorts(
      { protocol: 'UDP', port: 35000, endPort: 32768 },
      { protocol: 'TCP', endPort: 32768 },
      { protocol: 'TCP', port: 'https', endPort: 32768 },
    ),
    errorPaths: ['spec.egress[0].ports[0].endPort', 'spec.egress[0].ports[1].endPort', 'spec.egress[0].ports[2].endPort'],
  },
  {
    description: 'invalid endport range defined',
    policy: egressPorts({ protocol: 'TCP', port: 30000, endPort: 65537 }),
    errorPaths: ['spec.egress[0].ports[0].endPort'],
  },
];

const additionalCases: ApiServerCase[] = [
  { description: 'port 0 is out of range', policy: ingressPorts({ port: 0 }), errorPaths: ['spec.ingress[0].ports[0].port'] },
  { description: 'port 65535 and range 1-65535 are valid', policy: ingressPorts({ port: 65535 }, { port: 1, endPort: 65535 }), errorPaths: [] },
  { description: 'endPort 0 with port 1 is below port and out of range', policy: ingressPorts({ port: 1, endPort: 0 }), errorPaths: ['spec.ingress[0].ports[0].endPort', 'spec.ingress[0].ports[0].endPort'] },
  { description: 'lowercase protocol', policy: ingressPorts({ protocol: 'tcp', port: 80 }), errorPaths: ['spec.ingress[0].ports[0].protocol'] },
  { description: 'numeric string port is a port name without letters', policy: ingressPorts({ port: '80' }), errorPaths: ['spec.ingress[0].ports[0].port'] },
  { description: 'port name longer than 15 characters', policy: ingressPorts({ port: 'abcdefghijklmnop' }), errorPaths: ['spec.ingress[0].ports[0].port'] },
  { description: 'port name with consecutive hyphens and a leading hyphen', policy: ingressPorts({ port: '-a--b' }), errorPaths: ['spec.ingress[0].ports[0].port', 'spec.ingress[0].ports[0].port'] },
  { description: 'port name of 15 characters with hyphens', policy: ingressPorts({ port: 'metrics-http-01' }), errorPaths: [] },
  { description: 'metadata.name with uppercase', policy: policy({}, { name: 'Foo', namespace: 'bar' }), errorPaths: ['metadata.name'] },
  { description: 'metadata.name with dots is a valid subdomain', policy: policy({}, { name: 'allow.dns', namespace: 'bar' }), errorPaths: [] },
  { description: 'metadata.name missing', policy: policy({}, { namespace: 'bar' }), errorPaths: ['metadata.name'] },
  { description: 'metadata.namespace with dots is not a DNS label', policy: policy({}, { name: 'foo', namespace: 'a.b' }), errorPaths: ['metadata.namespace'] },
  { description: 'metadata.labels with an invalid value', policy: policy({}, { name: 'foo', namespace: 'bar', labels: { team: 'a b' } }), errorPaths: ['metadata.labels'] },
  {
    description: 'matchExpressions: In without values, Exists with values, unknown operator, bad key',
    policy: policy({
      podSelector: {
        matchExpressions: [
          { key: 'app', operator: 'In', values: [] },
          { key: 'app', operator: 'Exists', values: ['x'] },
          { key: 'app', operator: 'in', values: ['x'] },
          { key: '-app', operator: 'DoesNotExist' },
        ],
      },
    }),
    errorPaths: [
      'spec.podSelector.matchExpressions[0].values',
      'spec.podSelector.matchExpressions[1].values',
      'spec.podSelector.matchExpressions[2].operator',
      'spec.podSelector.matchExpressions[3].key',
    ],
  },
  {
    description: 'matchExpressions value that is not a valid label value',
    policy: policy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['ok', 'not ok'] }] } }),
    errorPaths: ['spec.podSelector.matchExpressions[0].values[1]'],
  },
  {
    description: 'label key with a prefix that is not a DNS subdomain',
    policy: policy({ podSelector: { matchLabels: { 'Example.com/app': 'web' } } }),
    errorPaths: ['spec.podSelector.matchLabels'],
  },
  {
    description: 'IPv4 except inside an IPv6 cidr',
    policy: ingressPeer({ ipBlock: { cidr: '::/0', except: ['10.0.0.0/8'] } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.except[0]'],
  },
  {
    description: 'cidr with host bits set is accepted',
    policy: ingressPeer({ ipBlock: { cidr: '10.1.2.3/8', except: ['10.1.0.0/16'] } }),
    errorPaths: [],
  },
  {
    description: 'cidr with a prefix above 32',
    policy: ingressPeer({ ipBlock: { cidr: '10.0.0.0/33' } }),
    errorPaths: ['spec.ingress[0].from[0].ipBlock.cidr'],
  },
  { description: 'policyTypes with a lowercase entry', policy: policy({ policyTypes: ['ingress'] }), errorPaths: ['spec.policyTypes[0]'] },
];

export const API_SERVER_CASES: readonly ApiServerCase[] = [...kubernetesSuccessCases, ...kubernetesErrorCases, ...additionalCases];
