import { promises as fs } from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as ts from 'typescript';
import { loadGeneratedEstate } from '../flows/generated-module';
import { useTempDir } from '../manifests/temp-dir';
import { runCli } from './run-cli';

const ROOT = path.join(__dirname, '..', '..');
const OBSERVED = path.join(__dirname, '..', 'fixtures', 'flows', 'shop-observed.jsonl');
const scratch = useTempDir('netpol-generate-');

/** Type-checks the generated module strictly against the built library's declarations (what a consumer compiles against). */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    baseUrl: ROOT,
    paths: { 'cdk8s-netpol': ['build/index.d.ts'], constructs: ['node_modules/constructs'], cdk8s: ['node_modules/cdk8s'] },
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/** A Hubble jsonpb line from one pod to another (labels as Hubble writes them). */
function hubbleLine(from: Pod, to: Pod, port: number, protocol: 'TCP' | 'UDP'): string {
  const endpoint = (pod: Pod) => ({ namespace: pod.namespace, labels: pod.labels.map((label) => `k8s:${label}`), workloads: [{ name: pod.name, kind: 'Deployment' }] });
  return JSON.stringify({ flow: { verdict: 'FORWARDED', l4: { [protocol]: { source_port: 40000, destination_port: port } }, source: endpoint(from), destination: endpoint(to), is_reply: false } });
}

interface Pod {
  namespace: string;
  name: string;
  labels: string[];
}

