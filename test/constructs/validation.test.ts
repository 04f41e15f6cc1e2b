import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  AllowDns,
  AllowFrom,
  AllowTo,
  ConstructInputError,
  DefaultDeny,
  ExternalHttps,
  IpRange,
  NamespacePolicyChart,
  Namespaces,
  Port,
  Workload,
} from '../../lib';
import { captureWarnings, productionChart, synthError } from './synth-helpers';

const web = Workload.select({ app: 'web-api' });
const db = Workload.select({ app: 'postgres' });

describe('every synthesis path refuses an invalid policy', () => {
  function badPortApp(): { app: App; chart: NamespacePolicyChart } {
    const chart = productionChart();
    new AllowFrom(chart, 'bad-port', { pods: db, from: web, ports: [Port.tcp(70000)] });
    return { app: chart.node.root as App, chart };
  }
  const expected = '[production/bad-port] spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive';

  test('Testing.synth', () => {
    const { chart } = badPortApp();
    expect(synthError(() => Testing.synth(chart))).toContain(expected);
  });
  test('chart.toJson()', () => {
    const { chart } = badPortApp();
    expect(synthError(() => chart.toJson())).toContain(expected);
  });
  test('app.synth()', () => {
    const { app } = badPortApp();
    expect(synthError(() => app.synth())).toContain(expected);
  });
  test('app.synthYaml()', () => {
    const { app } = badPortApp();
    expect(synthError(() => app.synthYaml())).toContain(expected);
  });
  test('the error is reported once, not once per pass', () => {
    const { chart } = badPortApp();
    const message = synthError(() => chart.toJson());
    expect(message.split('spec.ingress[0].ports[0].port').length - 1).toBe(1);
  });
});

