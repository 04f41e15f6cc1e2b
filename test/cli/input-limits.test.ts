import * as path from 'path';
import { MAX_DOCUMENTS, MAX_MANIFEST_BYTES, MAX_YAML_NODES } from '../../lib/manifests';
import { runCli } from './run-cli';

const ESTATE = path.join(__dirname, '..', 'fixtures', 'manifests', 'estate');

function configMaps(count: number): string {
  return Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`).join('---\n');
}

const ALIASES = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n';

describe('a refusal names the limit and the flag that raises it', () => {
  test.each([
    ['--max-documents', '3', configMaps(4), '-: refused: the inputs hold more than 3 documents (List items included); raise the limit with --max-documents'],
    ['--max-yaml-nodes', '50', ALIASES, '-: document 0: refused: the inputs expand to more than 50 YAML nodes (an alias counts the nodes of its anchor at every use); raise the limit with --max-yaml-nodes'],
    ['--max-input-bytes', '100', configMaps(4), '-: larger than 100 bytes; manifests that large are refused; raise the limit with --max-input-bytes'],
  ])('%s', async (flag, limit, text, message) => {
    const refused = await runCli(['validate', '-', flag, limit], text);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`netpol: ${message}\n`);
    const raised = await runCli(['validate', '-', flag, String(Number(limit) * 10), '--format', 'json'], text);
    expect(raised.code).toBe(0);
    expect(JSON.parse(raised.stdout)).toEqual([]);
  });

  test.each(['0', '-1', '1.5', 'many'])('--max-documents %s is a usage error', async (value) => {
    const result = await runCli(['validate', ESTATE, '--max-documents', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${JSON.stringify(value)} is not a limit for --max-documents: use a positive integer`);
  });

  test.each(['validate', 'reach', 'graph', 'explain', 'diff', 'audit'])('netpol %s --help states each limit and its default, the library\'s', async (command) => {
    const help = (await runCli([command, '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`--max-input-bytes <bytes> refuse a manifest file (or standard input) larger than this (default: ${MAX_MANIFEST_BYTES}, 64 MiB)`);
    expect(help).toMatch(new RegExp(`--max-yaml-nodes <count> refuse inputs that expand to more YAML nodes, .*\\(default: ${MAX_YAML_NODES}\\)`));
    expect(help).toMatch(new RegExp(`--max-documents <count> refuse inputs with more YAML documents, .*\\(default: ${MAX_DOCUMENTS}\\)`));
  });
});

describe('reach --format summary counts what the listing lists', () => {
  test.each([[[]], [['--port', '8080']], [['--port', '53', '--protocol', 'UDP']], [['--from', 'shop']]])('reach %j', async (extra) => {
    const summary = JSON.parse((await runCli(['reach', ESTATE, '--format', 'summary', '--quiet', ...extra])).stdout) as { endpoints: number; allowed: number };
    const listed = JSON.parse((await runCli(['reach', ESTATE, '--format', 'json', '--quiet', ...extra])).stdout) as {
      endpoints: string[];
      allowed?: unknown[];
      flows?: unknown[];
    };
    expect(summary).toEqual({ endpoints: listed.endpoints.length, allowed: (listed.allowed ?? listed.flows)!.length });
  });
});
