import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import {
  AllowFrom,
  AllowMetricsScrape,
  AllowTo,
  AllowTraffic,
  ConstructInputError,
  DefaultDeny,
  NamespacePolicyChart,
  NetworkPolicy,
  Port,
  Service,
  Workload,
} from '../../lib';
import { declaredWorkloads } from '../../lib/constructs';
import { productionChart, specOf, synthError } from './synth-helpers';

/**
 * A Service as pods or a peer stands for the pods it selects; the ports a policy allows on
 * them are the Service's target ports (pod ports), never its `port`.
 */
const web = Workload.select({ app: 'web' });
const api = Service.select('api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });

function errorOf(create: () => unknown): ConstructInputError {
  try {
    create();
  } catch (error) {
    return error as ConstructInputError;
  }
  throw new Error('expected an error');
}

describe('Service.select as the pods of an ingress policy', () => {
  test('AllowFrom: the Service port 80 -> 8080 allows TCP 8080 on the api pods (the issue)', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'api-from-web', { pods: api, from: web });
    expect(specOf(chart, 'api-from-web')).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
  });

  test('a named targetPort stays a named port, with the Service port protocol', () => {
    const chart = productionChart();
    const named = Service.select('api', { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'http' }] });
    new AllowFrom(chart, 'api-from-web', { pods: named, from: web });
    expect(specOf(chart, 'api-from-web')).toMatchSnapshot();
    expect((specOf(chart, 'api-from-web') as { ingress: Array<{ ports: unknown }> }).ingress[0].ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
  });

  test('every target port, once each, with the defaults (targetPort = port, TCP); UDP kept', () => {
    const chart = productionChart();
    const dns = Service.select('resolver', {
      selector: { app: 'resolver' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53 },
        { name: 'alt', port: 5353, targetPort: 53 },
      ],
    });
    new AllowFrom(chart, 'resolver-from-web', { pods: dns, from: web });
    expect((specOf(chart, 'resolver-from-web') as { ingress: Array<{ ports: unknown }> }).ingress[0].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
  });

  test('Port.service picks one Service port by name or by number and allows its targetPort', () => {
    const chart = productionChart();
    const multi = Service.select('api', {
      selector: { app: 'api' },
      ports: [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'grpc', port: 9000, targetPort: 'grpc' },
      ],
    });
    new AllowFrom(chart, 'by-name', { pods: multi, from: web, ports: [Port.service('grpc')] });
    new AllowFrom(chart, 'by-number', { pods: multi, from: web, ports: [Port.service(80), Port.tcp(9090)] });
    expect((specOf(chart, 'by-name') as { ingress: Array<{ ports: unknown }> }).ingress[0].ports).toEqual([{ protocol: 'TCP', port: 'grpc' }]);
    expect((specOf(chart, 'by-number') as { ingress: Array<{ ports: unknown }> }).ingress[0].ports).toEqual([
      { protocol: 'TCP', port: 8080 },
      { protocol: 'TCP', port: 9090 },
    ]);
  });

  test('NetworkPolicy: ingress rules default to the target ports; egress rules do not (their destination is not the Service)', () => {
    const chart = productionChart();
    const policy = new NetworkPolicy(chart, 'api', { pods: api, ingress: [{ from: web }], egress: [{ to: Workload.select({ app: 'db' }) }] });
    policy.addIngress({ ports: [Port.service('http')] });
    expect(specOf(chart, 'api')).toMatchSnapshot();
    expect(specOf(chart, 'api')).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
        { ports: [{ protocol: 'TCP', port: 8080 }] },
      ],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
    });
  });

  test('other constructs take a Service as pods: DefaultDeny selects its pods, AllowMetricsScrape resolves Port.service', () => {
    const chart = productionChart();
    const scraped = Service.select('api', {
      selector: { app: 'api' },
      ports: [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'metrics', port: 9090, targetPort: 'metrics' },
      ],
    });
    new DefaultDeny(chart, 'deny-api', { pods: scraped });
    new AllowMetricsScrape(chart, 'api-metrics', { pods: scraped, port: Port.service('metrics') });
    expect((specOf(chart, 'deny-api') as { podSelector: unknown }).podSelector).toEqual({ matchLabels: { app: 'api' } });
    expect((specOf(chart, 'api-metrics') as { ingress: Array<{ ports: unknown }> }).ingress[0].ports).toEqual([{ protocol: 'TCP', port: 'metrics' }]);
  });
});

