import { JsonPatch, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import {
  AdminAllowFrom,
  AdminDenyEgressTo,
  AdminPassTo,
  AllowApiServer,
  AllowDns,
  AllowFrom,
  AllowMetricsScrape,
  AllowSameNamespace,
  AllowTo,
  AllowTraffic,
  BaselineAllowDns,
  BaselineDefaultDeny,
  ClusterNetworkPolicy,
  ClusterPolicyChart,
  ConstructInputError,
  DefaultDeny,
  DnsProvider,
  DomainNames,
  ExternalHttps,
  IpRange,
  Isolate,
  LabelExpression,
  NamespacePolicyChart,
  Namespaces,
  NetworkPolicy,
  Nodes,
  Port,
  Service,
  Workload,
} from '../../lib';
import { platformChart, productionChart, specOf, synthError } from './synth-helpers';

/*
 * Calls shaped as plain JavaScript makes them (no type checker): each goes through `any`, so
 * the test says what a JavaScript user would write, and the construct must refuse it by name.
 */

const web = Workload.select({ app: 'web' });
const db = Workload.select({ app: 'db' });
const js = (value: unknown): any => value;

/** The ConstructInputError `create` throws (fails the test when it throws something else or nothing). */
function refusal(create: () => unknown): ConstructInputError {
  try {
    create();
  } catch (error) {
    if (error instanceof ConstructInputError) {
      return error;
    }
    throw new Error(`expected a ConstructInputError, got ${String(error)}`);
  }
  throw new Error('expected a ConstructInputError, but nothing was thrown');
}

describe('the three defects of the hostile-input run (#15)', () => {
  test('from: null names the construct, the prop and what would be valid', () => {
    const error = refusal(() => new AllowFrom(productionChart(), 'allow-web', js({ pods: db, from: null })));
    expect(error.message).toBe(
      '[production/allow-web] from: Invalid value: null: must be a Workload, Namespaces, IpRange, Service, Peer.anywhere(), an IPeer or a cdk8s-plus ' +
        'Deployment, StatefulSet, DaemonSet, Job, Pod or Service, or a list of them',
    );
    expect([error.code, error.constructPath, error.field]).toEqual(['WRONG_TYPE', 'production/allow-web', 'from']);
  });

  test('omitting the required pods is refused, not read as every pod', () => {
    const error = refusal(() => new AllowFrom(productionChart(), 'allow-web', js({ from: web })));
    expect(error.message).toBe(
      '[production/allow-web] pods: Required value: give a Workload (Workload.select, Workload.all, Workload.allIn), a Service (Service.select) or a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, Pod or Service',
    );
    expect(error.code).toBe('REQUIRED_PROP');
  });

  test("direction: 'Ingress' (wrong case) is refused, naming the value meant", () => {
    const error = refusal(() => new DefaultDeny(productionChart(), 'deny', js({ direction: 'Ingress' })));
    expect(error.message).toBe(
      '[production/deny] direction: Unsupported value: "Ingress": supported values: "ingress", "egress", "both" (did you mean "ingress"? the values are case-sensitive)',
    );
    expect(error.code).toBe('UNSUPPORTED_VALUE');
  });
});

describe('every construct checks its props: a null, a missing required prop, an unknown value, a wrong type', () => {
  const p = () => productionChart();
  const c = () => platformChart();
  const cases: Array<[string, () => unknown, string]> = [
    ['NetworkPolicy: props null', () => new NetworkPolicy(p(), 'x', js(null)), '[production/x] props: Invalid value: null: must be props { pods?, ingress?, egress?, direction?, enforcement?, acknowledge?, acknowledgeReason? }'],
    ['NetworkPolicy: ingress not a list', () => new NetworkPolicy(p(), 'x', js({ ingress: { from: web } })), '[production/x] ingress: Invalid value: an object: must be a list of ingress rules { from?, ports? }'],
    ['NetworkPolicy: ingress [null]', () => new NetworkPolicy(p(), 'x', js({ ingress: [null] })), '[production/x] ingress[0]: Invalid value: null: must be an ingress rule { from?, ports? }'],
    ['NetworkPolicy: a Port where a rule goes', () => new NetworkPolicy(p(), 'x', js({ egress: [Port.tcp(80)] })), '[production/x] egress[0]: Invalid value: an object of type Port: must be an egress rule { to?, ports? }'],
    ['NetworkPolicy: ports [null]', () => new NetworkPolicy(p(), 'x', js({ ingress: [{ from: web, ports: [null] }] })), '[production/x] ingress[0].ports[0]: Invalid value: null: must be a Port'],
    ['NetworkPolicy: a port number where a Port goes', () => new NetworkPolicy(p(), 'x', js({ ingress: [{ ports: [80] }] })), '[production/x] ingress[0].ports[0]: Invalid value: 80: must be a Port (Port.tcp(443)'],
    ["NetworkPolicy: direction 'Both'", () => new NetworkPolicy(p(), 'x', js({ direction: 'Both' })), '[production/x] direction: Unsupported value: "Both": supported values: "ingress", "egress", "both" (did you mean "both"?'],
    ['NetworkPolicy: pods a label object', () => new NetworkPolicy(p(), 'x', js({ pods: { app: 'web' } })), '[production/x] pods: Invalid value: an object: must be a Workload'],
    ['NetworkPolicy.addIngress(null)', () => new NetworkPolicy(p(), 'x', { ingress: [{ from: web }] }).addIngress(js(null)), '[production/x] ingress[1]: Invalid value: null: must be an ingress rule'],
    ['NetworkPolicy.addEgress: to a string', () => new NetworkPolicy(p(), 'x').addEgress(js({ to: 'db' })), '[production/x] egress[0].to: Invalid value: "db": must be a Workload'],
    ['AllowFrom: no props', () => new AllowFrom(p(), 'x', js(undefined)), '[production/x] pods: Required value'],
    ['AllowFrom: from missing', () => new AllowFrom(p(), 'x', js({ pods: db })), '[production/x] from: Required value: give a Workload'],
    ['AllowFrom: one peer of the list wrong', () => new AllowFrom(p(), 'x', js({ pods: db, from: [web, undefined] })), '[production/x] from[1]: Invalid value: undefined: must be a Workload'],
    ['AllowFrom: ports a single Port', () => new AllowFrom(p(), 'x', js({ pods: db, from: web, ports: Port.tcp(80) })), '[production/x] ports: Invalid value: an object of type Port: must be a list of Ports'],
    ['AllowTo: to null', () => new AllowTo(p(), 'x', js({ pods: web, to: null })), '[production/x] to: Invalid value: null: must be a Workload'],
    ['AllowTo: pods null', () => new AllowTo(p(), 'x', js({ pods: null, to: db })), '[production/x] pods: Invalid value: null: must be a Workload'],
    ['DefaultDeny: pods null (optional: leave it out)', () => new DefaultDeny(p(), 'x', js({ pods: null })), '[production/x] pods: Invalid value: null: must be a Workload (Workload.select, Workload.all, Workload.allIn), a Service (Service.select) or a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, Pod or Service; leave the prop out for its default'],
    ['Isolate: pods missing', () => new Isolate(p(), 'x', js({})), '[production/x] pods: Required value'],
    ['Isolate: a Workload as the props', () => new Isolate(p(), 'x', js(web)), '[production/x] props: Invalid value: an object of type Workload: must be props { pods, enforcement?, acknowledge?, acknowledgeReason? }'],
    ['AllowDns: provider a string', () => new AllowDns(p(), 'x', js({ provider: 'coredns' })), '[production/x] provider: Invalid value: "coredns": must be a DnsProvider'],
    ['AllowSameNamespace: direction egres', () => new AllowSameNamespace(p(), 'x', js({ direction: 'egres' })), '[production/x] direction: Unsupported value: "egres": supported values: "ingress", "egress", "both"'],
    ['AllowApiServer: addresses a string', () => new AllowApiServer(p(), 'x', js({ addresses: '10.0.0.1' })), '[production/x] addresses: Invalid value: "10.0.0.1": must be a list of IP addresses or CIDRs'],
    ['AllowMetricsScrape: port missing', () => new AllowMetricsScrape(p(), 'x', js({ pods: web })), '[production/x] port: Required value: give a Port'],
    ['AllowMetricsScrape: a label value not a string', () => new AllowMetricsScrape(p(), 'x', js({ pods: web, port: Port.tcp(9090), scraperLabels: { app: 1 } })), '[production/x] scraperLabels.app: Invalid value: 1: must be a string'],
    ['ExternalHttps: pods missing', () => new ExternalHttps(p(), 'x', js({})), '[production/x] pods: Required value'],
    ["ExternalHttps: ipv4 'false'", () => new ExternalHttps(p(), 'x', js({ pods: web, ipv4: 'false' })), '[production/x] ipv4: Invalid value: "false": must be true or false'],
    ['ExternalHttps: an except not a string', () => new ExternalHttps(p(), 'x', js({ pods: web, ipv4Except: ['10.0.0.0/8', 7] })), '[production/x] ipv4Except[1]: Invalid value: 7: must be a string'],
    ['AllowTraffic: from null', () => new AllowTraffic(Testing.app(), 'x', js({ from: null, to: web })), '[x] from: Invalid value: null: must be a Workload (Workload.select, Workload.all, Workload.allIn), a Service (Service.select) or a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, Pod or Service, or an IpRange'],
    ['AllowTraffic: to missing', () => new AllowTraffic(Testing.app(), 'x', js({ from: web })), '[x] to: Required value'],
    ['NamespacePolicyChart: namespace missing', () => new NamespacePolicyChart(Testing.app(), 'x', js({})), '[x] namespace: Required value: give a string'],
    ['NamespacePolicyChart: baseline "yes"', () => new NamespacePolicyChart(Testing.app(), 'x', js({ namespace: 'x', baseline: 'yes' })), '[x] baseline: Invalid value: "yes": must be true or false'],
    ['ClusterPolicyChart: crdChannel Standard', () => new ClusterPolicyChart(Testing.app(), 'x', js({ crdChannel: 'Standard' })), '[x] crdChannel: Unsupported value: "Standard": supported values: "standard", "experimental" (did you mean "standard"?'],
    ['ClusterNetworkPolicy: tier admin', () => new ClusterNetworkPolicy(c(), 'x', js({ tier: 'admin', priority: 1, subject: Namespaces.all() })), '[platform/x] tier: Unsupported value: "admin": supported values: "Admin", "Baseline" (did you mean "Admin"?'],
    ['ClusterNetworkPolicy: priority "1"', () => new ClusterNetworkPolicy(c(), 'x', js({ tier: 'Admin', priority: '1', subject: Namespaces.all() })), '[platform/x] priority: Invalid value: "1": must be a whole number'],
    ['ClusterNetworkPolicy: subject missing', () => new ClusterNetworkPolicy(c(), 'x', js({ tier: 'Admin', priority: 1 })), '[platform/x] subject: Required value: give Namespaces or a Workload with its namespace'],
    ['ClusterNetworkPolicy: a list as the subject', () => new ClusterNetworkPolicy(c(), 'x', js({ tier: 'Admin', priority: 1, subject: [Namespaces.all()] })), '[platform/x] subject: Invalid value: a list of 1: must be Namespaces or a Workload'],
    ['ClusterNetworkPolicy: action accept', () => new ClusterNetworkPolicy(c(), 'x', js({ tier: 'Admin', priority: 1, subject: Namespaces.all(), ingress: [{ action: 'accept', from: Namespaces.all() }] })), '[platform/x] ingress[0].action: Unsupported value: "accept": supported values: "Accept", "Deny", "Pass" (did you mean "Accept"?'],
    ['ClusterNetworkPolicy: a rule without peers', () => new ClusterNetworkPolicy(c(), 'x', js({ tier: 'Admin', priority: 1, subject: Namespaces.all(), egress: [{ action: 'Deny' }] })), '[platform/x] egress[0].to: Required value: give Namespaces'],
    ['ClusterNetworkPolicy.addEgress: name a number', () => new ClusterNetworkPolicy(c(), 'x', { tier: 'Admin', priority: 1, subject: Namespaces.all() }).addEgress(js({ action: 'Deny', to: Namespaces.all(), name: 7 })), '[platform/x] egress[0].name: Invalid value: 7: must be a string'],
    ['AdminDenyEgressTo: priority missing', () => new AdminDenyEgressTo(c(), 'x', js({ to: IpRange.cloudMetadata() })), '[platform/x] priority: Required value: give a whole number'],
    ['AdminDenyEgressTo: to null', () => new AdminDenyEgressTo(c(), 'x', js({ priority: 1, to: null })), '[platform/x] to: Invalid value: null: must be Namespaces'],
    ['AdminAllowFrom: from missing', () => new AdminAllowFrom(c(), 'x', js({ priority: 1 })), '[platform/x] from: Required value'],
    ['AdminPassTo: ports a Port', () => new AdminPassTo(c(), 'x', js({ priority: 1, to: Namespaces.all(), ports: Port.tcp(1) })), '[platform/x] ports: Invalid value: an object of type Port: must be a list of Ports'],
    ['BaselineDefaultDeny: priority NaN', () => new BaselineDefaultDeny(c(), 'x', js({ priority: NaN })), '[platform/x] priority: Invalid value: NaN: must be a whole number'],
    ['BaselineDefaultDeny: namespaces a name', () => new BaselineDefaultDeny(c(), 'x', js({ namespaces: 'shop' })), '[platform/x] namespaces: Invalid value: "shop": must be Namespaces'],
    ['BaselineAllowDns: priority missing', () => new BaselineAllowDns(c(), 'x', js({})), '[platform/x] priority: Required value'],
  ];
  test.each(cases)('%s', (_name, create, message) => {
    expect(refusal(create).message).toContain(message);
  });
});

describe('enforcement, acknowledge and Services as pods and peers are checked too', () => {
  const cases: Array<[string, () => unknown, string, string]> = [
    ['NetworkPolicy: enforcement null', () => new NetworkPolicy(productionChart(), 'x', js({ enforcement: null })), 'WRONG_TYPE', '[production/x] enforcement: Invalid value: null: must be "enforced" or "staged"; leave the prop out for its default'],
    ["AllowFrom: enforcement 'Staged'", () => new AllowFrom(productionChart(), 'x', js({ pods: db, from: web, enforcement: 'Staged' })), 'INVALID_ENFORCEMENT', '[production/x] enforcement: Unsupported value: "Staged": supported values: "enforced", "staged"'],
    ['Isolate: enforcement true', () => new Isolate(productionChart(), 'x', js({ pods: db, enforcement: true })), 'INVALID_ENFORCEMENT', '[production/x] enforcement: Unsupported value: true: supported values: "enforced", "staged"'],
    ['NamespacePolicyChart: enforcement 1', () => new NamespacePolicyChart(Testing.app(), 'x', js({ namespace: 'x', enforcement: 1 })), 'INVALID_ENFORCEMENT', '[x] enforcement: Unsupported value: 1: supported values: "enforced", "staged"'],
    ['AllowTo: acknowledge one rule id, not a list', () => new AllowTo(productionChart(), 'x', js({ pods: web, to: db, acknowledge: 'half-open-flow' })), 'WRONG_TYPE', '[production/x] acknowledge: Invalid value: "half-open-flow": must be a list of rule ids (docs/rules/)'],
    ['NetworkPolicy: acknowledge [null]', () => new NetworkPolicy(productionChart(), 'x', js({ acknowledge: [null] })), 'WRONG_TYPE', '[production/x] acknowledge[0]: Invalid value: null: must be a string'],
    ['AllowFrom: acknowledgeReason a number', () => new AllowFrom(productionChart(), 'x', js({ pods: db, from: web, acknowledge: ['half-open-flow'], acknowledgeReason: 7 })), 'WRONG_TYPE', '[production/x] acknowledgeReason: Invalid value: 7: must be a string'],
    ['ExternalHttps: acknowledge a string', () => new ExternalHttps(productionChart(), 'x', js({ pods: web, acknowledge: 'private-ranges-open' })), 'WRONG_TYPE', '[production/x] acknowledge: Invalid value: "private-ranges-open": must be a list of rule ids (docs/rules/)'],
    ['Port.service(null)', () => Port.service(js(null)), 'WRONG_TYPE', '[Port.service] port: Invalid value: null: must be a string, or a whole number'],
    ['AllowTo: a cdk8s-plus ConfigMap as the peer', () => new AllowTo(productionChart(), 'x', js({ pods: web, to: new kplus33.ConfigMap(productionChart(), 'config') })), 'WRONG_TYPE', '[production/x] to: Invalid value: an object of type ConfigMap: must be a Workload, Namespaces, IpRange, Service,'],
  ];
  test.each(cases)('%s', (_name, create, code, message) => {
    const error = refusal(create);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  test.each([
    ['cdk8s-plus-28', (scope: NamespacePolicyChart) => new kplus28.Service(scope, 'api', { ports: [{ port: 80, targetPort: 8080 }], selector: kplus28.Pods.select(scope, 'api-pods', { labels: { app: 'api' } }) })],
    ['cdk8s-plus-33', (scope: NamespacePolicyChart) => new kplus33.Service(scope, 'api', { ports: [{ port: 80, targetPort: 8080 }], selector: kplus33.Pods.select(scope, 'api-pods', { labels: { app: 'api' } }) })],
    ['Service.select', () => Service.select('api', { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }] })],
  ])('a Service of %s is taken as pods and as a peer', (_line, service) => {
    const chart = productionChart();
    const api = service(chart);
    new AllowFrom(chart, 'api-from-web', js({ pods: api, from: web }));
    new AllowTo(chart, 'web-to-api', js({ pods: web, to: [api] }));
    expect(specOf(chart, 'api-from-web')).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
    expect(specOf(chart, 'web-to-api')).toMatchObject({ egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }] });
  });

  test('a cdk8s-plus Service without a selector passes the props check as pods and is still refused at synth as SERVICE_WITHOUT_SELECTOR', () => {
    const chart = productionChart();
    const external = new kplus33.Service(chart, 'external-db', { ports: [{ port: 5432 }] });
    new AllowFrom(chart, 'db-from-web', js({ pods: external, from: web }));
    const error = refusal(() => Testing.synth(chart));
    expect([error.code, error.constructPath, error.field]).toEqual(['SERVICE_WITHOUT_SELECTOR', 'production/db-from-web', 'pods']);
    expect(error.message).toMatch(/^\[production\/db-from-web\] pods: the Service production\/external-db has no selector/);
  });
});

