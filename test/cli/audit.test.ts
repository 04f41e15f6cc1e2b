import { promises as fs } from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { defineEstate } from '../../apps/estate';
import { useTempDir } from '../manifests/temp-dir';
import { runCli } from './run-cli';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'flows');
const ESTATE = path.join(FIXTURES, 'estate.yaml');
const scratch = useTempDir('netpol-audit-');

/** A Hubble endpoint (flow.proto Endpoint) of the shop namespace with these pod labels. */
function pod(labels: readonly string[], workload?: string): Record<string, unknown> {
  return {
    namespace: 'shop',
    labels: [...labels.map((label) => `k8s:${label}`), 'k8s:io.kubernetes.pod.namespace=shop'],
    ...(workload ? { workloads: [{ name: workload, kind: 'Deployment' }] } : {}),
  };
}

const WORLD = { identity: 2, labels: ['reserved:world'] };

/** One `hubble observe -o jsonpb` line. */
function flow(source: object, destination: object, port: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ flow: { verdict: 'FORWARDED', l4: { TCP: { source_port: 40000, destination_port: port } }, source, destination, is_reply: false, ...extra } });
}

async function writeFlows(name: string, lines: readonly string[]): Promise<string> {
  const file = path.join(scratch(), name);
  await fs.writeFile(file, lines.join('\n') + '\n');
  return file;
}

async function auditJson(flows: string, extra: string[] = []) {
  const result = await runCli(['audit', ESTATE, '--flows', flows, '--format', 'json', ...extra]);
  expect(result.stderr).toBe('');
  return { code: result.code, data: JSON.parse(result.stdout) };
}

describe('netpol audit: the example app and one flow its policies deny (#13 done-when)', () => {
  let manifests = '';
  beforeAll(() => {
    const app = Testing.app({ outdir: path.join(scratch(), 'dist') });
    defineEstate(app);
    app.synth();
    manifests = app.outdir;
  });
  const observed = path.join(FIXTURES, 'shop-observed.jsonl');

  test('reports exactly that flow, the side that denies it and the construct that would allow it', async () => {
    const result = await runCli(['audit', manifests, '--flows', observed]);
    expect(result.code).toBe(0);
    const denied = result.stdout.split('\n').filter((line) => line.startsWith('DENIED'));
    expect(denied).toEqual(['DENIED shop/payments -> 203.0.113.10 (api.payments.example, world) on TCP/8443: 2 observed: FORWARDED 2']);
    expect(result.stdout).toContain('18 observed flows in 11 groups: 1 denied (2 observed), 10 allowed (16), 0 not judged (0)');
    expect(result.stdout).toContain('  denied by: egress\n');
    expect(result.stdout).toContain(
      '  egress from shop/payments: DENIED, isolated by shop/allow-dns, shop/default-deny-all, shop/payments-to-provider',
    );
    expect(result.stdout).toContain(
      "  allow it with: new AllowTraffic(app, 'payments-to-api-payments-example-8443', { from: Workload.select({ app: 'payments' }, { namespace: 'shop' }), " +
        "to: IpRange.address('203.0.113.10'), ports: [Port.tcp(8443)] }); // api.payments.example",
    );
    expect(result.stdout).toContain('        - to:\n            - ipBlock:\n                cidr: 203.0.113.10/32\n          ports:\n            - protocol: TCP\n              port: 8443');
    expect(result.stdout).toContain('DNS lookups to the cluster DNS: 2 groups, 0 denied');
    expect(result.stdout).toContain('11 reply (is_reply: true)');
  });

  test('--fail-on-denied exits 1', async () => {
    const result = await runCli(['audit', manifests, '--flows', observed, '--fail-on-denied', '--quiet']);
    expect(result.code).toBe(1);
  });

  test('the JSON lists every group; the DNS lookups are recognised', async () => {
    const result = await runCli(['audit', manifests, '--flows', observed, '--format', 'json']);
    const data = JSON.parse(result.stdout);
    expect(data.summary).toMatchObject({ observations: 18, groups: 11, denied: 1, allowed: 10, notJudged: 0 });
    const dns = data.flows.filter((entry: { dns: boolean }) => entry.dns);
    expect(dns.map((entry: { from: { id: string }; protocol: string }) => `${entry.from.id} ${entry.protocol}`).sort()).toEqual([
      'monitoring/prometheus TCP',
      'shop/web UDP',
    ]);
    expect(data.flows[0]).toMatchObject({ verdict: 'denied', deniedBy: 'egress', egress: { endpoint: 'shop/payments', allowed: false } });
  });
});