describe('refusals name the construct path, the field and what would be valid', () => {
  test.each([
    ['port 0', () => [Port.tcp(0)], 'spec.ingress[0].ports[0].port: Invalid value: 0'],
    ['range end before start', () => [Port.tcpRange(8080, 8000)], 'spec.ingress[0].ports[0].endPort'],
    ['named port that is not an IANA service name', () => [Port.named('HTTP_PORT')], 'spec.ingress[0].ports[0].port'],
  ])('%s', (_name, ports, field) => {
    const chart = productionChart();
    new AllowFrom(chart, 'bad', { pods: db, from: web, ports: ports() });
    expect(synthError(() => Testing.synth(chart))).toContain(`[production/bad] ${field}`);
  });

  test('an invalid label key in the pod selector', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'bad-label', { pods: Workload.select({ 'bad key!': 'x' }), from: web });
    expect(synthError(() => Testing.synth(chart))).toMatch(/\[production\/bad-label\] spec\.podSelector\.matchLabels.*bad key!/);
  });

  test('an invalid label value in a peer', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'bad-value', { pods: db, from: Workload.select({ app: '-web-' }) });
    expect(synthError(() => Testing.synth(chart))).toContain('[production/bad-value] spec.ingress[0].from[0].podSelector.matchLabels');
  });

  test('a construct id that is not a DNS subdomain name is refused when created, saying the id is the name', () => {
    const chart = productionChart();
    let error: unknown;
    try {
      new AllowFrom(chart, 'Allow_Web', { pods: db, from: web });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConstructInputError);
    expect(error).toMatchObject({ code: 'INVALID_NAME', constructPath: 'production/Allow_Web', field: 'metadata.name' });
    expect((error as Error).message).toBe(
      '[production/Allow_Web] metadata.name: Invalid value: "Allow_Web": ' +
        "the construct id is the policy's metadata.name, so it must be a lowercase DNS name, such as \"allow-web\"; " +
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
    expect(chart.node.tryFindChild('Allow_Web')).toBeUndefined();
    // Without a usable lowercase form no example is offered.
    expect(() => new AllowFrom(chart, '_', { pods: db, from: web })).toThrow(
      /^\[production\/_\] metadata\.name: Invalid value: "_": the construct id is the policy's metadata\.name, so it must be a lowercase DNS name; a lowercase RFC 1123/,
    );
    expect(() => new DefaultDeny(chart, 'x'.repeat(254))).toThrow(/so it must be a lowercase DNS name; must be no more than 253 characters$/);
  });

  test('a label key with two slashes: the plain rule first, once, in the [path] field: message form', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'two-slashes', { pods: Workload.select({ 'example.com/team/app': 'web' }), from: web });
    expect(synthError(() => Testing.synth(chart))).toBe(
      'Validation failed with the following errors:\n' +
        '  [production/two-slashes] spec.podSelector.matchLabels: Invalid value: "example.com/team/app": ' +
        "a label key has at most one '/' (between an optional DNS-name prefix and the name): " +
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') " +
        "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
  });

  test('an unparsable CIDR', () => {
    const chart = productionChart();
    new AllowTo(chart, 'bad-cidr', { pods: web, to: IpRange.cidr('10.0.0.0/33') });
    expect(synthError(() => Testing.synth(chart))).toContain('[production/bad-cidr] spec.egress[0].to[0].ipBlock.cidr');
  });

  test('an except outside the CIDR', () => {
    const chart = productionChart();
    new AllowTo(chart, 'bad-except', { pods: web, to: IpRange.cidr('10.0.0.0/16', { except: ['192.168.0.0/24'] }) });
    expect(synthError(() => Testing.synth(chart))).toContain('[production/bad-except] spec.egress[0].to[0].ipBlock.except[0]');
  });

  test('an except equal to the CIDR', () => {
    const chart = productionChart();
    new ExternalHttps(chart, 'bad-https', { pods: web, ipv4Except: ['0.0.0.0/0'] });
    expect(synthError(() => Testing.synth(chart))).toContain('[production/bad-https] spec.egress[0].to[0].ipBlock.except[0]');
  });

  test('duplicate policy names in one namespace, across charts', () => {
    const app = Testing.app();
    const first = new NamespacePolicyChart(app, 'shop-a', { namespace: 'shop' });
    const second = new NamespacePolicyChart(app, 'shop-b', { namespace: 'shop' });
    new AllowFrom(first, 'allow-web', { pods: db, from: web });
    new AllowFrom(second, 'allow-web', { pods: db, from: web, ports: [Port.tcp(5432)] });
    const message = synthError(() => app.synthYaml());
    expect(message).toContain('[shop-b/allow-web] metadata.name: Duplicate value: "allow-web"');
    expect(message).toContain('shop-a/allow-web');
  });

  test('the same name in different namespaces is fine', () => {
    const app = Testing.app();
    new AllowFrom(new NamespacePolicyChart(app, 'a', { namespace: 'a' }), 'allow-web', { pods: db, from: web });
    new AllowFrom(new NamespacePolicyChart(app, 'b', { namespace: 'b' }), 'allow-web', { pods: db, from: web });
    expect(() => captureWarnings(() => app.synthYaml())).not.toThrow();
  });

  test('a duplicate of a hand-written L1 policy is refused too', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'allow-web', { pods: db, from: web });
    new k8s.KubeNetworkPolicy(chart, 'hand-written', { metadata: { name: 'allow-web' }, spec: { podSelector: {} } });
    expect(synthError(() => Testing.synth(chart))).toContain('[production/hand-written] metadata.name: Duplicate value: "allow-web"');
  });
});

describe('refusals at construction', () => {
  test('a policy without a namespace', () => {
    expect(() => new DefaultDeny(new Chart(Testing.app(), 'plain'), 'deny')).toThrow(
      'plain/deny: a NetworkPolicy needs a namespace: define it in a NamespacePolicyChart or a Chart with a namespace',
    );
  });

  test('pods in another namespace than the policy', () => {
    const chart = productionChart();
    expect(() => new AllowFrom(chart, 'x', { pods: Workload.select({ app: 'a' }, { namespace: 'other' }), from: web })).toThrow(
      'production/x: pods: a NetworkPolicy applies to pods of its own namespace "production", but the workload is in "other"',
    );
  });

  test('an empty peer list, which would allow every peer', () => {
    const chart = productionChart();
    expect(() => new AllowFrom(chart, 'x', { pods: db, from: [] })).toThrow('production/x: ingress[0].from: give at least one peer');
    expect(() => new AllowTo(chart, 'y', { pods: db, to: [] })).toThrow('production/y: egress[0].to: give at least one peer');
  });

  test('empty selectors that would silently mean "everything"', () => {
    expect(() => Workload.select({})).toThrow('Workload.select: labels must not be empty');
    expect(() => Namespaces.withLabels({})).toThrow('Namespaces.withLabels: labels must not be empty');
    expect(() => Namespaces.named()).toThrow('Namespaces.named: give at least one namespace name');
  });

  test('an address that is not an IP', () => {
    expect(() => IpRange.address('10.0.0.256')).toThrow('IpRange.address: "10.0.0.256" is not an IP address');
  });
});

