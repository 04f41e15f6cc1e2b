import { App, JsonPatch, Testing } from 'cdk8s';
import {
  AdminDenyEgressTo,
  AdminPassTo,
  BaselineDefaultDeny,
  ClusterNetworkPolicy,
  ClusterNetworkPolicyProps,
  ClusterPolicyChart,
  DomainNames,
  IClusterPeer,
  IpRange,
  Namespaces,
  Nodes,
  Port,
  Workload,
} from '../../lib';
import { captureWarnings, platformChart, synthError, synthQuietly } from './synth-helpers';

const everyNamespace = Namespaces.all();
const base: ClusterNetworkPolicyProps = { tier: 'Admin', priority: 1, subject: everyNamespace };
const NOT_CHECKED = '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/** The synth error of one policy built from `props` in a fresh platform chart. */
function errorOf(props: Partial<ClusterNetworkPolicyProps>, chartProps = {}): string {
  const chart = platformChart(chartProps);
  new ClusterNetworkPolicy(chart, 'p', { ...base, ...props });
  return synthError(() => Testing.synth(chart));
}

/**
 * The synth error after an escape-hatch patch writes `value` at `path`: values the props refuse
 * at construction (ConstructInputError) still reach synth this way, and the CRD rules judge them.
 */
function errorAfterPatch(path: string, value: unknown, props: Partial<ClusterNetworkPolicyProps> = {}): string {
  const chart = platformChart();
  new ClusterNetworkPolicy(chart, 'p', { ...base, ...props }).addJsonPatch(JsonPatch.replace(path, value));
  return synthError(() => Testing.synth(chart));
}

/** A peer that renders whatever it is given, for shapes our vocabulary never writes. */
function rawPeer(peer: object): IClusterPeer {
  return { toClusterNetworkPolicyPeer: () => peer };
}

describe('every synthesis path refuses an invalid ClusterNetworkPolicy', () => {
  function badApp(): { app: App; chart: ClusterPolicyChart } {
    const chart = platformChart();
    new ClusterNetworkPolicy(chart, 'p', { ...base, priority: 1001 });
    return { app: chart.node.root as App, chart };
  }
  const expected = '[platform/p] spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000';

  test('Testing.synth', () => expect(synthError(() => Testing.synth(badApp().chart))).toContain(expected));
  test('chart.toJson()', () => expect(synthError(() => badApp().chart.toJson())).toContain(expected));
  test('app.synth()', () => expect(synthError(() => badApp().app.synth())).toContain(expected));
  test('app.synthYaml()', () => expect(synthError(() => badApp().app.synthYaml())).toContain(expected));

  test('one error lists every invalid policy of the app, once each', () => {
    const chart = platformChart();
    new ClusterNetworkPolicy(chart, 'a', { ...base, priority: -1 });
    new AdminDenyEgressTo(chart, 'b', { priority: 2, to: IpRange.cidr('10.0.0.0/08') });
    new ClusterNetworkPolicy(chart, 'fine', { ...base, priority: 3 });
    expect(synthError(() => Testing.synth(chart))).toBe(
      'Validation failed with the following errors:\n' +
        '  [platform/a] spec.priority: Invalid value: -1: spec.priority in body should be greater than or equal to 0\n' +
        '  [platform/b] spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided',
    );
  });
});

