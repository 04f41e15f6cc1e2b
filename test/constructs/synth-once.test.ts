import * as fs from 'fs';
import { App, JsonPatch, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { AllowFrom, DefaultDeny, NamespacePolicyChart, NetworkPolicyBase, Port, Workload } from '../../lib';
import { declaredWorkloads } from '../../lib/constructs';
import { captureWarnings, productionChart, synthError } from './synth-helpers';

const web = Workload.select({ app: 'web-api' });
const db = Workload.select({ app: 'postgres' });

function appWithCharts(count: number): App {
  const app = Testing.app();
  for (let i = 0; i < count; i++) {
    const chart = new NamespacePolicyChart(app, `ns${i}`, { namespace: `ns${i}` });
    new AllowFrom(chart, 'allow-web', { pods: db, from: web, ports: [Port.tcp(5432)] });
  }
  return app;
}

describe('validation runs per object, not per chart pass', () => {
  test('each policy is rendered for the estate checks once per synthesis, however many charts', () => {
    const app = appWithCharts(5);
    const toSpec = jest.spyOn(NetworkPolicyBase.prototype, 'toSpec');
    try {
      app.synthYaml();
      expect(toSpec).toHaveBeenCalledTimes(5);
    } finally {
      toSpec.mockRestore();
    }
  });

  test('one error lists every invalid policy of the app, in every chart', () => {
    const app = appWithCharts(1);
    const a = new NamespacePolicyChart(app, 'a', { namespace: 'a' });
    const b = new NamespacePolicyChart(app, 'b', { namespace: 'b' });
    new AllowFrom(a, 'bad-port', { pods: db, from: web, ports: [Port.tcp(0)] });
    new AllowFrom(b, 'bad-range', { pods: db, from: web, ports: [Port.tcpRange(9000, 8000)] });
    const message = synthError(() => app.synth());
    expect(message).toMatch(/^Validation failed with the following errors:\n/);
    expect(message).toContain('[a/bad-port] spec.ingress[0].ports[0].port: Invalid value: 0');
    expect(message).toContain('[b/bad-range] spec.ingress[0].ports[0].endPort');
  });

  test('an invalid policy in the last chart stops app.synth() before any file is written', () => {
    const app = appWithCharts(3);
    const last = new NamespacePolicyChart(app, 'z-last', { namespace: 'z-last' });
    new AllowFrom(last, 'bad-port', { pods: db, from: web, ports: [Port.tcp(70000)] });
    expect(synthError(() => app.synth())).toContain('[z-last/bad-port] spec.ingress[0].ports[0].port: Invalid value: 70000');
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('the rendered JSON is validated, escape-hatch patches included', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'patched', { pods: db, from: web, ports: [Port.tcp(5432)] }).addJsonPatch(
      JsonPatch.replace('/spec/ingress/0/ports/0/protocol', 'HTTP'),
    );
    expect(synthError(() => Testing.synth(chart))).toContain('[production/patched] spec.ingress[0].ports[0].protocol: Unsupported value: "HTTP"');
  });

  test('a policy is its own ApiObject: one node, named by the construct id', () => {
    const chart = productionChart();
    const policy = new DefaultDeny(chart, 'default-deny-all');
    expect(policy.node.children).toEqual([]);
    expect(policy.name).toBe('default-deny-all');
    expect(Testing.synth(chart).map((object) => object.metadata.name)).toEqual(['default-deny-all']);
  });
});

describe('the remembered estate result is not reused once something changed', () => {
  test('a duplicate added after a synthesis in the same turn is refused', () => {
    const app = appWithCharts(1);
    captureWarnings(() => app.synthYaml());
    new AllowFrom(new NamespacePolicyChart(app, 'again', { namespace: 'ns0' }), 'allow-web', { pods: db, from: web });
    expect(synthError(() => app.synthYaml())).toContain('[again/allow-web] metadata.name: Duplicate value: "allow-web"');
  });

  test('a hand-written duplicate added after a synthesis is refused in the next turn', async () => {
    const app = appWithCharts(1);
    captureWarnings(() => app.synthYaml());
    await Promise.resolve();
    const chart = app.node.findChild('ns0');
    new k8s.KubeNetworkPolicy(chart, 'hand-written', { metadata: { name: 'allow-web' }, spec: { podSelector: {} } });
    expect(synthError(() => app.synthYaml())).toContain('[ns0/hand-written] metadata.name: Duplicate value: "allow-web"');
  });
});

describe('warnings print once per app', () => {
  test('blocked DNS in two namespaces: one warning each, across all chart passes', () => {
    const app = Testing.app();
    new DefaultDeny(new NamespacePolicyChart(app, 'a', { namespace: 'a' }), 'default-deny-all');
    new DefaultDeny(new NamespacePolicyChart(app, 'b', { namespace: 'b' }), 'default-deny-all');
    const warnings = captureWarnings(() => app.synthYaml());
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Warning: a\/default-deny-all: spec\.podSelector: DNS is blocked/);
    expect(warnings[1]).toMatch(/^Warning: b\/default-deny-all: spec\.podSelector: DNS is blocked/);
  });
});

test('declaredWorkloads skips hand-written L1 policies', () => {
  const chart = productionChart();
  new AllowFrom(chart, 'allow-web', { pods: db, from: web });
  new k8s.KubeNetworkPolicy(chart, 'hand-written', { metadata: { name: 'other' }, spec: { podSelector: {} } });
  expect(declaredWorkloads(chart).map((workload) => workload.name)).toEqual(['postgres', 'web-api']);
});