describe('netpol audit', () => {
  test('outside addresses are judged by ipBlocks, IPv6 too; the fix is an ipBlock of the address', async () => {
    const web = pod(['app=web']);
    const file = await writeFlows('outside.jsonl', [
      flow(web, WORLD, 443, { IP: { source: 'fd00::11', destination: '2001:db8:443::7' } }),
      flow(web, WORLD, 443, { IP: { source: 'fd00::11', destination: '2001:db8:999::7' }, destination_names: ['elsewhere.example'] }),
      flow(web, WORLD, 443, { IP: { source: '10.0.1.11', destination: '203.0.113.200' } }),
    ]);
    const { data } = await auditJson(file);
    const verdicts = data.flows.map((entry: { to: { label: string }; verdict: string }) => [entry.to.label, entry.verdict]);
    expect(verdicts).toEqual([
      ['2001:db8:999::7', 'denied'],
      ['203.0.113.200', 'denied'],
      ['2001:db8:443::7', 'allowed'],
    ]);
    expect(data.flows[0].to.names).toEqual(['elsewhere.example']);
    expect(data.flows[0].allowance.policies[0].spec.egress[0].to).toEqual([{ ipBlock: { cidr: '2001:db8:999::7/128' } }]);
  });

  test('a network of the plain format is denied when part of it is, and says so', async () => {
    const file = await writeFlows('network.csv', ['from,to,port,protocol', 'shop/web,203.0.113.0/24,443,TCP']);
    const { data } = await auditJson(file);
    expect(data.flows[0]).toMatchObject({ verdict: 'denied', partly: true, deniedBy: 'egress' });
  });

  test('both sides denying: "both", one policy per side, and AllowTraffic for the pair', async () => {
    const file = await writeFlows('both.csv', ['from,to,port,protocol', 'shop/web,shop/db,5432,TCP']);
    const { data } = await auditJson(file);
    expect(data.flows[0]).toMatchObject({ verdict: 'denied', deniedBy: 'both' });
    expect(data.flows[0].egress.selectedBy).toEqual(['shop/web-egress']);
    expect(data.flows[0].ingress.selectedBy).toEqual(['shop/db-isolated']);
    expect(data.flows[0].allowance.policies.map((policy: { metadata: { name: string } }) => policy.metadata.name)).toEqual([
      'web-to-db-5432-egress',
      'web-to-db-5432-ingress',
    ]);
    expect(data.flows[0].allowance.dsl).toBe(
      "new AllowTraffic(app, 'web-to-db-5432', { from: Workload.select({ app: 'web' }, { namespace: 'shop' }), to: Workload.select({ app: 'db' }, { namespace: 'shop' }), ports: [Port.tcp(5432)] });",
    );
  });

  test('only the ingress side denying; named ports resolve on the destination', async () => {
    const file = await writeFlows('ingress.jsonl', [flow(pod(['app=batch'], 'batch-a'), pod(['app=api']), 8080), flow(pod(['app=web']), pod(['app=api']), 8080)]);
    const { data } = await auditJson(file);
    expect(data.flows.map((entry: { from: { id: string }; verdict: string; deniedBy?: string }) => [entry.from.id, entry.verdict, entry.deniedBy])).toEqual([
      ['shop/batch-a', 'denied', 'ingress'],
      ['shop/web', 'allowed', undefined],
    ]);
    expect(data.flows[1].ingress.allowedBy[0].text).toBe('shop/api-ingress spec.ingress[0]');
  });

  test('pods match the most specific workload; alike workloads are told apart by the workload Hubble names, else not judged', async () => {
    const file = await writeFlows('matching.jsonl', [
      flow(pod(['app=web']), pod(['app=api', 'track=canary']), 8080),
      flow(pod(['app=web']), pod(['app=batch']), 9000),
      flow(pod(['app=web']), pod(['app=batch'], 'batch-b'), 9000),
    ]);
    const { data } = await auditJson(file);
    const ends = data.flows.map((entry: { to: { id?: string; text?: string }; verdict: string }) => [entry.to.id ?? entry.to.text, entry.verdict]);
    expect(ends).toEqual([
      ['shop/batch-b', 'denied'],
      ['shop pod {app=batch}', 'not-judged'],
      ['shop/api-canary', 'allowed'],
    ]);
    expect(data.unmatched).toEqual([
      { end: 'shop pod {app=batch}', reason: 'matches several endpoints alike: shop/batch-a, shop/batch-b', count: 1 },
    ]);
  });

  test('unmatched ends are reported, not dropped: observed pods are judged by their labels, unknown workloads and the node are not judged', async () => {
    const node = { identity: 1, labels: ['reserved:host'] };
    const file = await writeFlows('unmatched.jsonl', [
      flow(pod(['app=cron'], 'cron'), pod(['app=api']), 8080),
      flow(node, pod(['app=api']), 8080, { IP: { source: '172.18.0.2', destination: '10.0.1.12' } }),
      JSON.stringify({ from: 'shop/ghost', to: 'shop/api', port: 8080, protocol: 'TCP' }),
      JSON.stringify({ from: 'shop/web', to: '10.0.1.50', port: 5432, protocol: 'TCP' }),
    ]);
    const { data } = await auditJson(file);
    const summary = data.flows.map((entry: { from: { id?: string; text?: string }; to: { id?: string }; verdict: string }) => [
      entry.from.id ?? entry.from.text,
      entry.to.id,
      entry.verdict,
    ]);
    expect(summary).toEqual([
      ['shop/cron', 'shop/api', 'denied'],
      ['shop/web', 'shop/db', 'denied'],
      ['172.18.0.2 (host)', 'shop/api', 'not-judged'],
      ['shop/ghost', 'shop/api', 'not-judged'],
    ]);
    expect(data.flows[0].from.observed).toBe(true);
    expect(data.unmatched.map((end: { end: string }) => end.end)).toEqual(['172.18.0.2 (host)', 'shop pod {app=cron} of Deployment cron', 'shop/ghost']);
    expect(data.caveats[0]).toMatchObject({ endpoint: 'shop/cron' });
  });

  test('Markdown: a table of denied flows and each fix', async () => {
    const file = await writeFlows('markdown.csv', ['from,to,port,protocol,count', 'shop/web,shop/db,5432,TCP,7']);
    const result = await runCli(['audit', ESTATE, '--flows', file, '--format', 'markdown']);
    expect(result.stdout).toContain('| shop/web | shop/db | TCP/5432 | 7 | both | shop/web-egress, shop/db-isolated |');
    expect(result.stdout).toContain('```ts\nnew AllowTraffic(app,');
    expect(result.stdout).toContain('```yaml\napiVersion: networking.k8s.io/v1');
  });

  test('a malformed line is an error naming file and line, exit 2', async () => {
    const file = await writeFlows('broken.jsonl', [flow(pod(['app=web']), pod(['app=api']), 8080), '{"flow": {"l4": ']);
    const result = await runCli(['audit', ESTATE, '--flows', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^netpol: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not JSON`));
  });

  test('--flows is required; standard input is the manifests or the flows, not both', async () => {
    expect((await runCli(['audit', ESTATE])).stderr).toMatch(/required option '--flows <files...>' not specified/);
    const both = await runCli(['audit', '-', '--flows', '-']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/standard input \(-\) can be read only once: it is already the manifests, so give a file for the flows/);
  });
});
