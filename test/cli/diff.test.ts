import * as fs from 'fs';
import * as path from 'path';
import { useTempDir } from '../manifests/temp-dir';
import { runCli } from './run-cli';

const CONFORMANCE = path.join(__dirname, '..', 'fixtures', 'conformance');
const SHOP = path.join(__dirname, '..', 'fixtures', 'diff');
const tempDir = useTempDir('netpol-diff-');

/** A directory holding the given fixture files of test/fixtures/diff (see its README). */
function state(...files: string[]): string {
  const dir = fs.mkdtempSync(path.join(tempDir(), 'side-'));
  files.forEach((file) => fs.copyFileSync(path.join(SHOP, file), path.join(dir, path.basename(file))));
  return dir;
}

/** The shop before and after: its workloads and policies files on each side. */
function shop(after: { workloads?: string; policies?: string }): [string, string] {
  return [state('workloads.yaml', 'policies.yaml'), state(after.workloads ?? 'workloads.yaml', after.policies ?? 'policies.yaml')];
}

/** Two e2e conformance states: its cluster with one policy file each. */
function conformance(oldPolicy: string, newPolicy: string): [string, string] {
  const sides = [oldPolicy, newPolicy].map((policy) => {
    const dir = fs.mkdtempSync(path.join(tempDir(), 'case-'));
    fs.copyFileSync(path.join(CONFORMANCE, 'cluster.yaml'), path.join(dir, 'cluster.yaml'));
    fs.copyFileSync(path.join(CONFORMANCE, policy), path.join(dir, 'policy.yaml'));
    return dir;
  });
  return [sides[0], sides[1]];
}

interface JsonChange {
  from: string;
  to: string;
  reason: string;
  before: string;
  after: string;
  gained: string;
  lost: string;
  outside?: { end: string; cidrs: string[] };
}

async function diffJson(sides: [string, string], ...options: string[]): Promise<{ code: number; stderr: string; added: JsonChange[]; removed: JsonChange[]; changed: JsonChange[]; workloads: { added: string[]; removed: string[] } }> {
  const result = await runCli(['diff', ...sides, '--format', 'json', ...options]);
  return { code: result.code, stderr: result.stderr, ...JSON.parse(result.stdout) };
}

const rows = (changes: readonly JsonChange[]): string[] => changes.map((change) => `${change.from} > ${change.to}: ${change.before} -> ${change.after} (${change.reason})`);

