import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { memoryIO } from '../../lib/cli/io';
import { run } from '../../lib/cli/main';
import { runCli } from '../cli/run-cli';
import { useTempDir } from '../manifests/temp-dir';

const CONFORMANCE = path.join(__dirname, '..', 'fixtures', 'conformance');
const cluster = path.join(CONFORMANCE, 'cluster.yaml');
const fixture = (name: string): string => path.join(CONFORMANCE, name);
const tempDir = useTempDir('netpol-graph-cli-');

describe('netpol graph', () => {
  test('mermaid is the default: namespaces as subgraphs, edges with ports', async () => {
    const result = await runCli(['graph', cluster, fixture('end-port.yaml'), '--from', 'y/a', '--to', 'x/a']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('flowchart LR\n');
    expect(result.stdout).toContain('  subgraph ns_x ["namespace x"]\n    n_x_2f_a["a"]\n  end\n');
    expect(result.stdout).toContain('  n_y_2f_a -->|"TCP 81-82"| n_x_2f_a\n');
    expect(result.stdout.match(/-->/g)).toHaveLength(1);
  });

  test('--port draws only that port; dot has a cluster per namespace', async () => {
    const result = await runCli(['graph', cluster, fixture('default-deny-ingress.yaml'), '--format', 'dot', '--port', '80', '--protocol', 'udp', '--to', 'y/b', '--from', 'x']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('label="UDP 80 only";');
    expect(result.stdout).toContain('subgraph "cluster_x" {');
    expect(result.stdout).toContain('  "x/a" -> "y/b" [label="UDP 80"];\n');
    expect(result.stdout.match(/->/g)).toHaveLength(3);
  });

  test('--external adds a node outside the cluster', async () => {
    const result = await runCli(['graph', cluster, fixture('default-deny-ingress.yaml'), '--from', 'x/a', '--external', '192.0.2.0/24']);
    expect(result.stdout).toContain('  subgraph outside ["outside the cluster"]\n');
    // x/a's egress is open; the network is no source --from x/a keeps, so no edge leaves it.
    expect(result.stdout).toContain('  n_x_2f_a -->|"all"| n_192_2e_0_2e_2_2e_0_2f_24\n');
    expect(result.stdout).not.toContain('n_192_2e_0_2e_2_2e_0_2f_24 -->');
    // --to x as well: the network is neither a source nor a destination kept, so not drawn.
    const both = await runCli(['graph', cluster, fixture('default-deny-ingress.yaml'), '--from', 'x/a', '--to', 'x', '--external', '192.0.2.0/24']);
    expect(both.code).toBe(0);
    expect(both.stdout).not.toContain('outside the cluster');
    expect(both.stdout).not.toContain('n_192_2e_0_2e_2_2e_0_2f_24');
  });

  test('--group namespace folds mermaid and dot to one node per namespace; HTML refuses it', async () => {
    const mermaid = await runCli(['graph', cluster, fixture('default-deny-ingress.yaml'), '--group', 'namespace']);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).not.toContain('subgraph');
    expect(mermaid.stdout).toMatch(/^ {2}n_x -->\|"\d+ flows?: [^"]+"\| n_y$/m);
    const dot = await runCli(['graph', cluster, fixture('default-deny-ingress.yaml'), '--format', 'dot', '--group', 'namespace']);
    expect(dot.stdout).toMatch(/^ {2}"x" \[label="namespace x: \d+ endpoints, \d+ flows? inside"\];$/m);
    const html = await runCli(['graph', cluster, '--format', 'html', '--group', 'namespace']);
    expect(html.code).toBe(2);
    expect(html.stderr).toContain('--group applies to --format mermaid and dot');
    const unit = await runCli(['graph', cluster, '--group', 'team']);
    expect(unit.code).toBe(2);
    expect(unit.stderr).toContain("argument 'team' is invalid. Allowed choices are endpoint, namespace");
  });

  test('-o writes the HTML page to a file and nothing to stdout', async () => {
    const file = path.join(tempDir(), 'report.html');
    const result = await runCli(['graph', cluster, fixture('pod-selector.yaml'), '--format', 'html', '-o', file]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    const page = fs.readFileSync(file, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<h2>Port matrix</h2>');
  });

  test('bad input is a one-line usage error', async () => {
    const unknown = await runCli(['graph', cluster, '--from', 'x/nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--from: no endpoint "x/nope" in the inputs');
    const format = await runCli(['graph', cluster, '--format', 'svg']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("argument 'svg' is invalid. Allowed choices are mermaid, dot, html");
    const output = await runCli(['graph', cluster, '-o', path.join(os.tmpdir(), 'no-such-dir', 'x', 'g.mmd')]);
    expect(output.code).toBe(2);
    expect(output.stderr).toMatch(/^netpol: -o .*g\.mmd: cannot write the graph: ENOENT\n$/);
  });
});

describe('netpol graph on stderr', () => {
  const policiesOnly = fixture('default-deny-ingress.yaml');

  test('says when there is nothing to draw, unless --quiet', async () => {
    const result = await runCli(['graph', policiesOnly]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the inputs hold no Pods or workloads');
    const quiet = await runCli(['graph', policiesOnly, '--quiet']);
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    expect(quiet.stdout).toBe(result.stdout);
  });

  test('progress and timing appear only when stderr is a terminal', async () => {
    const plain = await runCli(['graph', cluster]);
    expect(plain.stderr).toBe('');
    const memory = memoryIO();
    const code = await run(['graph', cluster], { ...memory.io, stderrIsTTY: true });
    expect(code).toBe(0);
    expect(memory.stderr()).toContain('\r\x1b[Kanalysing 9 endpoints under 0 policies');
    expect(memory.stderr()).toMatch(/\r\x1b\[Kdone in \d+\.\d\d s\n$/);
    expect(memory.stdout()).toBe(plain.stdout);
    const quiet = memoryIO();
    await run(['-q', 'graph', cluster], { ...quiet.io, stderrIsTTY: true });
    expect(quiet.stderr()).toBe('');
  });

  test('--quiet keeps errors', async () => {
    const result = await runCli(['graph', cluster, '--quiet', '--from', 'nowhere']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from: no namespace "nowhere" in the inputs');
  });
});

test('netpol graph warns when the picture has too many edges to read', async () => {
  const dir = tempDir();
  const pods = (count: number): string =>
    Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: big}\n`).join('---\n');
  fs.writeFileSync(path.join(dir, 'twenty.yaml'), pods(20));
  fs.writeFileSync(path.join(dir, 'twenty-one.yaml'), pods(21));
  // No policies: every ordered pair of distinct pods is an edge. 20 pods: 380; 21 pods: 420.
  const under = await runCli(['graph', path.join(dir, 'twenty.yaml')]);
  expect(under.stderr).toBe('');
  const over = await runCli(['graph', path.join(dir, 'twenty-one.yaml')]);
  expect(over.stdout.match(/-->/g)).toHaveLength(420);
  expect(over.stderr).toContain('420 edges will be hard to read');
  expect((await runCli(['graph', path.join(dir, 'twenty-one.yaml'), '--quiet'])).stderr).toBe('');
});

test('netpol graph shows what reading found and the endpoints\' caveats: on stderr, and in the HTML page', async () => {
  const dir = tempDir();
  const input = path.join(dir, 'pods.yaml');
  fs.writeFileSync(
    input,
    [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: default}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: infra}\nspec: {hostNetwork: true}\n',
      'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: guard}\nspec: {endpointSelector: {}, ingressDeny: [{fromEntities: [world]}]}\n',
    ].join('---\n'),
  );
  const warning =
    `${input}: CiliumClusterwideNetworkPolicy guard: warning: [not-evaluated] not evaluated: CiliumClusterwideNetworkPolicy is enforced by Cilium, ` +
    'and the verdicts do not include it\n';
  const caveat = 'caveat: infra/agent: hostNetwork: enforcement depends on the CNI\n';
  for (const format of ['mermaid', 'dot']) {
    const result = await runCli(['graph', input, '--format', format]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(warning + caveat);
  }
  const file = path.join(dir, 'report.html');
  const html = await runCli(['graph', input, '--format', 'html', '-o', file]);
  expect(html.stderr).toBe(`${warning}${caveat}netpol graph: wrote ${file}\n`);
  const page = fs.readFileSync(file, 'utf8');
  expect(page).toContain('<summary>1 finding from reading the inputs, 1 caveat on endpoints: the picture may differ from the cluster</summary>');
  expect(page).toContain('<li>caveat: infra/agent: hostNetwork: enforcement depends on the CNI</li>');
  expect(page).toContain('not evaluated: CiliumClusterwideNetworkPolicy is enforced by Cilium');
  // A caveat is about the endpoints drawn: --from/--to that leave infra/agent out leave it out.
  const narrowed = await runCli(['graph', input, '--from', 'default', '--to', 'default']);
  expect(narrowed.stderr).toBe(warning);
});
