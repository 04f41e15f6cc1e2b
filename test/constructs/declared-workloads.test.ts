import { Testing } from 'cdk8s';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, NamespacePolicyChart, Port, Workload } from '../../lib';
import { declaredWorkloads } from '../../lib/constructs';

describe('declaredWorkloads', () => {
  test('every workload the constructs refer to, once, sorted; whole namespaces left out', () => {
    const app = Testing.app();
    const prod = new NamespacePolicyChart(app, 'production', { namespace: 'production' });
    const web = Workload.select({ app: 'web-api' });
    const db = Workload.select({ app: 'postgres' });
    new DefaultDeny(prod, 'default-deny-all');
    new AllowDns(prod, 'allow-dns');
    new AllowFrom(prod, 'allow-api-to-db', { pods: db, from: web, ports: [Port.tcp(5432)] });
    new AllowTo(prod, 'api-egress-db', { pods: web, to: db, ports: [Port.tcp(5432)] });
    new AllowFrom(prod, 'allow-scrape', { pods: web, from: [Workload.select({ app: 'prometheus' }, { namespace: 'monitoring' }), Workload.allIn('ops')] });
    expect(declaredWorkloads(app)).toEqual([
      { namespace: 'kube-system', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' } },
      { namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' } },
      { namespace: 'production', name: 'postgres', labels: { app: 'postgres' } },
      { namespace: 'production', name: 'web-api', labels: { app: 'web-api' } },
    ]);
  });

  test('only below the given scope', () => {
    const app = Testing.app();
    const a = new NamespacePolicyChart(app, 'a', { namespace: 'a' });
    const b = new NamespacePolicyChart(app, 'b', { namespace: 'b' });
    new AllowFrom(a, 'x', { pods: Workload.select({ app: 'one' }), from: Workload.select({ app: 'two' }) });
    new AllowFrom(b, 'x', { pods: Workload.select({ app: 'three' }), from: Workload.select({ app: 'two' }) });
    expect(declaredWorkloads(b).map((w) => `${w.namespace}/${w.name}`)).toEqual(['b/three', 'b/two']);
  });

  test('two label sets under one endpoint name are refused', () => {
    const chart = new NamespacePolicyChart(Testing.app(), 'a', { namespace: 'a' });
    new AllowFrom(chart, 'x', { pods: Workload.select({ app: 'web' }), from: Workload.select({ app: 'api' }, { name: 'web' }) });
    expect(() => declaredWorkloads(chart)).toThrow('a/x: workload "a/web" is declared with labels {app: api} and elsewhere with {app: web}');
  });
});
