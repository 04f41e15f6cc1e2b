import { App, Chart, Testing } from 'cdk8s';
import * as kplus33 from 'cdk8s-plus-33';
import fc from 'fast-check';
import * as dsl from '../../lib';

/*
 * Props as plain JavaScript may pass them: any key a construct reads, with values of every
 * kind the vocabulary has and none it expects. The construct either renders, or refuses with
 * a ConstructInputError or an error that starts with its path; synthesis either succeeds or
 * is cdk8s's "Validation failed" listing. Never a TypeError from deep inside.
 */

/** A cdk8s-plus Service in an app of its own (the policy reads it wherever it is), with a selector or without. */
function plusService(selector: boolean): kplus33.Service {
  const chart = new Chart(Testing.app(), 'services');
  return new kplus33.Service(chart, 'api', {
    ports: [{ port: 80, targetPort: 8080, name: 'http' }],
    ...(selector ? { selector: kplus33.Pods.select(chart, 'api-pods', { labels: { app: 'api' } }) } : {}),
  });
}

// Values built once per call: some are constructs' inputs that must not be shared across apps.
const candidates = (): unknown[] => [
  undefined,
  null,
  0,
  -1,
  1.5,
  NaN,
  '',
  'x',
  'Ingress',
  'both',
  'Admin',
  'Deny',
  true,
  [],
  {},
  [null],
  { app: 'a' },
  dsl.Workload.select({ app: 'a' }),
  dsl.Workload.all(),
  dsl.Workload.allIn('other'),
  dsl.Workload.select({ app: 'b' }, { namespaceLabels: { team: 'x' } }),
  dsl.Namespaces.all(),
  dsl.IpRange.cidr('10.0.0.0/8', { except: ['10.1.0.0/16'] }),
  dsl.Port.tcp(80),
  [dsl.Port.tcp(80), dsl.Port.named('dns', 'UDP')],
  dsl.Peer.anywhere(),
  [dsl.Peer.anywhere(), dsl.Namespaces.all()],
  dsl.DnsProvider.coreDns(),
  dsl.Nodes.all(),
  dsl.DomainNames.of('example.com'),
  [{ from: dsl.Workload.select({ app: 'a' }) }],
  [{ action: 'Deny', to: dsl.Namespaces.all() }],
  [{ action: 'Accept', from: dsl.Namespaces.all(), ports: [dsl.Port.named('dns', 'UDP')] }],
  ['10.0.0.1'],
  5,
  'staged',
  'enforced',
  'Staged',
  ['half-open-flow'],
  ['no-such-rule'],
  dsl.Service.select('api', { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080, name: 'http' }] }),
  plusService(true),
  plusService(false),
  [dsl.Port.service('http')],
];

const KEYS = [
  'pods', 'from', 'to', 'ports', 'port', 'direction', 'ingress', 'egress', 'provider', 'ipv4', 'ipv6', 'ipv4Except', 'ipv6Except', 'acknowledge',
  'addresses', 'monitoringNamespace', 'scraperLabels', 'tier', 'priority', 'subject', 'namespaces', 'includeKubeSystem',
  'enforcement', 'acknowledgeReason',
];

/** Props with up to `maxKeys` of `keys`, each with a candidate value. */
function propsOf(keys: readonly string[], maxKeys: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.constantFrom(...keys), fc.nat(candidates().length - 1), { maxKeys }).map((picks) => {
    const values = candidates();
    return Object.fromEntries(Object.entries(picks).map(([key, index]) => [key, values[index]]));
  });
}

const propsArb = propsOf(KEYS, 5);

type Make = (chart: Chart, props: any) => unknown;

const NAMESPACED: Array<[string, Make]> = [
  ['NetworkPolicy', (chart, props) => new dsl.NetworkPolicy(chart, 'x', props)],
  ['AllowFrom', (chart, props) => new dsl.AllowFrom(chart, 'x', props)],
  ['AllowTo', (chart, props) => new dsl.AllowTo(chart, 'x', props)],
  ['DefaultDeny', (chart, props) => new dsl.DefaultDeny(chart, 'x', props)],
  ['Isolate', (chart, props) => new dsl.Isolate(chart, 'x', props)],
  ['AllowDns', (chart, props) => new dsl.AllowDns(chart, 'x', props)],
  ['ExternalHttps', (chart, props) => new dsl.ExternalHttps(chart, 'x', props)],
  ['AllowSameNamespace', (chart, props) => new dsl.AllowSameNamespace(chart, 'x', props)],
  ['AllowApiServer', (chart, props) => new dsl.AllowApiServer(chart, 'x', props)],
  ['AllowMetricsScrape', (chart, props) => new dsl.AllowMetricsScrape(chart, 'x', props)],
];