describe('a key a rule or an options object does not have is refused, not dropped', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['a typo in an ingress rule, which would allow every source', () => new NetworkPolicy(productionChart(), 'x', js({ ingress: [{ form: web }] })), '[production/x] ingress[0].form: Invalid value: an object of type Workload: unknown field; valid fields here are "from", "ports"'],
    ["an egress rule's to in an ingress rule", () => new NetworkPolicy(productionChart(), 'x').addIngress(js({ to: web, ports: [Port.tcp(80)] })), '[production/x] ingress[0].to: Invalid value: an object of type Workload: unknown field; valid fields here are "from", "ports"'],
    ["the wire name protocols in a ClusterNetworkPolicy rule", () => new ClusterNetworkPolicy(platformChart(), 'x', js({ tier: 'Admin', priority: 1, subject: Namespaces.all(), egress: [{ action: 'Deny', to: Namespaces.all(), protocols: [Port.tcp(1)] }] })), '[platform/x] egress[0].protocols: Invalid value: a list of 1: unknown field; valid fields here are "action", "to", "ports", "name"'],
    ['a typo in the options of Workload.select', () => Workload.select({ app: 'web' }, js({ namespce: 'shop' })), '[Workload.select] options.namespce: Invalid value: "shop": unknown field; valid fields here are "namespace", "expressions", "namespaceLabels", "namespaceExpressions", "name"'],
  ];
  test.each(cases)('%s', (_name, create, message) => {
    const error = refusal(create);
    expect([error.code, error.message]).toEqual(['UNKNOWN_PROP', message]);
  });
});