describe('a Service as the destination of an egress rule', () => {
  test('AllowTo: the ports default to its target ports; several Services each get their own rule, other peers keep every port', () => {
    const chart = productionChart();
    const db = Service.select('db', { selector: { app: 'db' }, ports: [{ port: 5432 }] });
    const cache = Service.select('cache', { namespace: 'caching', selector: { app: 'redis' }, ports: [{ port: 6379, targetPort: 'redis' }] });
    const api2 = Service.select('api-v2', { selector: { app: 'api', track: 'v2' }, ports: [{ port: 443, targetPort: 8080 }] });
    new AllowTo(chart, 'web-to-api', { pods: web, to: api });
    new AllowTo(chart, 'web-to-backends', { pods: web, to: [api, db, cache, api2, Workload.select({ app: 'legacy' })] });
    expect(specOf(chart, 'web-to-api')).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
    // api and api-v2 share TCP 8080 (one rule); the Service in namespace caching is one peer with both selectors.
    expect(specOf(chart, 'web-to-backends')).toMatchSnapshot();
    const egress = (specOf(chart, 'web-to-backends') as { egress: Array<{ to: unknown[]; ports?: unknown }> }).egress;
    expect(egress.map((rule) => [rule.to.length, rule.ports])).toEqual([
      [2, [{ protocol: 'TCP', port: 8080 }]],
      [1, [{ protocol: 'TCP', port: 5432 }]],
      [1, [{ protocol: 'TCP', port: 'redis' }]],
      [1, undefined],
    ]);
    expect(egress[2].to).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'caching' } }, podSelector: { matchLabels: { app: 'redis' } } },
    ]);
  });

  test('explicit ports without Port.service apply to every peer, as written (one rule)', () => {
    const chart = productionChart();
    const db = Service.select('db', { selector: { app: 'db' }, ports: [{ port: 5432 }] });
    new AllowTo(chart, 'web-out', { pods: web, to: [api, db], ports: [Port.tcp(443)] });
    expect((specOf(chart, 'web-out') as { egress: unknown[] }).egress).toEqual([
      { to: [{ podSelector: { matchLabels: { app: 'api' } } }, { podSelector: { matchLabels: { app: 'db' } } }], ports: [{ protocol: 'TCP', port: 443 }] },
    ]);
  });

  test('a Service as the source of an ingress rule is its pods; the ports stay those of the policy pods', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'db-from-api', { pods: Workload.select({ app: 'db' }), from: api, ports: [Port.tcp(5432)] });
    expect((specOf(chart, 'db-from-api') as { ingress: unknown[] }).ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);
  });

  test('AllowTraffic to a Service: both policies allow its target port', () => {
    const app = Testing.app();
    const shop = new NamespacePolicyChart(app, 'shop', { namespace: 'shop' });
    new NamespacePolicyChart(app, 'front', { namespace: 'front' });
    const shopApi = Service.select('api', { namespace: 'shop', selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    const traffic = new AllowTraffic(app, 'web-to-api', { from: Workload.select({ app: 'web' }, { namespace: 'front' }), to: shopApi });
    expect(traffic.egressPolicy?.toSpec().egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'api' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
    expect(traffic.ingressPolicy?.toSpec()).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } }, podSelector: { matchLabels: { app: 'web' } } }],
          ports: [{ protocol: 'TCP', port: 8080 }],
        },
      ],
    });
    expect(traffic.ingressPolicy?.node.path).toBe('shop/web-to-api-ingress');
    expect(Testing.synth(shop)).toMatchSnapshot();
  });
});

