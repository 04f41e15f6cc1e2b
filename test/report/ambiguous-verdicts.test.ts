import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../cli/run-cli';
import { useTempDir } from '../manifests/temp-dir';

// Ambiguous 1 (docs/admin-tier.md): every port from a/client to b/server has an undefined
// verdict, which no picture or count may show as allowed, or drop.
const estate = path.join(__dirname, '..', 'fixtures', 'admin-tier', 'ambiguous-estate.yaml');
const tempDir = useTempDir('netpol-ambiguous-');

describe('ambiguous verdicts in pictures and counts', () => {
  test('mermaid draws them as a dotted arrow of their own, with a legend, and never as an allowed one', async () => {
    const result = await runCli(['graph', estate]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  n_a_2f_client -.->|"ambiguous: all"| n_b_2f_server\n');
    expect(result.stdout).toContain('  n_b_2f_server -->|"all"| n_a_2f_client\n');
    expect(result.stdout).not.toMatch(/n_a_2f_client -->/);
    expect(result.stdout).toContain('%% dotted arrow: the verdict on these ports is ambiguous');
  });

  test('dot draws them dotted, also folded by namespace and restricted to one port', async () => {
    const result = await runCli(['graph', estate, '--format', 'dot', '--port', '80']);
    expect(result.stdout).toContain('  "a/client" -> "b/server" [label="ambiguous: TCP 80", style=dotted];\n');
    const folded = await runCli(['graph', estate, '--format', 'dot', '--group', 'namespace']);
    expect(folded.stdout).toContain('  "a" -> "b" [label="ambiguous: 1 flow: all", style=dotted];\n');
    expect(folded.stdout).toContain('  "b" -> "a" [label="1 flow: all"];\n');
    expect(folded.stdout).toContain('"namespace a: 1 endpoint, 0 flows inside"');
  });

  test('the HTML page leaves them out of its flows and lists them, with the admin tier, among its limits', async () => {
    const file = path.join(tempDir(), 'graph.html');
    expect((await runCli(['graph', estate, '--format', 'html', '-o', file])).code).toBe(0);
    const page = fs.readFileSync(file, 'utf8');
    expect(page).toContain('<summary>2 limits of this page: the picture may differ from the cluster</summary>');
    expect(page).toContain('<li>ambiguous: a/client -&gt; b/server on all: the network-policy-api leaves the verdict undefined');
    expect(page).toContain('2 admin-tier policies decide flows before and after the NetworkPolicies');
    expect(page).toContain('2 endpoints in 2 namespaces; 1 allowed pairs of distinct nodes.');
    const data = JSON.parse(/<script type="application\/json" id="graph-data">(.*?)<\/script>/s.exec(page)![1]);
    // Per source: [from, to, portSet, ...]; node 0 is a/client, node 1 b/server.
    expect(data.flows.map((row: number[]) => row.filter((_, index) => index % 2 === 1))).toEqual([[0], [0, 1]]);
  });

  test('reach counts only the pairs that allow something, and counts the ambiguous ones apart', async () => {
    const text = await runCli(['reach', estate]);
    expect(text.stdout).toContain('3 of 4 ordered pairs allow some traffic; 1 with an ambiguous verdict on some port');
    expect((await runCli(['reach', estate, '--format', 'summary'])).stdout).toBe('{"endpoints":2,"allowed":3,"ambiguous":1}\n');
    expect((await runCli(['reach', estate, '--format', 'summary', '--port', '80'])).stdout).toBe('{"endpoints":2,"allowed":3,"ambiguous":1}\n');
    const markdown = await runCli(['reach', estate, '--format', 'markdown']);
    expect(markdown.stdout).toContain('| From | To | Allowed ports | Ambiguous ports |');
    expect(markdown.stdout).toContain('| `a/client` | `b/server` | none | all |');
  });
});