describe('the factories check their arguments', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['Port.tcp(null): not every TCP port', () => Port.tcp(js(null)), '[Port.tcp] port: Invalid value: null: must be a whole number'],
    ['Port.udp(undefined)', () => Port.udp(js(undefined)), '[Port.udp] port: Required value: give a whole number'],
    ['Port.tcp(NaN), which JSON writes as null', () => Port.tcp(NaN), '[Port.tcp] port: Invalid value: NaN: must be a whole number'],
    ['Port.sctp("80")', () => Port.sctp(js('80')), '[Port.sctp] port: Invalid value: "80": must be a whole number'],
    ['Port.tcpRange(80, Infinity)', () => Port.tcpRange(80, Infinity), '[Port.tcpRange] to: Invalid value: Infinity: must be a whole number'],
    ["Port.range('tcp', ...)", () => Port.range(js('tcp'), 1, 2), '[Port.range] protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP" (did you mean "TCP"?'],
    ['Port.named(8080)', () => Port.named(js(8080)), '[Port.named] name: Invalid value: 8080: must be a string'],
    ['Workload.select(null)', () => Workload.select(js(null)), '[Workload.select] labels: Invalid value: null: must be an object of label keys to string values'],
    ['Workload.select with a number label', () => Workload.select(js({ app: 1 })), '[Workload.select] labels.app: Invalid value: 1: must be a string'],
    ['Workload.select: namespace a number', () => Workload.select({ app: 'x' }, js({ namespace: 7 })), '[Workload.select] options.namespace: Invalid value: 7: must be a string'],
    ['Workload.select: expressions not LabelExpressions', () => Workload.select({ app: 'x' }, js({ expressions: [{ key: 'a', operator: 'Exists' }] })), '[Workload.select] options.expressions[0]: Invalid value: an object: must be a LabelExpression'],
    ['Workload.allIn()', () => Workload.allIn(js(undefined)), '[Workload.allIn] namespace: Required value'],
    ['Workload.of({})', () => Workload.of(js({})), '[Workload.of] pod: Invalid value: an object: must be a cdk8s-plus Deployment'],
    ['Namespaces.named(1)', () => Namespaces.named(js(1)), '[Namespaces.named] names[0]: Invalid value: 1: must be a string'],
    ['Namespaces.withLabels(undefined)', () => Namespaces.withLabels(js(undefined)), '[Namespaces.withLabels] labels: Required value'],
    ['Namespaces.select(null)', () => Namespaces.select(js(null)), '[Namespaces.select] options: Invalid value: null: must be options { labels?, expressions? }'],
    ['Namespaces.all().excluding(null)', () => Namespaces.all().excluding(js(null)), '[Namespaces.excluding] names[0]: Invalid value: null: must be a string'],
    ['Nodes.withLabels([])', () => Nodes.withLabels(js([])), '[Nodes.withLabels] labels: Invalid value: a list of 0: must be an object of label keys'],
    ['DomainNames.of(null)', () => DomainNames.of(js(null)), '[DomainNames.of] names[0]: Invalid value: null: must be a string'],
    ['IpRange.cidr(null)', () => IpRange.cidr(js(null)), '[IpRange.cidr] cidr: Invalid value: null: must be a string'],
    ['IpRange.cidr: except a string', () => IpRange.cidr('10.0.0.0/8', js({ except: '10.1.0.0/16' })), '[IpRange.cidr] options.except: Invalid value: "10.1.0.0/16": must be a list of CIDRs'],
    ['IpRange.address(7)', () => IpRange.address(js(7)), '[IpRange.address] ip: Invalid value: 7: must be a string'],
    ['IpRange.addressOrCidr(undefined)', () => IpRange.addressOrCidr(js(undefined)), '[IpRange.addressOrCidr] text: Required value'],
    ["LabelExpression.in('k', 'a')", () => LabelExpression.in('k', js('a')), '[LabelExpression.in] values: Invalid value: "a": must be a list of strings'],
    ['LabelExpression.exists(null)', () => LabelExpression.exists(js(null)), '[LabelExpression.exists] key: Invalid value: null: must be a string'],
    ['DnsProvider.custom({})', () => DnsProvider.custom(js({})), '[DnsProvider.custom] options.peers: Required value'],
    ['DnsProvider.nodeLocal({ address: 1 })', () => DnsProvider.nodeLocal(js({ address: 1 })), '[DnsProvider.nodeLocal] options.address: Invalid value: 1: must be a string'],
    ['Service.select without options', () => Service.select('api', js(undefined)), '[Service.select("api")] selector: the Service has no selector'],
    ['Service.select(name, null)', () => Service.select('api', js(null)), '[Service.select("api")] props: Invalid value: null: must be props { namespace?, selector?, ports? }'],
    ['Service.select: ports one port, not a list', () => Service.select('api', js({ selector: { app: 'api' }, ports: { port: 80 } })), '[Service.select("api")] ports: Invalid value: an object: must be a list of ports'],
  ];
  test.each(cases)('%s', (_name, create, message) => {
    expect(refusal(create).message).toContain(message);
  });

  test('ranges are left to synth, which names the construct, the field and the valid range', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'negative', { pods: db, from: web, ports: [Port.tcp(-1)] });
    expect(synthError(() => Testing.synth(chart))).toContain(
      '[production/negative] spec.ingress[0].ports[0].port: Invalid value: -1: must be between 1 and 65535, inclusive',
    );
  });
});

describe('what the types allow still works', () => {
  test('every optional prop left out, or given as undefined', () => {
    const chart = productionChart();
    new DefaultDeny(chart, 'deny');
    new NetworkPolicy(chart, 'np', { pods: undefined, ingress: undefined, direction: undefined });
    new AllowFrom(chart, 'allow', { pods: db, from: [web, Namespaces.named('monitoring')], ports: undefined });
    expect(specOf(chart, 'allow')).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }],
    });
  });

  test('an escape hatch still reaches the synth-time validation', () => {
    const chart = productionChart();
    new DefaultDeny(chart, 'deny').addJsonPatch(JsonPatch.replace('/spec/policyTypes', ['ingress']));
    expect(synthError(() => Testing.synth(chart))).toContain('[production/deny] spec.policyTypes[0]: Unsupported value: "ingress"');
  });
});