describe('netpol diff: each side as deployed', () => {
  test('a workload added that a policy leaves reachable: its flows are added, "workload added"', async () => {
    const data = await diffJson(shop({ workloads: 'workloads-plus-worker.yaml' }));
    expect(data.code).toBe(0);
    expect(rows(data.added)).toEqual(['shop/web > shop/worker: none -> TCP 8080 (workload added)']);
    expect(data.removed).toEqual([]);
    expect(data.changed).toEqual([]);
    expect(data.workloads).toEqual({ added: ['shop/worker'], removed: [] });
  });

  test('a workload removed: its flows are removed, "workload removed", nothing called added', async () => {
    const data = await diffJson(shop({ workloads: 'workloads-minus-db.yaml' }));
    expect(rows(data.removed)).toEqual(['shop/api > shop/db: TCP 5432 -> none (workload removed)']);
    expect(data.added).toEqual([]);
    expect(data.workloads).toEqual({ added: [], removed: ['shop/db'] });
  });

  test('a flow whose ports changed is "changed" with both port sets', async () => {
    const data = await diffJson(shop({ policies: 'policies-db-port.yaml' }));
    expect(rows(data.changed)).toEqual(['shop/api > shop/db: TCP 5432 -> TCP 5432, TCP 6432 (policy change)']);
    expect(data.changed[0].gained).toBe('TCP 6432');
    expect(data.changed[0].lost).toBe('none');
    expect(data.added).toEqual([]);
    expect(data.removed).toEqual([]);
  });

  test('egress widened from TCP 443 to every port is a change to the public internet only', async () => {
    const data = await diffJson(shop({ policies: 'policies-wide-egress.yaml' }));
    expect(rows(data.changed)).toEqual(['shop/api > public IPv4: TCP 443 -> all (policy change)']);
    expect(data.changed[0].outside?.end).toBe('to');
    // Exactly the public IPv4 space: none of the private ranges the except list keeps out.
    expect(data.changed[0].outside?.cidrs).toContain('8.0.0.0/7');
    expect(data.changed[0].outside?.cidrs).not.toContain('10.0.0.0/8');
    expect(data.added).toEqual([]);
  });

  test('a dropped private-range except is a newly allowed flow to that range', async () => {
    const data = await diffJson(shop({ policies: 'policies-dropped-except.yaml' }));
    expect(rows(data.added)).toEqual(['shop/api > 10.0.0.0/8: none -> TCP 443 (policy change)']);
    expect(data.added[0].outside).toEqual({ end: 'to', cidrs: ['10.0.0.0/8'] });
  });

  test('--external gives an address its own row', async () => {
    const data = await diffJson(shop({ policies: 'policies-wide-egress.yaml' }), '--external', '203.0.113.0/24', '--external', '10.1.2.3');
    // 203.0.113.0/24 and the public rest change alike: one row naming both; 10.1.2.3 stays denied.
    expect(rows(data.changed)).toEqual(['shop/api > public IPv4 + 203.0.113.0/24: TCP 443 -> all (policy change)']);
    const bad = await runCli(['diff', ...shop({}), '--external', '10.0.0.0/33']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"10.0.0.0/33" is not an IP address or CIDR');
  });

  test('text, JSON and Markdown name the reason', async () => {
    const sides = shop({ workloads: 'workloads-plus-worker.yaml', policies: 'policies-wide-egress.yaml' });
    const text = await runCli(['diff', ...sides]);
    expect(text.stdout.split('\n')).toEqual([
      expect.stringMatching(/^\s+FROM\s+TO\s+PORTS\s+REASON$/),
      expect.stringMatching(/^\+\s+shop\/web\s+->\s+shop\/worker\s+TCP 8080\s+workload added$/),
      expect.stringMatching(/^~\s+shop\/api\s+->\s+public IPv4\s+TCP 443 -> all\s+policy change$/),
      'workloads added: shop/worker',
      '1 flow added, 0 removed, 1 changed',
      '',
    ]);
    const markdown = await runCli(['diff', ...sides, '--format', 'markdown']);
    expect(markdown.stdout).toContain('### Added flows (1)\n\n| From | To | Ports | Reason |\n| --- | --- | --- | --- |\n| `shop/web` | `shop/worker` | TCP 8080 | workload added |\n');
    expect(markdown.stdout).toContain('### Changed flows (1)\n\n| From | To | Before | After | Reason |\n| --- | --- | --- | --- | --- |\n| `shop/api` | `public IPv4` | TCP 443 | all | policy change |\n');
    expect(markdown.stdout).toContain('workloads added: `shop/worker`');
  });

  test('identical sides report no change', async () => {
    const result = await runCli(['diff', ...shop({})]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('no change in allowed traffic\n0 flows added, 0 removed, 0 changed\n');
  });

  test('conformance policies: ports moved from TCP 81 to TCP 80 are a change on each pair', async () => {
    const data = await diffJson(conformance('ports-81-tcp.yaml', 'ports-80-tcp-stacked.yaml'));
    expect(rows(data.changed.filter((change) => change.outside === undefined))).toEqual([
      'y/a > x/a: TCP 81 -> TCP 80 (policy change)',
      'y/b > x/a: TCP 81 -> TCP 80 (policy change)',
      'y/c > x/a: TCP 81 -> TCP 80 (policy change)',
    ]);
    expect(data.added).toEqual([]);
    expect(data.removed).toEqual([]);
  });

  test('a default deny of ingress removes every flow into the namespace, from the outside too', async () => {
    const data = await diffJson(conformance('allow-all.yaml', 'default-deny-ingress.yaml'));
    expect(data.removed.filter((change) => change.to.startsWith('x/'))).toHaveLength(27 + 3);
    expect(rows(data.removed.filter((change) => change.outside))).toEqual([
      'anywhere outside > x/a: all -> none (policy change)',
      'anywhere outside > x/b: all -> none (policy change)',
      'anywhere outside > x/c: all -> none (policy change)',
    ]);
  });

  test('an invalid policy on one side is reported, left out of that side, named after the diff, and fails it', async () => {
    const [before, after] = shop({});
    const invalid = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: Bad_Name, namespace: shop}\nspec: {podSelector: {}}\n';
    fs.writeFileSync(path.join(after, 'bad.yaml'), invalid);
    const result = await runCli(['diff', before, after]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(after, 'bad.yaml')}: NetworkPolicy shop/Bad_Name: metadata.name: error:`);
    // Left out, the invalid policy isolates nothing: the diff is that of the valid objects.
    expect(result.stdout).toBe(
      `no change in allowed traffic\n0 flows added, 0 removed, 0 changed\nleft out as invalid (see the errors): NetworkPolicy shop/Bad_Name (${path.join(after, 'bad.yaml')})\n`,
    );
    const json = JSON.parse((await runCli(['diff', before, after, '--format', 'json'])).stdout) as { leftOut: unknown };
    expect(json.leftOut).toEqual([{ file: path.join(after, 'bad.yaml'), kind: 'NetworkPolicy', namespace: 'shop', name: 'Bad_Name' }]);
  });

  test('a missing side is a usage error', async () => {
    const result = await runCli(['diff', path.join(CONFORMANCE, 'cluster.yaml'), path.join(CONFORMANCE, 'no-such.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such.yaml');
  });
});

describe('netpol diff: what the analysis does not evaluate is said beside the answer', () => {
  const ADMIN_DENY =
    'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: deny-db}\nspec: {endpointSelector: {}, ingressDeny: [{fromEntities: [world]}]}\n';

  /** The shop on both sides; the new side also holds `extra` files. */
  function shopWith(extra: Record<string, string>): [string, string] {
    const [before, after] = shop({});
    Object.entries(extra).forEach(([file, text]) => fs.writeFileSync(path.join(after, file), text));
    return [before, after];
  }

  test('a policy of a kind not evaluated is named on stderr and after the answer; the gates still answer', async () => {
    const [before, after] = shopWith({ 'admin.yaml': ADMIN_DENY });
    const file = path.join(after, 'admin.yaml');
    const result = await runCli(['diff', before, after, '--fail-on-added', '--fail-on-removed', '--fail-on-exposure']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${file}: CiliumClusterwideNetworkPolicy deny-db`);
    expect(result.stdout).toContain(`not evaluated, the verdicts do not include them: CiliumClusterwideNetworkPolicy deny-db (${file})\n`);
    const json = await diffJson([before, after]);
    expect((json as unknown as { notEvaluated: unknown }).notEvaluated).toEqual([{ file, kind: 'CiliumClusterwideNetworkPolicy', namespace: null, name: 'deny-db' }]);
    // --quiet keeps stderr for errors only; the line after the answer stays.
    const quiet = await runCli(['diff', before, after, '--quiet']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('not evaluated, the verdicts do not include them: CiliumClusterwideNetworkPolicy deny-db');
  });
});

describe('netpol diff: endpoints by workload, or by pod with --per-pod', () => {
  const DUMP = path.join(__dirname, '..', 'fixtures', 'manifests', 'cluster-dump');
  const DENY_EGRESS = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-egress, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n';

  test('the flows a default deny of egress removes name the workloads, or the pods with --per-pod', async () => {
    const after = fs.mkdtempSync(path.join(tempDir(), 'dump-'));
    fs.readdirSync(DUMP).forEach((file) => fs.copyFileSync(path.join(DUMP, file), path.join(after, file)));
    fs.writeFileSync(path.join(after, 'deny.yaml'), DENY_EGRESS);
    const sources = (data: { removed: JsonChange[] }): string[] => [...new Set(data.removed.filter((change) => !change.outside).map((change) => change.from))].sort();
    const byWorkload = await diffJson([DUMP, after]);
    expect(byWorkload.code).toBe(0);
    expect(sources(byWorkload)).toEqual(['shop/checkoutservice-69c8ff664b', 'shop/frontend', 'shop/redis-cart-5b9f6c7d8']);
    expect(byWorkload.workloads).toEqual({ added: [], removed: [] });
    const byPod = await diffJson([DUMP, after], '--per-pod');
    expect(sources(byPod)).toEqual(['shop/checkoutservice-69c8ff664b-x5bhp', 'shop/frontend', 'shop/redis-cart-5b9f6c7d8-q2w3e']);
  });
});

describe('netpol diff: gates', () => {
  const gate = async (option: string, after: { workloads?: string; policies?: string }): Promise<{ code: number; stderr: string }> => {
    const result = await runCli(['diff', ...shop(after), option]);
    return { code: result.code, stderr: result.stderr };
  };

  test.each([
    ['--fail-on-added', { workloads: 'workloads-plus-worker.yaml' }, /--fail-on-added: 1 flow newly allowed/],
    ['--fail-on-added', { policies: 'policies-wide-egress.yaml' }, /--fail-on-added: 1 flow newly allowed/],
    ['--fail-on-added', { policies: 'policies-dropped-except.yaml' }, /--fail-on-added: 1 flow newly allowed/],
    ['--fail-on-removed', { policies: 'policies-no-db.yaml' }, /--fail-on-removed: 1 flow that worked now denied/],
    ['--fail-on-exposure', { policies: 'policies-exposed-api.yaml' }, /--fail-on-exposure: 1 flow newly allowed from outside the cluster/],
  ])('%s exits 1 on its case (%j) and says why', async (option, after, message) => {
    const result = await gate(option, after);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  test.each([
    ['--fail-on-added', { policies: 'policies-no-db.yaml' }],
    ['--fail-on-added', { workloads: 'workloads-minus-db.yaml' }],
    ['--fail-on-removed', { workloads: 'workloads-plus-worker.yaml' }],
    ['--fail-on-removed', { policies: 'policies-db-port.yaml' }],
    // The db is gone, not denied: the outage gate counts flows between workloads that still exist.
    ['--fail-on-removed', { workloads: 'workloads-minus-db.yaml' }],
    // Wider egress is no new way in.
    ['--fail-on-exposure', { policies: 'policies-wide-egress.yaml' }],
    ['--fail-on-exposure', { workloads: 'workloads-plus-worker.yaml' }],
    ['--fail-on-exposure', {}],
  ])('%s exits 0 when nothing of its kind changed (%j)', async (option, after) => {
    const result = await gate(option, after);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