const CLUSTER_SCOPED: Array<[string, Make]> = [
  ['ClusterNetworkPolicy', (chart, props) => new dsl.ClusterNetworkPolicy(chart, 'x', props)],
  ['AdminDenyEgressTo', (chart, props) => new dsl.AdminDenyEgressTo(chart, 'x', props)],
  ['AdminAllowFrom', (chart, props) => new dsl.AdminAllowFrom(chart, 'x', props)],
  ['AdminPassTo', (chart, props) => new dsl.AdminPassTo(chart, 'x', props)],
  ['BaselineDefaultDeny', (chart, props) => new dsl.BaselineDefaultDeny(chart, 'x', props)],
  ['BaselineAllowDns', (chart, props) => new dsl.BaselineAllowDns(chart, 'x', props)],
];

/** Runs `step`; an error must be a refusal naming the construct `c/x` (or cdk8s's validation listing). */
function refusesByName(step: () => unknown): boolean {
  try {
    step();
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    if (!(error instanceof dsl.ConstructInputError)) {
      expect([(error as Error).name, message]).toEqual(['Error', expect.stringMatching(/^(c\/x: |Validation failed with the following errors:\n {2}\[c\/x\] )/)]);
    }
    return false;
  }
}

describe.each([
  ...NAMESPACED.map(([name, make]): [string, Make, (app: App) => Chart] => [name, make, (app) => new dsl.NamespacePolicyChart(app, 'c', { namespace: 'c' })]),
  ...CLUSTER_SCOPED.map(([name, make]): [string, Make, (app: App) => Chart] => [name, make, (app) => new dsl.ClusterPolicyChart(app, 'c')]),
])('%s', (_name, make, chartOf) => {
  test('any props: rendered, or refused naming the construct', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      fc.assert(
        fc.property(propsArb, (props) => {
          const chart = chartOf(Testing.app());
          if (refusesByName(() => make(chart, props))) {
            refusesByName(() => Testing.synth(chart));
          }
        }),
        { seed: 7, numRuns: 150, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
      );
    } finally {
      stderr.mockRestore();
    }
  });
});

/** What a namespaced construct needs besides its pods (every one takes pods) to get to synth. */
const NEEDED_BESIDES_PODS: Readonly<Record<string, Record<string, unknown>>> = {
  AllowFrom: { from: dsl.Workload.select({ app: 'web' }) },
  AllowTo: { to: dsl.Workload.select({ app: 'web' }) },
  AllowApiServer: { addresses: ['10.0.0.1'] },
  AllowMetricsScrape: { port: dsl.Port.tcp(9090) },
};

describe.each(NAMESPACED)('%s with a cdk8s-plus Service without a selector as pods', (name, make) => {
  test('any enforcement and acknowledgements: refused naming the construct, or SERVICE_WITHOUT_SELECTOR at synth', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const needed = NEEDED_BESIDES_PODS[name] ?? {};
    const extrasArb = propsOf(['enforcement', 'acknowledge', 'acknowledgeReason'], 3);
    try {
      fc.assert(
        fc.property(extrasArb, (extras) => {
          const chart = new dsl.NamespacePolicyChart(Testing.app(), 'c', { namespace: 'c' });
          if (refusesByName(() => make(chart, { ...needed, ...extras, pods: plusService(false) }))) {
            let refusal: unknown;
            try {
              Testing.synth(chart);
            } catch (error) {
              refusal = error;
            }
            expect(refusal).toBeInstanceOf(dsl.ConstructInputError);
            const { code, constructPath, field } = refusal as dsl.ConstructInputError;
            expect([code, constructPath, field]).toEqual(['SERVICE_WITHOUT_SELECTOR', 'c/x', 'pods']);
          }
        }),
        { seed: 7, numRuns: 40, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
      );
    } finally {
      stderr.mockRestore();
    }
  });
});