describe('netpol generate (#13.3)', () => {
  let source = '';
  let manifests = '';
  beforeAll(async () => {
    const result = await runCli(['generate', '--flows', OBSERVED, '--out', path.join(scratch(), 'generated')]);
    expect(result.code).toBe(0);
    source = await fs.readFile(path.join(scratch(), 'generated', 'observed-estate.ts'), 'utf8');
    const app = Testing.app({ outdir: path.join(scratch(), 'dist') });
    loadGeneratedEstate(source, path.join(ROOT, 'build', 'index.js'))(app);
    app.synth();
    manifests = app.outdir;
  });

  test('writes TypeScript for the DSL that type-checks strictly, and main.ts to synthesize it', async () => {
    const file = path.join(scratch(), 'generated', 'observed-estate.ts');
    expect(typeErrors(file)).toEqual([]);
    expect(source).toContain("new NamespacePolicyChart(app, 'shop', { namespace: 'shop', baseline: true, enforcement });");
    expect(source).toContain("new AllowTraffic(app, 'web-to-api', { from: shopWeb, to: shopApi, ports: [Port.tcp(8080)] }); // 4 observed");
    expect(source).toContain("to: IpRange.address('203.0.113.10'), ports: [Port.tcp(443), Port.tcp(8443)] }); // 3 observed; api.payments.example");
    expect(await fs.readFile(path.join(scratch(), 'generated', 'main.ts'), 'utf8')).toContain("defineObservedEstate(app, 'enforced');");
  }, 60_000);

  test('the synthesized policies deny nothing observed', async () => {
    const result = await runCli(['audit', manifests, '--flows', OBSERVED, '--format', 'json', '--fail-on-denied']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary).toMatchObject({ denied: 0, notJudged: 0, allowed: 11 });
  });

  test('and allow nothing else between the observed workloads on the observed ports', async () => {
    const pods: Pod[] = [
      { namespace: 'shop', name: 'web', labels: ['app=web', 'cdk8s.io/metadata.addr=shop-workloads-web-c8ca846c'] },
      { namespace: 'shop', name: 'api', labels: ['app=api', 'cdk8s.io/metadata.addr=shop-workloads-api-c8555760'] },
      { namespace: 'shop', name: 'payments', labels: ['app=payments', 'cdk8s.io/metadata.addr=shop-workloads-payments-c8c03929'] },
      { namespace: 'shop', name: 'postgres', labels: ['app=postgres', 'cdk8s.io/metadata.addr=shop-workloads-postgres-c8f4e3cf'] },
      { namespace: 'monitoring', name: 'prometheus', labels: ['app.kubernetes.io/name=prometheus', 'cdk8s.io/metadata.addr=monitoring-workloads-prometheus-c8cf4c37'] },
      { namespace: 'kube-system', name: 'coredns', labels: ['k8s-app=kube-dns'] },
      { namespace: 'ingress-nginx', name: 'ingress-nginx-controller', labels: ['app.kubernetes.io/name=ingress-nginx', 'app.kubernetes.io/component=controller'] },
    ];
    const ports = [
      [8080, 'TCP'],
      [5432, 'TCP'],
      [8443, 'TCP'],
      [9090, 'TCP'],
      [53, 'TCP'],
      [53, 'UDP'],
    ] as const;
    const observed = new Set([
      'ingress-nginx-controller web 8080/TCP',
      'web api 8080/TCP',
      'api postgres 5432/TCP',
      'api payments 8443/TCP',
      'prometheus web 9090/TCP',
      'prometheus api 9090/TCP',
      'prometheus payments 9090/TCP',
      'web coredns 53/UDP',
      'prometheus coredns 53/TCP',
    ]);
    const lines = pods.flatMap((from) => pods.flatMap((to) => ports.map(([port, protocol]) => hubbleLine(from, to, port, protocol))));
    const file = path.join(scratch(), 'every-pair.jsonl');
    await fs.writeFile(file, lines.join('\n') + '\n');
    const result = await runCli(['audit', manifests, '--flows', file, '--format', 'json']);
    const flows: { from: { id: string }; to: { id: string }; port: number; protocol: string; verdict: string }[] = JSON.parse(result.stdout).flows;
    expect(flows).toHaveLength(pods.length * pods.length * ports.length);
    const name = (id: string) => id.slice(id.indexOf('/') + 1);
    const allowed = flows.filter((flow) => flow.verdict === 'allowed').map((flow) => `${name(flow.from.id)} ${name(flow.to.id)} ${flow.port}/${flow.protocol}`);
    expect(new Set(allowed)).toEqual(observed);
    expect(flows.every((flow) => flow.verdict !== 'not-judged')).toBe(true);
  });

  test('--enforcement staged: main.ts stages the estate, which audit --staged judges as the enforced one', async () => {
    const out = path.join(scratch(), 'staged');
    expect((await runCli(['generate', '--flows', OBSERVED, '--out', out, '--enforcement', 'staged'])).code).toBe(0);
    expect(await fs.readFile(path.join(out, 'main.ts'), 'utf8')).toContain("defineObservedEstate(app, 'staged');");
    const app = Testing.app({ outdir: path.join(scratch(), 'staged-dist') });
    const define = loadGeneratedEstate(await fs.readFile(path.join(out, 'observed-estate.ts'), 'utf8'), path.join(ROOT, 'build', 'index.js')) as (
      app: unknown,
      enforcement: string,
    ) => void;
    define(app, 'staged');
    app.synth();
    const staged = await runCli(['audit', app.outdir, '--staged', '--flows', OBSERVED, '--format', 'json', '--fail-on-denied']);
    expect(staged.code).toBe(0);
    expect(JSON.parse(staged.stdout).summary).toMatchObject({ denied: 0, notJudged: 0, allowed: 11 });
    const enforced = await runCli(['reach', app.outdir, '--format', 'json']);
    expect(JSON.parse(enforced.stdout).staged.length).toBeGreaterThan(0);
    expect((await runCli(['generate', '--flows', OBSERVED, '--enforcement', 'audit'])).code).toBe(2);
  }, 60_000);

  test('flows it cannot allow are listed at the top of the file, never dropped', async () => {
    const file = path.join(scratch(), 'plain.csv');
    await fs.writeFile(file, 'from,to,port,protocol\nshop/web,shop/api,8080,TCP\n');
    const result = await runCli(['generate', '--flows', file]);
    expect(result.stdout).toContain(
      '//   shop/web -> shop/api on TCP/8080 (1 observed): the plain format names the workload, not its labels: generate needs the labels (Hubble flows)',
    );
    expect(result.stderr).toContain('1 observed flow groups left out');
  });
});