describe('the CRD schema rules, at synth', () => {
  test.each([
    ['priority above 1000', { priority: 1001 }, 'spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000'],
    ['26 ingress rules', { ingress: Array.from({ length: 26 }, () => ({ action: 'Deny' as const, from: everyNamespace })) }, 'spec.ingress: Too many: 26: must have at most 25 items'],
    ['26 egress rules', { egress: Array.from({ length: 26 }, () => ({ action: 'Deny' as const, to: everyNamespace })) }, 'spec.egress: Too many: 26: must have at most 25 items'],
    ['26 peers', { ingress: [{ action: 'Deny' as const, from: Array.from({ length: 26 }, (_, i) => Namespaces.named(`ns-${i}`)) }] }, 'spec.ingress[0].from: Too many: 26: must have at most 25 items'],
    ['26 networks', { egress: [{ action: 'Deny' as const, to: Array.from({ length: 26 }, (_, i) => IpRange.address(`10.0.0.${i}`)) }] }, 'spec.egress[0].to[0].networks: Too many: 26: must have at most 25 items'],
    ['26 domain names', { egress: [{ action: 'Accept' as const, to: DomainNames.of(...Array.from({ length: 26 }, (_, i) => `host-${i}.example.com`)) }] }, 'spec.egress[0].to[0].domainNames: Too many: 26: must have at most 25 items'],
    ['26 ports', { ingress: [{ action: 'Deny' as const, from: everyNamespace, ports: Array.from({ length: 26 }, (_, i) => Port.tcp(i + 1)) }] }, 'spec.ingress[0].protocols: Too many: 26: must have at most 25 items'],
    ['port 0', { ingress: [{ action: 'Deny' as const, from: everyNamespace, ports: [Port.tcp(0)] }] }, 'spec.ingress[0].protocols[0].tcp.destinationPort.number: Invalid value: 0: spec.ingress[0].protocols[0].tcp.destinationPort.number in body should be greater than or equal to 1'],
    ['port 70000', { egress: [{ action: 'Deny' as const, to: everyNamespace, ports: [Port.udp(70000)] }] }, 'spec.egress[0].protocols[0].udp.destinationPort.number: Invalid value: 70000: spec.egress[0].protocols[0].udp.destinationPort.number in body should be less than or equal to 65535'],
    ['a rule name over 100 characters', { ingress: [{ name: 'x'.repeat(101), action: 'Deny' as const, from: everyNamespace }] }, 'spec.ingress[0].name: Too long: may not be more than 100 bytes'],
    ['a domain name the pattern refuses', { egress: [{ action: 'Accept' as const, to: DomainNames.of('*') }] }, 'spec.egress[0].to[0].domainNames[0]: Invalid value: "*": spec.egress[0].to[0].domainNames[0] in body should match'],
    ['the same network twice', { egress: [{ action: 'Deny' as const, to: [IpRange.cloudMetadata(), IpRange.address('169.254.169.254')] }] }, 'spec.egress[0].to[0].networks[1]: Duplicate value: "169.254.169.254/32"'],
    ['a peer with no field', { ingress: [{ action: 'Deny' as const, from: rawPeer({}) }] }, 'spec.ingress[0].from[0]: Invalid value: 0: spec.ingress[0].from[0] in body should have at least 1 properties'],
    ['a peer with two kinds', { egress: [{ action: 'Deny' as const, to: rawPeer({ namespaces: {}, nodes: {} }) }] }, 'spec.egress[0].to[0]: Too many: 2: must have at most 1 item'],
    ['an invalid label key', { subject: Namespaces.withLabels({ 'bad key!': 'x' }) }, '[platform/p] spec.subject.namespaces.matchLabels: Invalid value: "bad key!"'],
  ])('%s', (_name, props, message) => {
    expect(errorOf(props)).toContain(message);
  });

  test.each([
    ['a priority that is not an integer', '/spec/priority', 1.5, {}, 'spec.priority: Invalid value: "number": spec.priority in body must be of type integer: "number"'],
    ['a tier that does not exist', '/spec/tier', 'Platform', {}, 'spec.tier: Unsupported value: "Platform": supported values: "Admin", "Baseline"'],
    [
      'an action that does not exist',
      '/spec/ingress/0/action',
      'Allow',
      { ingress: [{ action: 'Deny' as const, from: everyNamespace }] },
      'spec.ingress[0].action: Unsupported value: "Allow": supported values: "Accept", "Deny", "Pass"',
    ],
  ])('%s (written by an escape hatch: the props refuse it at construction)', (_name, path, value, props, message) => {
    expect(errorAfterPatch(path, value, props)).toContain(message);
  });

  test('a construct id that is not a DNS subdomain name', () => {
    const chart = platformChart();
    new ClusterNetworkPolicy(chart, 'Deny_Metadata', base);
    expect(synthError(() => Testing.synth(chart))).toMatch(/\[platform\/Deny_Metadata\] metadata\.name: Invalid value: "Deny_Metadata"/);
  });

  test('after a blocking error (here an unsupported tier) the CEL rules are not checked, as the API server does', () => {
    const message = errorAfterPatch('/spec/tier', 'Platform', { ingress: [{ action: 'Deny', from: everyNamespace, ports: [Port.tcpRange(90, 80)] }] });
    expect(message).toContain(`[platform/p] ${NOT_CHECKED}`);
    expect(message).not.toContain('Start port must be less than End port');
  });

  test('an out-of-range priority is not blocking: the CEL rules are still checked', () => {
    const message = errorOf({ priority: 2000, ingress: [{ action: 'Deny', from: everyNamespace, ports: [Port.tcpRange(90, 80)] }] });
    expect(message).toContain('Start port must be less than End port');
    expect(message).not.toContain(NOT_CHECKED);
  });
});

