import { App, ApiObject, Chart, Testing } from 'cdk8s';
import { AllowFrom, DefaultDeny, NamespacePolicyChart, Port, Workload } from '../../lib';
import '../../lib/testing';
import { synthClusterModel } from '../../lib/testing';

/** The example: web-api may open postgres on 5432, nothing else gets in. */
function shop(): { app: App; chart: Chart; web: Workload; db: Workload } {
  const app = Testing.app();
  const chart = new NamespacePolicyChart(app, 'production', { namespace: 'production' });
  const web = Workload.select({ app: 'web-api' });
  const db = Workload.select({ app: 'postgres' });
  new DefaultDeny(chart, 'default-deny-ingress', { direction: 'ingress' });
  new AllowFrom(chart, 'allow-api-to-db', { pods: db, from: web, ports: [Port.tcp(5432)] });
  return { app, chart, web, db };
}

describe('jest matchers', () => {
  test('toAllowTraffic and toDenyTraffic judge flows between declared workloads', () => {
    const { app, web, db } = shop();
    expect(app).toAllowTraffic({ from: web, to: db, port: 5432 });
    expect(app).toAllowTraffic({ from: 'production/web-api', to: 'production/postgres', port: 5432, protocol: 'TCP' });
    expect(app).toDenyTraffic({ from: web, to: db, port: 5433 });
    expect(app).toDenyTraffic({ from: db, to: web, port: 5432 });
    expect(app).toDenyTraffic({ from: web, to: db, port: 5432, protocol: 'UDP' });
    expect(app).not.toAllowTraffic({ from: db, to: web, port: 80 });
  });

  test('a chart works like the app, and an external IP is a peer too', () => {
    const { chart, db } = shop();
    expect(chart).toDenyTraffic({ from: '203.0.113.9', to: db, port: 5432 });
    expect(chart).toAllowTraffic({ from: db, to: '203.0.113.9', port: 443 });
  });

  test('the failure message carries the explanation', () => {
    const { app, web, db } = shop();
    expect(() => expect(app).toAllowTraffic({ from: db, to: web, port: 5432 })).toThrow(
      /expected the traffic to be allowed, but it is denied:\nproduction\/postgres -> production\/web-api on TCP\/5432: DENIED[\s\S]*isolated by: production\/default-deny-ingress/,
    );
    expect(() => expect(app).toDenyTraffic({ from: web, to: db, port: 5432 })).toThrow(
      /expected the traffic to be denied, but it is allowed:[\s\S]*allowed by: production\/allow-api-to-db spec.ingress\[0\]/,
    );
  });

  test('unknown endpoints and bad ports are clear errors', () => {
    const { app } = shop();
    expect(() => expect(app).toAllowTraffic({ from: 'production/nope', to: 'production/postgres', port: 5432 })).toThrow(
      /from: no endpoint "production\/nope" in .*; known endpoints: production\/postgres, production\/web-api/,
    );
    expect(() => expect(app).toAllowTraffic({ from: 'production/web-api', to: 'production/postgres', port: 0 })).toThrow(
      /port: 0 is not valid: use an integer between 1 and 65535/,
    );
  });

  test('synthesized Pods and Deployments are endpoints with their container ports', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'raw', { namespace: 'shop' });
    new ApiObject(chart, 'api', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api' },
      spec: {
        selector: { matchLabels: { app: 'api' } },
        template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'api', ports: [{ name: 'http', containerPort: 8080 }] }] } },
      },
    });
    new ApiObject(chart, 'web', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [] } });
    new ApiObject(chart, 'named-port', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'api-http' },
      spec: { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 'http' }] }] },
    });
    const model = synthClusterModel(app);
    expect(model.endpoints.map((endpoint) => `${endpoint.namespace}/${endpoint.name}`)).toEqual(['shop/api', 'shop/web']);
    expect(app).toAllowTraffic({ from: 'shop/web', to: 'shop/api', port: 8080 });
    expect(app).toDenyTraffic({ from: 'shop/web', to: 'shop/api', port: 8081 });
  });

  test('an invalid hand-written policy is refused with its validation errors', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'raw', { namespace: 'shop' });
    new ApiObject(chart, 'bad', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'bad' },
      spec: { podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] },
    });
    expect(() => synthClusterModel(app)).toThrow(/cannot analyse invalid policies:\nraw: NetworkPolicy shop\/bad: spec.ingress\[0\].ports\[0\].port: Invalid value: 70000/);
  });
});
