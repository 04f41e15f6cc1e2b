import * as fs from 'fs';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { AllowDns, AllowFrom, AllowTraffic, DefaultDeny, NamespacePolicyChart, NetworkPolicy, NetworkPolicyBase, Port, Workload } from '../../lib';
import { captureWarnings, synthError } from './synth-helpers';

const web = Workload.select({ app: 'web' });
const db = Workload.select({ app: 'postgres' });

/** The files app.synth() wrote. */
function writtenFiles(app: App): string[] {
  return fs.existsSync(app.outdir) ? fs.readdirSync(app.outdir) : [];
}

function chartWithPolicy(app: App, id: string, namespace: string, policy = 'allow-web'): NamespacePolicyChart {
  const chart = new NamespacePolicyChart(app, id, { namespace });
  new AllowFrom(chart, policy, { pods: db, from: web, ports: [Port.tcp(5432)] });
  return chart;
}

describe('the estate checks are kept up to date as charts are built and rendered one by one', () => {
  test('a duplicate name added after a first render is caught, under the later construct path', () => {
    const app = Testing.app();
    const first = chartWithPolicy(app, 'a', 'shop');
    expect(captureWarnings(() => first.toJson())).toEqual([]);
    const second = chartWithPolicy(app, 'b', 'shop');
    expect(synthError(() => second.toJson())).toContain('[b/allow-web] metadata.name: Duplicate value: "allow-web"');
  });

  test('a duplicate added to an already rendered chart is caught when that chart renders again', () => {
    const app = Testing.app();
    const first = chartWithPolicy(app, 'a', 'shop', 'first');
    first.toJson();
    chartWithPolicy(app, 'b', 'shop', 'second').toJson();
    new AllowFrom(first, 'second', { pods: db, from: web });
    expect(synthError(() => first.toJson())).toContain('[a/second] metadata.name: Duplicate value: "second"');
  });

  test('a chart added later is checked: its own errors and the lint of its namespace', () => {
    const app = Testing.app();
    chartWithPolicy(app, 'a', 'a').toJson();
    const later = new NamespacePolicyChart(app, 'later', { namespace: 'later' });
    new DefaultDeny(later, 'default-deny-all');
    const warnings = captureWarnings(() => later.toJson());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Warning: later\/default-deny-all: spec\.podSelector: DNS is blocked/);
  });

  test('a policy that fixes the lint of a namespace is seen in the same turn', () => {
    const app = Testing.app();
    const chart = new NamespacePolicyChart(app, 'a', { namespace: 'a' });
    new DefaultDeny(chart, 'default-deny-all');
    expect(captureWarnings(() => chart.toJson())).toHaveLength(1);
    new AllowDns(chart, 'allow-dns');
    const other = new NamespacePolicyChart(app, 'b', { namespace: 'b' });
    new DefaultDeny(other, 'default-deny-all');
    const warnings = captureWarnings(() => app.synthYaml());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Warning: b\/default-deny-all:/);
  });

  test('a hand-written duplicate in a plain chart is caught in the same turn, under its path', () => {
    const app = Testing.app();
    chartWithPolicy(app, 'a', 'shop').toJson();
    const plain = new Chart(app, 'plain', { namespace: 'shop' });
    new k8s.KubeNetworkPolicy(plain, 'hand-written', { metadata: { name: 'allow-web' }, spec: { podSelector: {} } });
    expect(synthError(() => plain.toJson())).toContain('[plain/hand-written] metadata.name: Duplicate value: "allow-web"');
  });

  test('a removed policy no longer counts as the first of a duplicate name', () => {
    const app = Testing.app();
    const first = chartWithPolicy(app, 'a', 'shop');
    const second = chartWithPolicy(app, 'b', 'shop');
    expect(synthError(() => second.toJson())).toContain('[b/allow-web] metadata.name: Duplicate value');
    first.node.tryRemoveChild('allow-web');
    expect(() => captureWarnings(() => second.toJson())).not.toThrow();
  });

  test('each policy is rendered for the estate checks once while nothing changes', () => {
    const app = Testing.app();
    const charts = [0, 1, 2].map((i) => chartWithPolicy(app, `ns${i}`, `ns${i}`));
    const toSpec = jest.spyOn(NetworkPolicyBase.prototype, 'toSpec');
    try {
      charts.forEach((chart) => chart.toJson());
      charts.forEach((chart) => chart.toJson());
      expect(toSpec).toHaveBeenCalledTimes(3);
    } finally {
      toSpec.mockRestore();
    }
  });
});

