import { Testing } from 'cdk8s';
import { AllowFrom, AllowTo, AllowTraffic, ConstructInputError, DefaultDeny, NamespacePolicyChart, NetworkPolicy, Port, Workload } from '../../lib';
import { synthClusterModel } from '../../lib/testing';
import { captureWarnings, synthError } from './synth-helpers';

/**
 * Staged rollout (#13.4): `enforcement: 'staged'` emits Calico's StagedKubernetesNetworkPolicy
 * (projectcalico.org/v3) with the NetworkPolicy's name and spec plus `stagedAction: Set`, per
 * projectcalico/calico api/pkg/apis/projectcalico/v3/stagedkubernetesnetworkpolicy.go.
 */

type Synthesized = { apiVersion: string; kind: string; metadata: { name: string; namespace: string }; spec: Record<string, unknown> };

const web = Workload.select({ app: 'web' });
const db = Workload.select({ app: 'db' });

function synth(chart: NamespacePolicyChart): Synthesized[] {
  let objects: Synthesized[] = [];
  expect(captureWarnings(() => (objects = Testing.synth(chart) as Synthesized[]))).toEqual([]);
  return objects;
}

describe("NamespacePolicyChart({ enforcement: 'staged' })", () => {
  test('every policy of the chart is a StagedKubernetesNetworkPolicy with the same name and spec, stagedAction Set', () => {
    const enforcedApp = Testing.app();
    const enforced = new NamespacePolicyChart(enforcedApp, 'shop', { namespace: 'shop', baseline: true });
    new AllowFrom(enforced, 'db-from-web', { pods: db, from: web, ports: [Port.tcp(5432)] });
    const stagedApp = Testing.app();
    const staged = new NamespacePolicyChart(stagedApp, 'shop', { namespace: 'shop', baseline: true, enforcement: 'staged' });
    new AllowFrom(staged, 'db-from-web', { pods: db, from: web, ports: [Port.tcp(5432)] });

    const before = synth(enforced);
    const after = synth(staged);
    expect(staged.enforcement).toBe('staged');
    expect(after.map((object) => [object.apiVersion, object.kind])).toEqual([
      ['projectcalico.org/v3', 'StagedKubernetesNetworkPolicy'],
      ['projectcalico.org/v3', 'StagedKubernetesNetworkPolicy'],
      ['projectcalico.org/v3', 'StagedKubernetesNetworkPolicy'],
    ]);
    expect(after.map((object) => object.metadata)).toEqual(before.map((object) => object.metadata));
    expect(after.map((object) => object.spec)).toEqual(before.map((object) => ({ stagedAction: 'Set', ...object.spec })));
    expect(after[2]).toMatchSnapshot();
  });

  test("a construct's own enforcement overrides the chart's, both ways", () => {
    const app = Testing.app();
    const staged = new NamespacePolicyChart(app, 'shop', { namespace: 'shop', enforcement: 'staged' });
    new DefaultDeny(staged, 'default-deny-all', { direction: 'ingress', enforcement: 'enforced' });
    new AllowTo(staged, 'web-to-db', { pods: web, to: db, ports: [Port.tcp(5432)] });
    const enforced = new NamespacePolicyChart(app, 'billing', { namespace: 'billing' });
    new NetworkPolicy(enforced, 'api', { pods: web, ingress: [{ from: db }], enforcement: 'staged' });
    expect(synth(staged).map((object) => `${object.kind} ${object.metadata.name}`)).toEqual(['NetworkPolicy default-deny-all', 'StagedKubernetesNetworkPolicy web-to-db']);
    expect(synth(enforced).map((object) => `${object.kind} ${object.metadata.name}`)).toEqual(['StagedKubernetesNetworkPolicy api']);
  });

  test("AllowTraffic's two policies inherit each chart's enforcement, or take its own", () => {
    const app = Testing.app();
    const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop', enforcement: 'staged' });
    const billing = new NamespacePolicyChart(app, 'billing', { namespace: 'billing' });
    const from = Workload.select({ app: 'web' }, { namespace: 'shop' });
    const to = Workload.select({ app: 'api' }, { namespace: 'billing' });
    const inherited = new AllowTraffic(app, 'web-to-api', { from, to, ports: [Port.tcp(8080)] });
    expect([inherited.egressPolicy?.enforcement, inherited.ingressPolicy?.enforcement]).toEqual(['staged', 'enforced']);
    const own = new AllowTraffic(app, 'web-to-api-9090', { from, to, ports: [Port.tcp(9090)], enforcement: 'staged' });
    expect([own.egressPolicy?.enforcement, own.ingressPolicy?.enforcement]).toEqual(['staged', 'staged']);
    expect(synth(billing).map((object) => `${object.kind} ${object.metadata.name}`)).toEqual([
      'NetworkPolicy web-to-api-ingress',
      'StagedKubernetesNetworkPolicy web-to-api-9090-ingress',
    ]);
    expect(synth(shop).every((object) => object.kind === 'StagedKubernetesNetworkPolicy')).toBe(true);
  });

  test("toNetworkPolicy() of a staged policy is the NetworkPolicy it stands for", () => {
    const chart = new NamespacePolicyChart(Testing.app(), 'shop', { namespace: 'shop', enforcement: 'staged' });
    const policy = new AllowFrom(chart, 'db-from-web', { pods: db, from: web, ports: [Port.tcp(5432)] });
    const plain = policy.toNetworkPolicy();
    expect([plain.apiVersion, plain.kind]).toEqual(['networking.k8s.io/v1', 'NetworkPolicy']);
    expect(plain.spec).toEqual(policy.toSpec());
  });

  test('a staged policy the API server would refuse as a NetworkPolicy is refused at synth, naming the construct', () => {
    const chart = new NamespacePolicyChart(Testing.app(), 'shop', { namespace: 'shop', enforcement: 'staged' });
    new AllowFrom(chart, 'bad-port', { pods: db, from: web, ports: [Port.tcp(70000)] });
    expect(synthError(() => Testing.synth(chart))).toContain('[shop/bad-port] spec.ingress[0].ports[0].port: Invalid value: 70000');
  });

  test('an enforcement that is neither enforced nor staged is refused where it is given', () => {
    const app = Testing.app();
    const create = () => new NamespacePolicyChart(Testing.app(), 'shop', { namespace: 'shop', enforcement: 'Staged' as never });
    expect(create).toThrow(ConstructInputError);
    expect(create).toThrow('[shop] enforcement: Unsupported value: "Staged": supported values: "enforced", "staged"');
    const chart = new NamespacePolicyChart(app, 'billing', { namespace: 'billing' });
    expect(() => new DefaultDeny(chart, 'deny', { enforcement: 'audit' as never })).toThrow('[billing/deny] enforcement: Unsupported value: "audit"');
  });

  test('the jest matchers judge staged policies as enforced: they test what the policies do once enforced', () => {
    const app = Testing.app();
    const chart = new NamespacePolicyChart(app, 'shop', { namespace: 'shop', baseline: true, enforcement: 'staged' });
    new AllowFrom(chart, 'db-from-web', { pods: db, from: web, ports: [Port.tcp(5432)] });
    const model = synthClusterModel(app);
    expect(model.policies.map((entry) => `${entry.policy.kind} ${entry.policy.metadata.name}`)).toEqual([
      'NetworkPolicy allow-dns',
      'NetworkPolicy db-from-web',
      'NetworkPolicy default-deny-all',
    ]);
  });
});
