import * as path from 'path';
import { buildClusterModel } from '../../lib/manifests';
import { readManifestObject } from '../../lib/manifests/manifest-object';
import { Endpoint, resolveTargetPort, servicePods } from '../../lib/model';
import { runCli } from '../cli/run-cli';

const DIR = path.join(__dirname, '../fixtures/manifests/services');
const file = (name: string): string => path.join(DIR, `${name}.yaml`);
const SOURCE = { file: 'test.yaml', documentIndex: 0 };

function read(value: unknown) {
  return readManifestObject(value, SOURCE, 'default');
}

describe('reading Services and what refers to them', () => {
  test('a Service with the API server defaults: TCP, targetPort = port, ClusterIP, Cluster', () => {
    const object = read({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ port: 80 }] } });
    expect(object).toMatchObject({
      role: 'service',
      namespace: 'default',
      namespaceAssumed: true,
      service: { namespace: 'default', name: 'api', selector: { app: 'api' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], type: 'ClusterIP', externalTrafficPolicy: 'Cluster' },
    });
  });

  test('targetPort 0 and "" default to port; an empty selector is no selector', () => {
    const object = read({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { selector: {}, ports: [{ name: 'a', port: 80, targetPort: 0 }, { name: 'b', port: 81, targetPort: '' }] } });
    expect(object.role === 'service' && object.service.ports.map((port) => port.targetPort)).toEqual([80, 81]);
    expect(object.role === 'service' && object.service.selector).toBeUndefined();
  });

  test.each([
    [{ ports: [{ port: 0 }] }, 'spec.ports[0].port', /between 1 and 65535/],
    [{ ports: [{ port: 80, targetPort: 'HTTP' }] }, 'spec.ports[0].targetPort', /not a valid port name/],
    [{ ports: [{ port: 80, protocol: 'ICMP' }] }, 'spec.ports[0].protocol', /supported values: TCP, UDP, SCTP/],
    [{ ports: [{ port: 80 }, { name: 'b', port: 81 }] }, 'spec.ports[0].name', /must have a name/],
    [{ type: 'Public' }, 'spec.type', /supported values/],
  ])('an invalid Service is left out with the field path: %j', (spec, fieldPath, message) => {
    const object = read({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', namespace: 'shop' }, spec });
    expect(object.role).toBe('invalid');
    expect(object.role === 'invalid' && object.error).toMatchObject({ severity: 'error', path: fieldPath, message: expect.stringMatching(message) });
    expect(object.namespace).toBe('shop');
  });

  test('Ingress v1: default backend and rule backends, port by name or number', () => {
    const object = read({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop', namespace: 'shop' },
      spec: {
        defaultBackend: { service: { name: 'web', port: { number: 80 } } },
        rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }, { path: '/s', pathType: 'Prefix', backend: { resource: { kind: 'Bucket', name: 'b' } } }] } }],
      },
    });
    expect(object.role === 'service-referrer' && object.references.map(({ path: at, service, port, caller }) => ({ at, service, port, caller }))).toEqual([
      { at: 'spec.defaultBackend.service', service: { namespace: 'shop', name: 'web' }, port: 80, caller: 'ingress-controller' },
      { at: 'spec.rules[0].http.paths[0].backend.service', service: { namespace: 'shop', name: 'api' }, port: 'http', caller: 'ingress-controller' },
    ]);
  });

  test('an Ingress port with both name and number is invalid', () => {
    const object = read({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { defaultBackend: { service: { name: 'web', port: { number: 80, name: 'http' } } } } });
    expect(object.role === 'invalid' && object.error.path).toBe('spec.defaultBackend.service.port');
  });

  test.each(['v1', 'v1beta1', 'v1alpha2'])('HTTPRoute %s: kind Service and group "" by default, the route\'s namespace by default, other kinds not Services', (version) => {
    const object = read({
      apiVersion: `gateway.networking.k8s.io/${version}`,
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'shop' },
      spec: { rules: [{ backendRefs: [{ name: 'api', port: 80 }, { name: 'other', namespace: 'edge', port: 8080 }, { group: 'example.com', kind: 'Bucket', name: 'b' }] }] },
    });
    expect(object.role === 'service-referrer' && object.references.map(({ service, port }) => ({ service, port }))).toEqual([
      { service: { namespace: 'shop', name: 'api' }, port: 80 },
      { service: { namespace: 'edge', name: 'other' }, port: 8080 },
    ]);
  });

  test('a route backendRef to a Service without a port is invalid (the CRD\'s CEL rule)', () => {
    const object = read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GRPCRoute', metadata: { name: 'g', namespace: 'shop' }, spec: { rules: [{ backendRefs: [{ name: 'api' }] }] } });
    expect(object.role === 'invalid' && object.error).toMatchObject({ path: 'spec.rules[0].backendRefs[0].port', message: expect.stringMatching(/Must have port for Service reference/) });
  });

  test('webhooks: port 443 and failurePolicy Fail by default; a url webhook names no Service', () => {
    const object = read({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'm' },
      webhooks: [{ name: 'a.example.com', clientConfig: { service: { namespace: 'sys', name: 'hook' } } }, { name: 'b.example.com', clientConfig: { url: 'https://x.example.com' } }],
    });
    expect(object.namespace).toBeUndefined();
    expect(object.role === 'service-referrer' && object.references).toEqual([
      expect.objectContaining({ kind: 'MutatingWebhookConfiguration', name: 'm', path: 'webhooks[0].clientConfig.service', service: { namespace: 'sys', name: 'hook' }, port: 443, caller: 'api-server', webhook: { name: 'a.example.com', failurePolicy: 'Fail' } }),
    ]);
  });

  test('the model carries Services and references, and an invalid Service is reported and left out', () => {
    const objects = [
      read({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ok', namespace: 'shop' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }] } }),
      read({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad', namespace: 'shop' }, spec: { ports: [{ port: 'eighty' }] } }),
    ];
    const build = buildClusterModel(objects);
    expect(build.model.services?.map((service) => service.name)).toEqual(['ok']);
    expect(build.rejected.map((rejection) => rejection.object.name)).toEqual(['bad']);
    expect(build.findings).toEqual([expect.objectContaining({ severity: 'error', kind: 'Service', name: 'bad', path: 'spec.ports[0].port' })]);
  });
});

describe('resolving a targetPort on pods', () => {
  const pod = (name: string, ports: Endpoint['ports'], labels = { app: 'api' }): Endpoint => ({ namespace: 'shop', name, kind: 'Pod', labels, ports, ips: [] });
  const service = { namespace: 'shop', name: 'api', selector: { app: 'api' }, ports: [], type: 'ClusterIP' as const, externalTrafficPolicy: 'Cluster' as const };

  test('a named targetPort needs the name AND the Service port\'s protocol (FindPort)', () => {
    const ports = [{ name: 'dns', port: 5353, protocol: 'UDP' as const }];
    expect(resolveTargetPort({ port: 53, targetPort: 'dns', protocol: 'UDP' }, ports)).toBe(5353);
    expect(resolveTargetPort({ port: 53, targetPort: 'dns', protocol: 'TCP' }, ports)).toBeUndefined();
    expect(resolveTargetPort({ port: 80, targetPort: 8080, protocol: 'TCP' }, [])).toBe(8080);
  });

  test('a Service selects pods of its namespace whose labels have every selector term', () => {
    const pods = [pod('a', []), pod('b', [], { app: 'web' }), { ...pod('c', []), namespace: 'other' }];
    expect(servicePods(service, pods).map((endpoint) => endpoint.name)).toEqual(['a']);
    expect(servicePods({ ...service, selector: undefined }, pods)).toEqual([]);
  });
});

describe('reach and explain --to svc/namespace/name[:port]', () => {
  test('reach probes the target port, not the Service port', async () => {
    const result = await runCli(['reach', file('base'), file('port-not-target-port'), '--to', 'svc/shop/api:80', '--format', 'json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.services).toEqual([expect.objectContaining({ service: 'svc/shop/api:80', targetPort: 8080, port: 8080, protocol: 'TCP', allowed: [] })]);
  });

  test('explain by Service port name: each pod on its resolved port', async () => {
    const result = await runCli(['explain', file('base'), file('port-is-target-port'), '--from', 'shop/web', '--to', 'svc/shop/api:http']);
    expect(result.stdout).toMatch(/^svc\/shop\/api:80 delivers to shop\/api on TCP\/8080\nshop\/web -> shop\/api on TCP\/8080: ALLOWED\n/);
  });

  test('a Service without a selector is refused', async () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: shop}\nspec: {ports: [{port: 80}]}\n';
    const result = await runCli(['reach', '-', '--to', 'svc/shop/ext'], text);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--to: svc\/shop\/ext has no selector: its endpoints are managed outside Kubernetes, not pods a NetworkPolicy can select/);
  });

  test('a named targetPort resolving differently is reached per port, and said', async () => {
    const result = await runCli(['reach', file('named-target-port-differs'), '--to', 'svc/shop/api']);
    expect(result.stdout).toContain('svc/shop/api:80 -> its pods on TCP/8080 (targetPort http)');
    expect(result.stdout).toContain('svc/shop/api:80 -> its pods on TCP/9090 (targetPort http)');
    expect(result.stdout).toContain('note: svc/shop/api:80: its targetPort resolves to different ports on different pods');
  });

  test('reach shows the ingress controller placeholder, allowed only when the backend admits all namespaces or outside', async () => {
    const denied = await runCli(['reach', file('base'), file('ingress'), file('port-is-target-port'), '--format', 'json']);
    expect(JSON.parse(denied.stdout).ingressController).toEqual([
      { via: 'Ingress shop/shop', backend: 'svc/shop/api:http', from: '{ingress-controller}', to: 'shop/api', port: 8080, protocol: 'TCP', allowed: false },
    ]);
    const open = await runCli(['reach', file('base'), file('ingress'), file('admits-outside'), '--format', 'json']);
    expect(JSON.parse(open.stdout).ingressController[0]).toMatchObject({ from: '{ingress-controller}', allowed: true });
    const named = await runCli(['reach', file('base'), file('ingress'), file('admits-controller'), '--format', 'json', '--ingress-controller', 'ingress-nginx/app.kubernetes.io/name=ingress-nginx']);
    expect(JSON.parse(named.stdout).ingressController[0]).toMatchObject({ from: 'ingress-nginx/ingress-nginx-controller', allowed: true });
  });
});