describe('refusals', () => {
  test('Service.select without a selector: its endpoints are not pods a policy can select', () => {
    const error = errorOf(() => Service.select('external-db', { selector: {}, ports: [{ port: 5432 }] }));
    expect(error).toBeInstanceOf(ConstructInputError);
    expect(error.code).toBe('SERVICE_WITHOUT_SELECTOR');
    expect(error.message).toMatch(/^\[Service\.select\("external-db"\)\] selector: the Service has no selector: its endpoints are managed outside Kubernetes/);
    expect(error.message).toContain('Workload.select (pods) or IpRange (addresses)');
  });

  test.each([
    [{ selector: { app: 'a' }, ports: [] }, '[Service.select("a")] ports: give at least one port'],
    [{ selector: { app: 'a' }, ports: [{ port: 0 }] }, '[Service.select("a")] ports[0].port: must be an integer between 1 and 65535, inclusive, got 0'],
    [{ selector: { app: 'a' }, ports: [{ port: 80, targetPort: 'HTTP_port' }] }, '[Service.select("a")] ports[0].targetPort: must be a port number (1-65535) or a container port name, got "HTTP_port"'],
    [{ selector: { app: 'a' }, ports: [{ port: 80, protocol: 'ICMP' }] }, '[Service.select("a")] ports[0].protocol: unsupported value "ICMP": supported values: TCP, UDP, SCTP'],
    [{ selector: { app: 'a' }, ports: [{ port: 80, name: 'http' }, { port: 81 }] }, '[Service.select("a")] ports[1].name: required: every port of a Service with more than one port must have a name'],
    [{ selector: { app: 'a' }, ports: [{ port: 80, name: 'http' }, { port: 81, name: 'http' }] }, '[Service.select("a")] ports[1].name: duplicate port name "http"'],
  ])('Service.select refuses what the API server would: %j', (options, message) => {
    const error = errorOf(() => Service.select('a', options as never));
    expect(error.code).toBe('INVALID_SERVICE');
    expect(error.message.startsWith(message)).toBe(true);
  });

  test('Port.service names a port the Service lacks: the error lists its ports', () => {
    const chart = productionChart();
    new AllowFrom(chart, 'api-from-web', { pods: api, from: web, ports: [Port.service('grpc')] });
    expect(synthError(() => Testing.synth(chart))).toContain(
      '[production/api-from-web] ingress[0].ports[0]: Port.service("grpc"): the Service Service.select("api") has no port named "grpc"; its ports: http (80 -> 8080/TCP)',
    );
    expect(errorOf(() => Testing.synth(chart)).code).toBe('UNKNOWN_SERVICE_PORT');
  });

  test('Port.service with no Service to resolve on is refused where the policy is created', () => {
    const chart = productionChart();
    const ingress = errorOf(() => new AllowFrom(chart, 'a', { pods: web, from: api, ports: [Port.service('http')] }));
    expect(ingress.code).toBe('UNKNOWN_SERVICE_PORT');
    expect(ingress.message).toBe(
      "[production/a] ingress[0].ports: Port.service(\"http\") picks a port of the Service the traffic goes to, but the policy's pods are not a Service; give the Service as pods, or the pod port (Port.tcp, Port.named)",
    );
    const egress = errorOf(() => new AllowTo(chart, 'b', { pods: web, to: [api, Workload.select({ app: 'x' })], ports: [Port.service('http')] }));
    expect(egress.message).toBe(
      "[production/b] egress[0].ports: Port.service(\"http\") picks a port of the Service the traffic goes to, but the rule's destinations are not all Services; put the other peers in a rule of their own with pod ports (Port.tcp, Port.named)",
    );
    expect(() => new NetworkPolicy(chart, 'c', { egress: [{ ports: [Port.service('http')] }] })).toThrow("the rule's destinations are not all Services");
    expect(() => Port.service('http').toNetworkPolicyPort()).toThrow('Port.service("http") has no port of its own: use it in a rule whose destination is a Service');
  });

  test('a Service in another namespace is not the pods of this namespace', () => {
    const chart = productionChart();
    const elsewhere = Service.select('api', { namespace: 'other', selector: { app: 'api' }, ports: [{ port: 80 }] });
    expect(() => new AllowFrom(chart, 'a', { pods: elsewhere, from: web })).toThrow('production/a: pods: a NetworkPolicy applies to pods of its own namespace "production"');
  });
});

test('a Service declares no endpoint of its own (it is a selector); its pods are declared where they are defined', () => {
  const chart = productionChart();
  new AllowFrom(chart, 'api-from-web', { pods: api, from: web });
  new AllowTo(chart, 'web-to-api', { pods: web, to: api });
  expect(declaredWorkloads(chart)).toEqual([{ namespace: 'production', name: 'web', labels: { app: 'web' } }]);
});

