import * as fs from 'fs';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, ExternalHttps, NamespacePolicyChart, Port, Workload } from '../../lib';
import { captureWarnings } from './synth-helpers';

/** The issue's snippet, verbatim apart from the test app (temp outdir). */
function issueSnippet() {
  const app = Testing.app();
  const prod = new NamespacePolicyChart(app, 'production', { namespace: 'production' });
  const web = Workload.select({ app: 'web-api' });
  const db = Workload.select({ app: 'postgres' });
  const prometheus = Workload.select({ app: 'prometheus' }, { namespace: 'monitoring' });
  new DefaultDeny(prod, 'default-deny-all');
  new AllowDns(prod, 'allow-dns');
  new AllowFrom(prod, 'allow-api-to-db', { pods: db, from: web, ports: [Port.tcp(5432)] });
  new AllowTo(prod, 'api-egress-db', { pods: web, to: db, ports: [Port.tcp(5432)] });
  new AllowFrom(prod, 'allow-scrape', { pods: web, from: prometheus, ports: [Port.tcp(9090)] });
  new ExternalHttps(prod, 'web-https', { pods: web });
  return { app, prod };
}

describe('the issue snippet', () => {
  test('app.synth() writes one file with the six policies, named by construct id, in order', () => {
    const { app } = issueSnippet();
    const warnings = captureWarnings(() => app.synth());
    const objects = Yaml.load(path.join(app.outdir, 'production.k8s.yaml'));
    expect(objects.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual([
      'default-deny-all',
      'allow-dns',
      'allow-api-to-db',
      'api-egress-db',
      'allow-scrape',
      'web-https',
    ]);
    expect(objects.every((o: { metadata: { namespace: string } }) => o.metadata.namespace === 'production')).toBe(true);
    expect(warnings).toEqual([]);
    expect(fs.readFileSync(path.join(app.outdir, 'production.k8s.yaml'), 'utf8')).toMatchSnapshot();
  });

  test('allow-api-to-db is exactly the classic example', () => {
    const { prod } = issueSnippet();
    expect(Testing.synth(prod).find((o) => o.metadata.name === 'allow-api-to-db')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-api-to-db', namespace: 'production' },
      spec: {
        podSelector: { matchLabels: { app: 'postgres' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web-api' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
      },
    });
  });

  test('default-deny-all selects every pod for both directions and allows nothing', () => {
    const { prod } = issueSnippet();
    expect(Testing.synth(prod)[0].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('a peer in another namespace is ONE peer with the metadata.name namespace selector AND the pod selector', () => {
    const { prod } = issueSnippet();
    const scrape = Testing.synth(prod).find((o) => o.metadata.name === 'allow-scrape');
    expect(scrape.spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
            podSelector: { matchLabels: { app: 'prometheus' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 9090 }],
      },
    ]);
  });

  test('api-egress-db is an egress-only policy on the web pods', () => {
    const { prod } = issueSnippet();
    expect(Testing.synth(prod).find((o) => o.metadata.name === 'api-egress-db').spec).toEqual({
      podSelector: { matchLabels: { app: 'web-api' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'postgres' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    });
  });
});
