import { App, Chart, Testing } from 'cdk8s';
import * as kplus33 from 'cdk8s-plus-33';
import { AllowTo, AllowTraffic, IpRange, NamespacePolicyChart, Port, Workload } from '../../lib';
import { runCli } from '../cli/run-cli';
import { useTempDir } from '../manifests/temp-dir';
import { captureWarnings } from './synth-helpers';

const outdir = useTempDir('allow-traffic-');

/** Two namespaces under a default deny both ways, each with one cdk8s-plus-33 Deployment. */
function twoNamespaces(app: App) {
  const webChart = new NamespacePolicyChart(app, 'shop-web', { namespace: 'shop-web', baseline: true });
  const apiChart = new NamespacePolicyChart(app, 'shop-api', { namespace: 'shop-api', baseline: true });
  const deployment = (chart: Chart, name: string, port: number) =>
    new kplus33.Deployment(chart, name, {
      metadata: { name },
      podMetadata: { labels: { app: name } },
      containers: [{ image: name, portNumber: port, securityContext: { ensureNonRoot: false } }],
    });
  return { webChart, apiChart, web: deployment(webChart, 'web', 80), api: deployment(apiChart, 'api', 8080) };
}

function specs(chart: Chart): Record<string, unknown> {
  return Object.fromEntries(Testing.synth(chart).map((object) => [object.metadata.name, object.spec]));
}