/** The same tests with real cdk8s-plus-28 and cdk8s-plus-33 Services (no casts). */
const lines = [
  {
    line: 'cdk8s-plus-28',
    deployment: (scope: Construct) =>
      new kplus28.Deployment(scope, 'api', { podMetadata: { labels: { app: 'api' } }, containers: [{ image: 'api', ports: [{ name: 'http', number: 8080 }] }] }),
    /** A Service selecting the pods labelled app=api (none for `selector: false`). */
    service: (scope: Construct, id: string, ports: kplus28.ServicePort[] = [], selector = true) =>
      new kplus28.Service(scope, id, { ports, ...(selector ? { selector: kplus28.Pods.select(scope, `${id}-pods`, { labels: { app: 'api' } }) } : {}) }),
    intOrString: (value: string) => kplus28.k8s.IntOrString.fromString(value),
  },
  {
    line: 'cdk8s-plus-33',
    deployment: (scope: Construct) =>
      new kplus33.Deployment(scope, 'api', { podMetadata: { labels: { app: 'api' } }, containers: [{ image: 'api', ports: [{ name: 'http', number: 8080 }] }] }),
    /** A Service selecting the pods labelled app=api (none for `selector: false`). */
    service: (scope: Construct, id: string, ports: kplus33.ServicePort[] = [], selector = true) =>
      new kplus33.Service(scope, id, { ports, ...(selector ? { selector: kplus33.Pods.select(scope, `${id}-pods`, { labels: { app: 'api' } }) } : {}) }),
    intOrString: (value: string) => kplus33.k8s.IntOrString.fromString(value),
  },
];

describe.each(lines)('$line Services', ({ deployment, service, intOrString }) => {
  test('exposeViaService: the Service selector (cdk8s-plus address label) and its target port', () => {
    const chart = productionChart();
    const exposed = deployment(chart).exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
    new AllowFrom(chart, 'api-from-web', { pods: exposed, from: web });
    const spec = specOf(chart, 'api-from-web') as { podSelector: { matchLabels: Record<string, string> }; ingress: Array<{ ports: unknown }> };
    expect(Object.keys(spec.podSelector.matchLabels)).toEqual(['cdk8s.io/metadata.addr']);
    expect(spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });

  test('a Service selecting by labels, as pods and as a peer; ports bound after the policy count', () => {
    const chart = productionChart();
    const svc = service(chart, 'api-svc');
    new AllowFrom(chart, 'api-from-web', { pods: svc, from: web });
    new AllowTo(chart, 'web-to-api', { pods: web, to: svc });
    svc.bind(443, { name: 'https', targetPort: 8443 });
    expect(specOf(chart, 'api-from-web')).toMatchSnapshot();
    expect((specOf(chart, 'web-to-api') as { egress: unknown }).egress).toEqual([
      { to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 8443 }] },
    ]);
  });

  // The generated KubeService maps spec.ports through IntOrString, so the patch gives one.
  test('a named targetPort set through the escape hatch stays a named port; Port.service picks it', () => {
    const chart = productionChart();
    const svc = service(chart, 'api-svc', [{ name: 'web', port: 80 }]);
    ApiObject.of(svc).addJsonPatch(JsonPatch.add('/spec/ports/0/targetPort', intOrString('http')));
    new AllowFrom(chart, 'api-from-web', { pods: svc, from: web, ports: [Port.service('web')] });
    expect((specOf(chart, 'api-from-web') as { ingress: Array<{ ports: unknown }> }).ingress[0].ports).toEqual([{ protocol: 'TCP', port: 'http' }]);
    expect(Testing.synth(chart).find((object) => object.kind === 'Service').spec.ports).toEqual([{ name: 'web', port: 80, targetPort: 'http' }]);
  });

  test('a Service in another chart namespace, as a peer: one peer with both selectors', () => {
    const app = Testing.app();
    const other = new Chart(app, 'backend', { namespace: 'backend' });
    const svc = service(other, 'api-svc', [{ port: 80, targetPort: 8080 }]);
    const chart = new NamespacePolicyChart(app, 'production', { namespace: 'production' });
    new AllowTo(chart, 'web-to-api', { pods: web, to: svc });
    expect((specOf(chart, 'web-to-api') as { egress: unknown }).egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'backend' } }, podSelector: { matchLabels: { app: 'api' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
  });

  test('a Service without a selector is refused at synth, naming the Service construct and the policy', () => {
    const chart = productionChart();
    const external = service(chart, 'external-db', [{ port: 5432 }], false);
    new AllowTo(chart, 'web-to-db', { pods: web, to: external });
    const message = synthError(() => Testing.synth(chart));
    expect(message).toMatch(
      /^\[production\/web-to-db\] egress\[0\]\.to\[0\]: the Service production\/external-db has no selector: its endpoints are managed outside Kubernetes/,
    );
    expect(errorOf(() => Testing.synth(chart)).code).toBe('SERVICE_WITHOUT_SELECTOR');
  });
});
