import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AllowFrom, AllowTo, DefaultDeny, DnsProvider, NamespacePolicyChart, NetworkPolicy, NetworkPolicyBase, Port, Workload } from '../../lib';
import { RuleId } from '../../lib/validate';
import { captureWarnings } from './synth-helpers';

/**
 * The mistakes the constructs catch at synth across the app (issue #10, item 5): each app
 * prints the warning with its rule id once, `acknowledge([rule])` on the policy silences it,
 * and the corrected app prints nothing.
 */

/** A Deployment of the app, as a plain ApiObject (any workload object counts, not only cdk8s-plus ones). */
function deployment(chart: Chart, name: string, labels: Record<string, string>): void {
  new ApiObject(chart, name, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image: `${name}:1` }] } } },
  });
}

/** A chart of workloads in `namespace`. */
function workloads(app: App, namespace: string, pods: Record<string, Record<string, string>>): Chart {
  const chart = new Chart(app, `${namespace}-workloads`, { namespace });
  for (const [name, labels] of Object.entries(pods)) {
    deployment(chart, name, labels);
  }
  return chart;
}

const web = Workload.select({ app: 'web' });
const api = Workload.select({ app: 'api' });

interface SynthCase {
  readonly rule: RuleId;
  /** Builds the app; `fixed` builds it corrected. Returns the policy the warning is on. */
  readonly build: (app: App, fixed: boolean) => NetworkPolicyBase;
  readonly warning: RegExp;
}

const CASES: SynthCase[] = [
  {
    rule: 'undeclared-namespace',
    build: (app, fixed) => {
      new NamespacePolicyChart(app, 'monitoring', { namespace: 'monitoring' });
      const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
      const prometheus = Workload.select({ app: 'prometheus' }, { namespace: fixed ? 'monitoring' : 'monitorng' });
      new AllowFrom(shop, 'ingress-nginx', { pods: web, from: Workload.allIn('ingress-nginx') });
      return new AllowFrom(shop, 'web-from-prometheus', { pods: web, from: prometheus });
    },
    warning:
      /^Warning: shop\/web-from-prometheus: spec\.ingress\[0\]\.from\[0\]\.namespaceSelector\.matchLabels: namespace "monitorng" is not declared .*did you mean "monitoring"\? \(rule undeclared-namespace\)\n$/,
  },
  {
    rule: 'unmatched-peer-selector',
    build: (app, fixed) => {
      workloads(app, 'shop', { web: { app: 'web' }, api: { app: 'api' } });
      const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
      return new AllowFrom(shop, 'api-from-web', { pods: api, from: Workload.select({ app: fixed ? 'web' : 'wbe' }) });
    },
    warning: /^Warning: shop\/api-from-web: spec\.ingress\[0\]\.from\[0\]\.podSelector: matches none of the 2 known workloads in namespace "shop", .*\(rule unmatched-peer-selector\)\n$/,
  },
  {
    rule: 'peer-and-or',
    build: (app, fixed) => {
      const monitoring = workloads(app, 'monitoring', { grafana: { app: 'grafana' } });
      new kplus.Namespace(monitoring, 'namespace', { metadata: { name: 'monitoring', labels: { team: 'monitoring' } } });
      workloads(app, 'shop', { web: { app: 'web' }, prometheus: { app: 'prometheus' } });
      const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
      const from = fixed
        ? [Workload.select({ app: 'prometheus' })]
        : Workload.select({ app: 'prometheus' }, { namespaceLabels: { team: 'monitoring' } });
      return new AllowFrom(shop, 'web-from-monitoring', { pods: web, from });
    },
    warning: /^Warning: shop\/web-from-monitoring: spec\.ingress\[0\]\.from\[0\]: did you mean namespaceSelector OR podSelector\? .*\(rule peer-and-or\)\n$/,
  },
  {
    rule: 'half-open-flow',
    build: (app, fixed) => {
      workloads(app, 'shop', { web: { app: 'web' }, api: { app: 'api' } });
      const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop', baseline: true });
      if (fixed) {
        new AllowFrom(shop, 'api-from-web', { pods: api, from: web, ports: [Port.tcp(8080)] });
      }
      return new AllowTo(shop, 'web-to-api', { pods: web, to: api, ports: [Port.tcp(8080)] });
    },
    warning: /^Warning: shop\/web-to-api: spec\.egress\[0\]\.to\[0\]: allows the flow shop\/web -> shop\/api, but shop\/api is isolated for ingress .*\(rule half-open-flow\)\n$/,
  },
  {
    rule: 'workload-blocked-dns',
    build: (app, fixed) => {
      const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
      const egress = [{ to: api, ports: [Port.tcp(8080)] }, ...(fixed ? [DnsProvider.coreDns().egressRule()] : [])];
      return new NetworkPolicy(shop, 'web', { pods: web, egress });
    },
    warning: /^Warning: shop\/web: spec\.podSelector: DNS is blocked for the pods of namespace "shop" with app=web: .*\(rule workload-blocked-dns\)\n$/,
  },
];

