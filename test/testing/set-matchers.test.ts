import { App, Chart, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { AllowFrom, DefaultDeny, IpRange, NamespacePolicyChart, NetworkPolicy, Peer, Port, Workload } from '../../lib';
import '../../lib/testing';
import { synthClusterModel } from '../../lib/testing';
import { shop } from './shop-app';

/**
 * The shop, plus: jobs/batch may open postgres on 5432 too, web-api takes HTTPS from anywhere;
 * namespace jobs has no policy at all.
 */
function shopWithBatch(): ReturnType<typeof shop> {
  const fixture = shop();
  new AllowFrom(fixture.chart, 'allow-batch-to-db', { pods: fixture.db, from: Workload.select({ app: 'batch' }, { namespace: 'jobs' }), ports: [Port.tcp(5432)] });
  new AllowFrom(fixture.chart, 'web-from-anywhere', { pods: fixture.web, from: Peer.anywhere(), ports: [Port.tcp(443)] });
  return fixture;
}

/** The message of the assertion error `assertion` throws. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion passed');
}

describe('toBeIsolated', () => {
  test('passes when a policy selects the pods for the direction', () => {
    const { app, db } = shopWithBatch();
    expect(app).toBeIsolated({ pods: db, direction: 'ingress' });
    expect(app).toBeIsolated({ pods: [db, 'production/web-api'], direction: 'ingress' });
    expect(app).not.toBeIsolated({ pods: 'jobs/batch', direction: 'egress' });
    expect(app).not.toBeIsolated({ pods: db });
  });

  test('fails naming each endpoint and direction no policy selects', () => {
    const { app, db } = shopWithBatch();
    expect(failure(() => expect(app).toBeIsolated({ pods: db }))).toBe(
      'expected production/postgres to be isolated for ingress and egress, but:\n  production/postgres: no policy selects it for egress',
    );
    expect(failure(() => expect(app).toBeIsolated())).toBe(
      'expected every endpoint to be isolated for ingress and egress, but:\n' +
        '  jobs/batch: no policy selects it for ingress\n' +
        '  jobs/batch: no policy selects it for egress\n' +
        '  production/postgres: no policy selects it for egress\n' +
        '  production/web-api: no policy selects it for egress',
    );
    expect(failure(() => expect(app).not.toBeIsolated({ pods: db, direction: 'ingress' }))).toBe(
      'expected production/postgres not to be isolated for ingress, but:\n' +
        '  production/postgres is isolated for ingress by production/allow-api-to-db, production/allow-batch-to-db, production/default-deny-ingress',
    );
  });

  test('an app with no endpoint is not isolated', () => {
    const app = Testing.app();
    new DefaultDeny(new NamespacePolicyChart(app, 'empty', { namespace: 'empty' }), 'default-deny-all');
    expect(failure(() => expect(app).toBeIsolated())).toBe('expected every endpoint to be isolated for ingress and egress, but:\n  there are no endpoints');
  });
});

describe('toOnlyBeReachableFrom', () => {
  test('passes when exactly the sources reach the destination', () => {
    const { app, web, db } = shopWithBatch();
    expect(app).toOnlyBeReachableFrom([web, 'jobs/batch'], { to: db });
    expect(app).toOnlyBeReachableFrom(['production/web-api', 'jobs/batch'], { to: db, port: 5432 });
    expect(app).toOnlyBeReachableFrom([], { to: db, port: 5433 });
    expect(app).toOnlyBeReachableFrom([], { to: db, port: 5432, protocol: 'UDP' });
    expect(app).not.toOnlyBeReachableFrom([web], { to: db });
  });

  test('fails naming the extra sources, the missing ones and the outside', () => {
    const { app, web, db } = shopWithBatch();
    expect(failure(() => expect(app).toOnlyBeReachableFrom([web], { to: db }))).toBe(
      'expected production/postgres to be reachable only from production/web-api on any port, but:\n' +
        '  also reachable from jobs/batch on TCP 5432',
    );
    expect(failure(() => expect(app).toOnlyBeReachableFrom([db], { to: web, port: 443 }))).toBe(
      'expected production/web-api to be reachable only from production/postgres on TCP/443, but:\n' +
        '  also reachable from jobs/batch on TCP/443\n' +
        '  also reachable from outside the cluster (e.g. 0.0.0.0) on TCP/443',
    );
    expect(failure(() => expect(app).toOnlyBeReachableFrom([web, 'jobs/batch'], { to: db, port: 5433 }))).toBe(
      'expected production/postgres to be reachable only from jobs/batch, production/web-api on TCP/5433, but:\n' +
        '  not reachable from jobs/batch on TCP/5433\n' +
        '  not reachable from production/web-api on TCP/5433',
    );
    expect(failure(() => expect(app).not.toOnlyBeReachableFrom([web, 'jobs/batch'], { to: db }))).toBe(
      'expected production/postgres not to be reachable only from jobs/batch, production/web-api on any port, but it is',
    );
  });

  test('sources must be endpoints of the app', () => {
    const { app, db } = shopWithBatch();
    expect(() => expect(app).toOnlyBeReachableFrom(['203.0.113.9'], { to: db })).toThrow(
      'sources[0]: "203.0.113.9" is an address outside the cluster; name an endpoint ("namespace/name", a Workload or a cdk8s-plus workload)',
    );
    expect(() => expect(app).toOnlyBeReachableFrom(['production/web'], { to: db })).toThrow(/^sources\[0\]: no endpoint "production\/web" in the app; did you mean production\/web-api\?/);
  });
});

describe('toNotBeReachableFromOutside', () => {
  test('passes when no outside address reaches the endpoints', () => {
    const { app, db } = shopWithBatch();
    expect(app).toNotBeReachableFromOutside({ to: db });
    expect(app).toNotBeReachableFromOutside({ to: 'production/web-api', port: 80 });
  });

  test('fails naming each endpoint reachable from outside, with an example address', () => {
    const { app } = shopWithBatch();
    expect(failure(() => expect(app).toNotBeReachableFromOutside())).toBe(
      'expected every endpoint not to be reachable from outside the cluster on any port, but:\n' +
        '  jobs/batch is reachable from outside the cluster (e.g. 0.0.0.0) on every port\n' +
        '  production/web-api is reachable from outside the cluster (e.g. 0.0.0.0) on TCP 443',
    );
    expect(failure(() => expect(app).not.toNotBeReachableFromOutside({ to: 'production/postgres' }))).toBe(
      'expected production/postgres to be reachable from outside the cluster on any port, but none is',
    );
  });

  test('an address an ipBlock lets in is found, IPv6 included', () => {
    const app = Testing.app();
    const chart = new NamespacePolicyChart(app, 'edge', { namespace: 'edge' });
    const api = Workload.select({ app: 'api' });
    new NetworkPolicy(chart, 'api', { pods: api, ingress: [{ from: IpRange.cidr('2001:db8::/32'), ports: [Port.tcp(8443)] }] });
    expect(failure(() => expect(app).toNotBeReachableFromOutside({ to: api }))).toBe(
      'expected edge/api not to be reachable from outside the cluster on any port, but:\n  edge/api is reachable from outside the cluster (e.g. 2001:db8::) on TCP 8443',
    );
  });
});

const lines = [
  { line: 'cdk8s-plus-28', deployment: (scope: Construct, id: string, app: string) => new kplus28.Deployment(scope, id, { podMetadata: { labels: { app } }, containers: [{ image: 'nginx', portNumber: 8080 }] }) },
  { line: 'cdk8s-plus-33', deployment: (scope: Construct, id: string, app: string) => new kplus33.Deployment(scope, id, { podMetadata: { labels: { app } }, containers: [{ image: 'nginx', portNumber: 8080 }] }) },
];

describe.each(lines)('$line workloads in the matchers', ({ deployment }) => {
  function plusShop(): { app: App; web: ReturnType<typeof deployment>; api: ReturnType<typeof deployment> } {
    const app = Testing.app();
    const chart = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
    const web = deployment(chart, 'web', 'web');
    const api = deployment(chart, 'api', 'api');
    new DefaultDeny(chart, 'default-deny-all');
    new NetworkPolicy(chart, 'api-from-web', { pods: api, ingress: [{ from: web, ports: [Port.tcp(8080)] }] });
    new NetworkPolicy(chart, 'web-to-api', { pods: web, egress: [{ to: api, ports: [Port.tcp(8080)] }] });
    return { app, web, api };
  }

  test('are endpoints named by their construct id, not the generated name', () => {
    const { app, web } = plusShop();
    expect(web.name).toMatch(/^shop-web-[0-9a-f]{8}$/);
    expect(synthClusterModel(app).endpoints.map((endpoint) => `${endpoint.kind} ${endpoint.namespace}/${endpoint.name}`)).toEqual([
      'Deployment shop/api',
      'Deployment shop/web',
    ]);
  });

  test('work as from and to, in every matcher, beside their ids', () => {
    const { app, web, api } = plusShop();
    expect(app).toAllowTraffic({ from: web, to: api, port: 8080 });
    expect(app).toAllowTraffic({ from: 'shop/web', to: 'shop/api', port: 8080 });
    expect(app).toDenyTraffic({ from: api, to: web, port: 8080 });
    expect(app).toBeIsolated({ pods: [web, api] });
    expect(app).toOnlyBeReachableFrom([web], { to: api });
    expect(app).toNotBeReachableFromOutside({ to: [web, api] });
    expect(failure(() => expect(app).toAllowTraffic({ from: api, to: web, port: 8080 }))).toMatch(
      /^expected the traffic to be allowed, but it is denied:\nshop\/api -> shop\/web on TCP\/8080: DENIED/,
    );
  });

  test('a given metadata.name is the endpoint name', () => {
    const app = Testing.app();
    const chart = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
    const web = new kplus33.Deployment(chart, 'web', { metadata: { name: 'storefront' }, podMetadata: { labels: { app: 'web' } }, containers: [{ image: 'nginx' }] });
    new DefaultDeny(chart, 'default-deny-all');
    expect(synthClusterModel(app).endpoints.map((endpoint) => endpoint.name)).toEqual(['storefront']);
    expect(app).toBeIsolated({ pods: web });
  });

  test('two workloads with one id in a namespace are refused, naming both', () => {
    const app = Testing.app();
    deployment(new Chart(app, 'a', { namespace: 'shop' }), 'api', 'a');
    deployment(new Chart(app, 'b', { namespace: 'shop' }), 'api', 'b');
    expect(() => synthClusterModel(app)).toThrow(
      /^<app>: two workloads are both named "shop\/api" \(a \(Deployment a-api-[0-9a-f]{8}\) and b \(Deployment b-api-[0-9a-f]{8}\)\); cdk8s-plus workloads are named by their construct id unless given a metadata.name: give one of them a metadata.name$/,
    );
  });
});