describe('constructs that change the estate after a first render', () => {
  test('NetworkPolicy.addEgress after a render: the blocked DNS it causes is seen in the same turn', () => {
    const app = Testing.app();
    const chart = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
    const policy = new NetworkPolicy(chart, 'all-pods', { ingress: [{ from: web, ports: [Port.tcp(80)] }] });
    expect(captureWarnings(() => chart.toJson())).toEqual([]);
    policy.addEgress({ to: db, ports: [Port.tcp(5432)] });
    const warnings = captureWarnings(() => chart.toJson());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Warning: shop\/all-pods: spec\.podSelector: DNS is blocked/);
  });

  test('NetworkPolicy.addIngress after a render: app.synth() refuses the bad rule before writing any file', () => {
    const app = Testing.app();
    const first = new NamespacePolicyChart(app, 'a', { namespace: 'a' });
    new AllowDns(first, 'allow-dns');
    const chart = new NamespacePolicyChart(app, 'b', { namespace: 'b' });
    const policy = new NetworkPolicy(chart, 'api', { pods: db, ingress: [{ from: web }] });
    chart.toJson();
    policy.addIngress({ from: web, ports: [Port.tcp(0)] });
    expect(synthError(() => app.synth())).toContain('[b/api] spec.ingress[1].ports[0].port: Invalid value: 0');
    expect(writtenFiles(app)).toEqual([]);
  });

  test('AllowTraffic after a render: its policy is placed in the estate, a duplicate name across charts is caught', () => {
    const app = Testing.app();
    const plain = new Chart(app, 'plain', { namespace: 'shop-api' });
    new AllowFrom(plain, 'web-to-api-ingress', { pods: db, from: web });
    plain.toJson();
    new NamespacePolicyChart(app, 'shop-web', { namespace: 'shop-web' });
    const apiChart = new NamespacePolicyChart(app, 'shop-api', { namespace: 'shop-api' });
    new AllowTraffic(app, 'web-to-api', {
      from: Workload.select({ app: 'web' }, { namespace: 'shop-web' }),
      to: Workload.select({ app: 'api' }, { namespace: 'shop-api' }),
    });
    expect(synthError(() => apiChart.toJson())).toContain('[shop-api/web-to-api-ingress] metadata.name: Duplicate value: "web-to-api-ingress"');
  });
});

describe('warnings print once', () => {
  test('rendering each chart and then the app prints each warning once', () => {
    const app = Testing.app();
    const charts = ['a', 'b'].map((namespace) => {
      const chart = new NamespacePolicyChart(app, namespace, { namespace });
      new DefaultDeny(chart, 'default-deny-all');
      return chart;
    });
    const warnings = captureWarnings(() => {
      charts.forEach((chart) => chart.toJson());
      charts.forEach((chart) => chart.toJson());
      app.synthYaml();
    });
    expect(warnings).toHaveLength(2);
  });
});

describe('NamespacePolicyChart renders as cdk8s renders a chart', () => {
  /** What cdk8s's own Chart.toJson() returns for the chart (validating the whole app). */
  const cdk8sRender = (chart: Chart): unknown[] => Chart.prototype.toJson.call(chart);

  test('the same objects in the same order, dependencies and nested charts included', () => {
    const app = Testing.app();
    const chart = new NamespacePolicyChart(app, 'shop', { namespace: 'shop', baseline: true });
    const allow = new AllowFrom(chart, 'allow-web', { pods: db, from: web });
    const config = new k8s.KubeConfigMap(chart, 'config', { data: { a: 'b' } });
    const secret = new k8s.KubeSecret(chart, 'secret', { stringData: { a: 'b' } });
    config.node.addDependency(secret);
    allow.node.addDependency(config);
    const nested = new Chart(chart, 'nested');
    new k8s.KubeConfigMap(nested, 'nested-config', {});
    const other = new NamespacePolicyChart(app, 'other', { namespace: 'other' });
    const otherPolicy = new DefaultDeny(other, 'default-deny-all');
    otherPolicy.node.addDependency(allow);
    new AllowDns(other, 'allow-dns');

    const ours = captureWarnings(() => expect(chart.toJson()).toEqual(cdk8sRender(chart)));
    expect(ours).toEqual([]);
    const names = (objects: any[]) => objects.map((object) => `${object.kind}/${object.metadata.name}`);
    expect(names(chart.toJson())).toEqual(names(cdk8sRender(chart)));
    expect(names(other.toJson())).toEqual(names(cdk8sRender(other)));
    expect(names(chart.toJson()).indexOf(`Secret/${secret.name}`)).toBeLessThan(names(chart.toJson()).indexOf(`ConfigMap/${config.name}`));
  });

  test("a construct's own validation in the chart still refuses the render, under its path", () => {
    const app = Testing.app();
    const chart = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
    const object = new ApiObject(chart, 'custom', { apiVersion: 'v1', kind: 'ConfigMap' });
    object.node.addValidation({ validate: () => ['not today'] });
    expect(synthError(() => chart.toJson())).toBe('Validation failed with the following errors:\n  [shop/custom] not today');
  });

  /** Chart `a` valid, chart `b` with a port the API server refuses. */
  function appWithBadPortInB(): { app: App; b: NamespacePolicyChart } {
    const app = Testing.app();
    chartWithPolicy(app, 'a', 'a');
    const b = new NamespacePolicyChart(app, 'b', { namespace: 'b' });
    new AllowFrom(b, 'bad-port', { pods: db, from: web, ports: [Port.tcp(0)] });
    return { app, b };
  }
  const badPort = '[b/bad-port] spec.ingress[0].ports[0].port: Invalid value: 0';

  test('app.synth() still validates every chart before writing any file', () => {
    const { app } = appWithBadPortInB();
    expect(synthError(() => app.synth())).toContain(badPort);
    expect(writtenFiles(app)).toEqual([]);
  });

  test('a chart render that left the API server rules to the policies does not stand in for app.synth()', () => {
    const { app, b } = appWithBadPortInB();
    expect(synthError(() => b.toJson())).toContain(badPort);
    expect(synthError(() => app.synth())).toContain(badPort);
    expect(writtenFiles(app)).toEqual([]);
  });
});