function synthWarnings(build: (app: App) => void): string[] {
  const app = Testing.app();
  build(app);
  return captureWarnings(() => app.synthYaml());
}

describe.each(CASES)('at synth: $rule', ({ rule, build, warning }) => {
  test('prints the warning once, with its rule id', () => {
    const warnings = synthWarnings((app) => build(app, false));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
  });

  test('acknowledge() on the policy silences it, and writes the annotation netpol validate reads', () => {
    let policy: NetworkPolicyBase | undefined;
    expect(
      synthWarnings((app) => {
        policy = build(app, false);
        policy.acknowledge([rule], 'on purpose');
      }),
    ).toEqual([]);
    expect(policy?.toJson().metadata.annotations).toEqual({ 'netpol.dev/acknowledge': rule, 'netpol.dev/acknowledge-reason': 'on purpose' });
  });

  test('the corrected app prints nothing', () => {
    expect(synthWarnings((app) => build(app, true))).toEqual([]);
  });
});

test('the acknowledge prop of a policy construct acknowledges as acknowledge() does', () => {
  let policy: AllowTo | undefined;
  const warnings = synthWarnings((app) => {
    workloads(app, 'shop', { web: { app: 'web' }, api: { app: 'api' } });
    const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop', baseline: true });
    policy = new AllowTo(shop, 'web-to-api', { pods: web, to: api, acknowledge: ['half-open-flow'], acknowledgeReason: 'api admits web in its own repo' });
  });
  expect(warnings).toEqual([]);
  expect(policy?.toJson().metadata.annotations).toEqual({
    'netpol.dev/acknowledge': 'half-open-flow',
    'netpol.dev/acknowledge-reason': 'api admits web in its own repo',
  });
});

test('every namespaced policy construct takes the acknowledge prop: a DefaultDeny accepting blocked DNS', () => {
  let policy: DefaultDeny | undefined;
  const build = (acknowledge?: RuleId[]) =>
    synthWarnings((app) => {
      const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
      policy = new DefaultDeny(shop, 'deny-all', { direction: 'egress', ...(acknowledge ? { acknowledge, acknowledgeReason: 'batch namespace, no DNS' } : {}) });
    });
  expect(build().join('\n')).toContain('(rule blocked-dns)');
  expect(build(['blocked-dns'])).toEqual([]);
  expect(policy?.toJson().metadata.annotations).toEqual({ 'netpol.dev/acknowledge': 'blocked-dns', 'netpol.dev/acknowledge-reason': 'batch namespace, no DNS' });
});

describe('at synth: DNS rules on the name label are blocked DNS', () => {
  /** A hand-written allow-DNS policy on `name: kube-system`, as in the incident, acknowledging `rules` by annotation. */
  function incidentDns(scope: Construct, rules: readonly string[]): void {
    new ApiObject(scope, 'allow-dns', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-dns', annotations: { 'netpol.dev/acknowledge': rules.join(',') } },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { name: 'kube-system' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
      },
    });
  }

  function incidentApp(rules: readonly string[]): string[] {
    return synthWarnings((app) => {
      const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
      new DefaultDeny(shop, 'default-deny-all');
      incidentDns(shop, rules);
    });
  }

  test('blocked-dns fires, saying why; the annotation on the hand-written object acknowledges it', () => {
    const warnings = incidentApp(['namespace-name-label']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Warning: shop\/allow-dns: spec\.podSelector: DNS is blocked: .*a rule opens port 53 only to namespaces selected by the label "name", which Kubernetes never sets.*\(rule blocked-dns\)\n$/,
    );
    expect(incidentApp(['namespace-name-label', 'blocked-dns'])).toEqual([]);
  });
});

describe('at synth: the workload lint reads the workloads the app defines', () => {
  test('cdk8s-plus Deployments are known workloads, named by their construct ids', () => {
    const warnings = synthWarnings((app) => {
      const chart = new Chart(app, 'shop-workloads', { namespace: 'shop' });
      for (const name of ['web', 'api']) {
        new kplus.Deployment(chart, name, { podMetadata: { labels: { app: name } }, containers: [{ image: name, securityContext: { ensureNonRoot: false } }] });
      }
      const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop', baseline: true });
      new AllowTo(shop, 'web-to-api', { pods: web, to: api, ports: [Port.tcp(8080)] });
    });
    expect(warnings).toEqual([expect.stringMatching(/^Warning: shop\/web-to-api: spec\.egress\[0\]\.to\[0\]: allows the flow shop\/web -> shop\/api, /)]);
  });

  test('a chart rendered on its own leaves the workload lint to the app', () => {
    const app = Testing.app();
    workloads(app, 'shop', { api: { app: 'api' } });
    const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop', baseline: true });
    new AllowTo(shop, 'api-to-db', { pods: api, to: Workload.select({ app: 'db' }) });
    expect(captureWarnings(() => shop.toJson())).toEqual([]);
    expect(captureWarnings(() => app.synthYaml())).toHaveLength(1);
  });
});