describe('lint warnings print once and do not fail', () => {
  test('egress default deny without DNS warns about the namespace', () => {
    const chart = productionChart();
    new DefaultDeny(chart, 'default-deny-all');
    const warnings = captureWarnings(() => (chart.node.root as App).synth());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Warning: production\/default-deny-all: spec\.podSelector: DNS is blocked/);
  });

  test('with AllowDns there is no warning', () => {
    const chart = productionChart();
    new DefaultDeny(chart, 'default-deny-all');
    new AllowDns(chart, 'allow-dns');
    expect(captureWarnings(() => (chart.node.root as App).synth())).toEqual([]);
  });

  test('custom excepts that leave private ranges open warn, naming the ranges', () => {
    const chart = productionChart();
    new ExternalHttps(chart, 'web-https', { pods: web, ipv4Except: ['10.0.0.0/8'] });
    const warnings = captureWarnings(() => Testing.synth(chart));
    expect(warnings).toEqual([
      'Warning: production/web-https: spec.egress[0].to[0].ipBlock.except: 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, 100.64.0.0/10 stay reachable; add them to the excepts unless the pods must reach internal addresses (rule private-ranges-open; acknowledge: [\'private-ranges-open\'] accepts it)\n',
    ]);
  });

  test("acknowledge: ['private-ranges-open'] accepts the open ranges for that construct only", () => {
    const chart = productionChart();
    new ExternalHttps(chart, 'accepted', { pods: web, ipv4Except: ['10.0.0.0/8'], acknowledge: ['private-ranges-open'] });
    new ExternalHttps(chart, 'not-accepted', { pods: web, ipv4Except: ['10.0.0.0/8'] });
    const warnings = captureWarnings(() => Testing.synth(chart));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Warning: production\/not-accepted: spec.egress\[0\].to\[0\].ipBlock.except: 172.16.0.0\/12/);
  });

  test('acknowledge refuses what is not a rule id, and rules of what the API server refuses', () => {
    expect(() => new ExternalHttps(productionChart(), 'x', { pods: web, acknowledge: ['private-range-open'] })).toThrow(
      'production/x: acknowledge: "private-range-open" is not a rule id that can be acknowledged; see docs/rules/ (rules of what the API server refuses cannot be)',
    );
    expect(() => new ExternalHttps(productionChart(), 'y', { pods: web, acknowledge: ['api-port'] })).toThrow(/"api-port" is not a rule id that can be acknowledged/);
  });

  test('an acknowledgement is written on the object as the netpol.dev/acknowledge annotation', () => {
    const chart = productionChart();
    new ExternalHttps(chart, 'accepted', { pods: web, ipv4Except: ['10.0.0.0/8'], acknowledge: ['private-ranges-open'] });
    const [policy] = Testing.synth(chart);
    expect(policy.metadata.annotations).toEqual({ 'netpol.dev/acknowledge': 'private-ranges-open' });
  });

  test('acknowledge() on any policy silences its lint at synth and records the reason', () => {
    const chart = productionChart();
    const deny = new DefaultDeny(chart, 'default-deny-all');
    expect(captureWarnings(() => Testing.synth(chart)).join('')).toMatch(/DNS is blocked/);
    const quiet = productionChart();
    const acknowledged = new DefaultDeny(quiet, 'default-deny-all');
    acknowledged.acknowledge(['blocked-dns'], 'pods here resolve nothing');
    expect(captureWarnings(() => Testing.synth(quiet))).toEqual([]);
    expect(acknowledged.toJson().metadata.annotations).toEqual({
      'netpol.dev/acknowledge': 'blocked-dns',
      'netpol.dev/acknowledge-reason': 'pods here resolve nothing',
    });
    expect(deny.toJson().metadata.annotations).toBeUndefined();
  });

  test('the default excepts do not warn', () => {
    const chart = productionChart();
    new ExternalHttps(chart, 'web-https', { pods: web });
    expect(captureWarnings(() => Testing.synth(chart))).toEqual([]);
  });
});