describe('AllowTraffic', () => {
  test('snapshot: the egress policy in the client chart, the ingress policy in the server chart, named from the id', () => {
    const app = Testing.app();
    const { webChart, apiChart, web, api } = twoNamespaces(app);
    const flow = new AllowTraffic(app, 'web-to-api', { from: web, to: api, ports: [Port.tcp(8080)] });
    expect(flow.egressPolicy?.node.path).toBe('shop-web/web-to-api-egress');
    expect(flow.ingressPolicy?.node.path).toBe('shop-api/web-to-api-ingress');
    expect(specs(webChart)['web-to-api-egress']).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop-api' } }, podSelector: { matchLabels: { app: 'api' } } }],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ],
    });
    expect(specs(apiChart)['web-to-api-ingress']).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop-web' } }, podSelector: { matchLabels: { app: 'web' } } }],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ],
    });
    const policies = (chart: Chart) => Testing.synth(chart).filter((object) => object.kind === 'NetworkPolicy');
    expect([...policies(webChart), ...policies(apiChart)]).toMatchSnapshot();
  });

  test('netpol reach on the synthesized files: the flow is allowed under default deny both ways, and only it', async () => {
    const app = new App({ outdir: outdir() });
    const { web, api } = twoNamespaces(app);
    new AllowTraffic(app, 'web-to-api', { from: web, to: api, ports: [Port.tcp(8080)] });
    captureWarnings(() => app.synth());
    const result = await runCli(['reach', outdir()]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').map((line) => line.replace(/\s+/g, ' ').trim())).toEqual([
      'FROM TO ALLOWED',
      'shop-web/web shop-api/api TCP 8080',
      '1 of 4 ordered pairs allow some traffic; pairs not listed allow nothing',
      '',
    ]);
    const explain = await runCli(['explain', outdir(), '--from', 'shop-api/api', '--to', 'shop-web/web', '--port', '80']);
    expect(explain.stdout).toContain('DENIED');
  });

  test('the control: the egress side alone allows nothing under the same default deny', async () => {
    const dir = `${outdir()}/egress-only`;
    const app = new App({ outdir: dir });
    const { webChart, web, api } = twoNamespaces(app);
    new AllowTo(webChart, 'web-to-api-egress', { pods: web, to: api, ports: [Port.tcp(8080)] });
    captureWarnings(() => app.synth());
    expect((await runCli(['reach', dir])).stdout).toContain('0 of 4 ordered pairs allow some traffic');
  });

  test('Workload.select with namespaces works as well as cdk8s-plus objects; the same namespace gets both policies', () => {
    const app = Testing.app();
    const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
    const flow = new AllowTraffic(app, 'api-to-db', {
      from: Workload.select({ app: 'api' }, { namespace: 'shop' }),
      to: Workload.select({ app: 'db' }, { namespace: 'shop' }),
      ports: [Port.tcp(5432)],
    });
    expect(Object.keys(specs(shop)).sort()).toEqual(['api-to-db-egress', 'api-to-db-ingress']);
    expect(flow.egressPolicy?.toSpec().egress).toEqual([{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }]);
  });

  test('a plain Chart of the same namespace is not taken for its NamespacePolicyChart', () => {
    const app = Testing.app();
    new Chart(app, 'shop-config', { namespace: 'shop' });
    const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
    const flow = new AllowTraffic(app, 'api-to-db', {
      from: Workload.select({ app: 'api' }, { namespace: 'shop' }),
      to: Workload.select({ app: 'db' }, { namespace: 'shop' }),
    });
    expect(Chart.of(flow.egressPolicy!)).toBe(shop);
    expect(Chart.of(flow.ingressPolicy!)).toBe(shop);
  });

  test('an external side gets no policy: only the in-cluster side is written', () => {
    const app = Testing.app();
    const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
    const api = Workload.select({ app: 'api' }, { namespace: 'shop' });
    const inbound = new AllowTraffic(app, 'partner-to-api', { from: IpRange.cidr('203.0.113.0/24'), to: api, ports: [Port.tcp(443)] });
    const outbound = new AllowTraffic(app, 'api-to-partner', { from: api, to: IpRange.address('203.0.113.7'), ports: [Port.tcp(443)] });
    expect(inbound.egressPolicy).toBeUndefined();
    expect(outbound.ingressPolicy).toBeUndefined();
    const written = specs(shop);
    expect(Object.keys(written).sort()).toEqual(['api-to-partner-egress', 'partner-to-api-ingress']);
    expect(written['partner-to-api-ingress']).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port: 443 }] }],
    });
  });

  describe('refuses, naming the construct', () => {
    test('a namespace without a NamespacePolicyChart in the app', () => {
      const app = Testing.app();
      new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
      expect(
        () =>
          new AllowTraffic(app, 'web-to-api', {
            from: Workload.select({ app: 'web' }, { namespace: 'shop' }),
            to: Workload.select({ app: 'api' }, { namespace: 'payments' }),
          }),
      ).toThrow(
        `web-to-api: to: namespace "payments" has no NamespacePolicyChart in the app; create one (new NamespacePolicyChart(app, 'payments', { namespace: 'payments' })) before this construct`,
      );
    });

    test('a workload without a namespace, pods in namespaces selected by label, two external sides, two charts for one namespace', () => {
      const app = Testing.app();
      new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
      const api = Workload.select({ app: 'api' }, { namespace: 'shop' });
      expect(() => new AllowTraffic(app, 'a', { from: Workload.select({ app: 'web' }), to: api })).toThrow(
        'a: from: the workload has no namespace; give it one',
      );
      expect(() => new AllowTraffic(app, 'b', { from: Workload.select({ app: 'x' }, { namespaceLabels: { team: 'a' } }), to: api })).toThrow(
        'b: from: the pods must be in one named namespace, not namespaces selected by label',
      );
      expect(() => new AllowTraffic(app, 'c', { from: IpRange.address('10.0.0.1'), to: IpRange.address('10.0.0.2') })).toThrow(
        'c: from and to are both outside the cluster; no NetworkPolicy governs that flow',
      );
      new NamespacePolicyChart(app, 'shop-again', { namespace: 'shop' });
      expect(() => new AllowTraffic(app, 'd', { from: api, to: IpRange.address('10.0.0.2') })).toThrow(
        'd: from: namespace "shop" has 2 NamespacePolicyCharts (shop, shop-again)',
      );
    });
  });
});