describe('the CEL rules, at synth', () => {
  test('a port range must have start < end (equal is refused too, unlike NetworkPolicy endPort)', () => {
    expect(errorOf({ egress: [{ action: 'Deny', to: everyNamespace, ports: [Port.tcpRange(8080, 8080)] }] })).toContain(
      '[platform/p] spec.egress[0].protocols[0].tcp.destinationPort.range: Invalid value: "object": Start port must be less than End port',
    );
  });

  test('networks must be CIDRs as Go parses them', () => {
    expect(errorOf({ egress: [{ action: 'Deny', to: IpRange.cidr('10.0.0.0/08') }] })).toContain(
      '[platform/p] spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided',
    );
  });

  test('no named port with networks, nodes or domainNames peers (experimental channel)', () => {
    expect(errorOf({ egress: [{ action: 'Deny', to: [Workload.allIn('a'), IpRange.cloudMetadata()], ports: [Port.named('http')] }] })).toContain(
      '[platform/p] spec.egress[0]: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
    );
  });

  test('the standard channel has no such rule, so a named port with networks passes there', () => {
    const chart = platformChart({ crdChannel: 'standard' });
    new ClusterNetworkPolicy(chart, 'p', { ...base, egress: [{ action: 'Deny', to: IpRange.cloudMetadata(), ports: [Port.named('http')] }] });
    expect(synthQuietly(chart).warnings).toEqual([]);
  });
});

describe('experimental fields', () => {
  test('against the standard-channel CRD they are errors', () => {
    expect(errorOf({ egress: [{ action: 'Accept', to: Nodes.all() }] }, { crdChannel: 'standard' })).toContain(
      '[platform/p] spec.egress[0].to[0].nodes: Invalid value: {}: unknown field; valid fields here are "namespaces", "networks", "pods"',
    );
    expect(errorOf({ egress: [{ action: 'Accept', to: DomainNames.of('example.com') }] }, { crdChannel: 'standard' })).toContain(
      '[platform/p] spec.egress[0].to[0].domainNames: Invalid value: ["example.com"]: unknown field; valid fields here are "namespaces", "networks", "pods"',
    );
  });

  test('against the experimental channel (the default) each is a warning naming the CNI that lacks it', () => {
    const chart = platformChart();
    new ClusterNetworkPolicy(chart, 'p', { ...base, egress: [{ action: 'Accept', to: [Nodes.all(), DomainNames.of('example.com')] }] });
    expect(synthQuietly(chart).warnings).toEqual([
      'Warning: platform/p: spec.egress[0].to[0].nodes: is an experimental-channel field: the standard-channel CRD does not have it; network-policy-api site-src/implementations.md lists Calico v3.32 with standard-channel support only, so Calico does not implement it\n',
      'Warning: platform/p: spec.egress[0].to[1].domainNames: is an experimental-channel field: the standard-channel CRD does not have it; network-policy-api site-src/implementations.md lists Calico v3.32 with standard-channel support only, so Calico does not implement it\n',
    ]);
  });

  test('domainNames in a Deny rule: a warning, the field doc supports it for Accept only', () => {
    const chart = platformChart();
    new ClusterNetworkPolicy(chart, 'p', { ...base, egress: [{ action: 'Deny', to: DomainNames.of('example.com') }] });
    expect(synthQuietly(chart).warnings).toContain(
      'Warning: platform/p: spec.egress[0]: a "Deny" rule has a domainNames peer, but "DomainNames is only supported for Accept rules" (network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go ClusterNetworkPolicyEgressPeer.DomainNames; the API server accepts it)\n',
    );
  });
});

describe('the same tier and priority', () => {
  test('two policies of one tier with one priority: each is warned about, naming the other', () => {
    const chart = platformChart();
    new AdminDenyEgressTo(chart, 'deny-metadata', { priority: 10, to: IpRange.cloudMetadata() });
    new AdminPassTo(chart, 'pass-tenants', { priority: 10, from: Namespaces.withLabels({ tenant: 'blue' }) });
    expect(synthQuietly(chart).warnings).toEqual([
      'Warning: platform/deny-metadata: spec.priority: Admin-tier 10 is also the priority of platform/pass-tenants: where both match a connection, the implementation may apply either and which one is undefined (network-policy-api ClusterNetworkPolicySpec.Priority); give each a unique priority\n',
      'Warning: platform/pass-tenants: spec.priority: Admin-tier 10 is also the priority of platform/deny-metadata: where both match a connection, the implementation may apply either and which one is undefined (network-policy-api ClusterNetworkPolicySpec.Priority); give each a unique priority\n',
    ]);
  });

  test('the same priority in different tiers is fine', () => {
    const chart = platformChart();
    new BaselineDefaultDeny(chart, 'deny', { priority: 10 });
    new AdminDenyEgressTo(chart, 'deny-metadata', { priority: 10, to: IpRange.cloudMetadata() });
    expect(synthQuietly(chart).warnings).toEqual([]);
  });

  test('warnings print once per app, not once per pass', () => {
    const chart = platformChart();
    new ClusterNetworkPolicy(chart, 'p', { ...base, egress: [{ action: 'Accept', to: Nodes.all() }] });
    const app = chart.node.root as App;
    expect(captureWarnings(() => app.synthYaml())).toHaveLength(1);
  });
});
