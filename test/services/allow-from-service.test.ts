import { ApiObject, App, Chart, JsonPatch, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import * as path from 'path';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, Port } from '../../lib';
import { runCli } from '../cli/run-cli';
import { useTempDir } from '../manifests/temp-dir';

/**
 * The Done-when, end to end: `new AllowFrom(prod, 'api-from-web', { pods: apiService,
 * from: web })` where the Service maps port 80 to targetPort 8080 (or to the container port
 * named `http`) is synthesized to YAML with the Service and the Deployments, and `netpol
 * reach` / `explain` on those files agree that web reaches the api pods through the Service.
 */
const scratch = useTempDir('netpol-service-dsl-');

type TargetPort = 8080 | 'http';

/** Synthesizes the prod namespace to `scratch()/<name>` and returns that directory. */
function synthesize(name: string, targetPort: TargetPort, ports?: Port[]): string {
  const outdir = path.join(scratch(), name);
  const app = new App({ outdir });
  const prod = new Chart(app, 'prod', { namespace: 'prod' });
  const securityContext = { ensureNonRoot: false };
  const api = new kplus.Deployment(prod, 'api', {
    metadata: { name: 'api' },
    podMetadata: { labels: { app: 'api' } },
    containers: [{ image: 'api', ports: [{ name: 'http', number: 8080 }], securityContext }],
  });
  const web = new kplus.Deployment(prod, 'web', { metadata: { name: 'web' }, podMetadata: { labels: { app: 'web' } }, containers: [{ image: 'web', securityContext }] });
  const apiService = new kplus.Service(prod, 'api-service', { metadata: { name: 'api' }, selector: api, ports: [{ name: 'web', port: 80, targetPort: 8080 }] });
  if (targetPort === 'http') {
    // cdk8s-plus types targetPort as a number; a container port name goes in through the escape hatch.
    ApiObject.of(apiService).addJsonPatch(JsonPatch.replace('/spec/ports/0/targetPort', kplus.k8s.IntOrString.fromString('http')));
  }
  new DefaultDeny(prod, 'default-deny');
  new AllowDns(prod, 'allow-dns');
  new AllowFrom(prod, 'api-from-web', { pods: apiService, from: web, ports });
  new AllowTo(prod, 'web-to-api', { pods: web, to: apiService, ports });
  app.synth();
  return outdir;
}

async function reachJson(dir: string, ...args: string[]): Promise<any> {
  const result = await runCli(['reach', dir, ...args, '--format', 'json']);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout);
}

describe.each<[TargetPort, unknown]>([
  [8080, { protocol: 'TCP', port: 8080 }],
  ['http', { protocol: 'TCP', port: 'http' }],
])('a Service mapping port 80 to targetPort %s', (targetPort, emitted) => {
  test('AllowFrom with the Service as pods emits ingress on the api pods on that target port, and netpol reach agrees', async () => {
    const dir = synthesize(`target-${targetPort}`, targetPort);
    const objects = Yaml.load(path.join(dir, 'prod.k8s.yaml')) as any[];
    const byName = (kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name);
    expect(byName('Service', 'api').spec.ports).toEqual([{ name: 'web', port: 80, targetPort }]);
    const ingress = byName('NetworkPolicy', 'api-from-web').spec;
    // The policy selects exactly what the Service selects (cdk8s-plus's address label of the api Deployment).
    expect(ingress.podSelector).toEqual({ matchLabels: byName('Service', 'api').spec.selector });
    expect(ingress.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [emitted] }]);
    expect(byName('NetworkPolicy', 'web-to-api').spec.egress[0].ports).toEqual([emitted]);

    // Pod to pod: web reaches api on TCP 8080 (the named port resolves on api's container port), nothing else.
    const all = await runCli(['reach', dir]);
    expect(all.stdout).toMatch(/^FROM\s+TO\s+ALLOWED\nprod\/web\s+prod\/api\s+TCP 8080\n1 of 4 ordered pairs allow some traffic/);
    // Through the Service: its port 80 delivers to 8080 on its pods, and web is allowed there.
    const service = await reachJson(dir, '--to', 'svc/prod/api:80');
    expect(service.services).toEqual([
      expect.objectContaining({ service: 'svc/prod/api:80', targetPort, port: 8080, protocol: 'TCP', allowed: [['prod/web', 'prod/api']] }),
    ]);
    const explain = await runCli(['explain', dir, '--from', 'prod/web', '--to', 'svc/prod/api:web']);
    const note = targetPort === 'http' ? ' \\(targetPort http\\)' : '';
    expect(explain.stdout).toMatch(new RegExp(`^svc/prod/api:80 delivers to prod/api on TCP/8080${note}\nprod/web -> prod/api on TCP/8080: ALLOWED\n`));
  });
});

test('the control: a policy opening the Service port 80 instead lets nothing through the Service', async () => {
  const dir = synthesize('service-port', 8080, [Port.tcp(80)]);
  const service = await reachJson(dir, '--to', 'svc/prod/api:80');
  expect(service.services).toEqual([expect.objectContaining({ service: 'svc/prod/api:80', port: 8080, allowed: [] })]);
  const explain = await runCli(['explain', dir, '--from', 'prod/web', '--to', 'svc/prod/api:80']);
  expect(explain.stdout).toMatch(/prod\/web -> prod\/api on TCP\/8080: DENIED/);
});
