import * as fs from 'fs';
import * as path from 'path';
import { useTempDir } from '../manifests/temp-dir';
import { runCli } from './run-cli';

const CONFORMANCE = path.join(__dirname, '..', 'fixtures', 'conformance');
const cluster = path.join(CONFORMANCE, 'cluster.yaml');
const fixture = (name: string) => path.join(CONFORMANCE, name);

describe('netpol reach', () => {
  const tempDir = useTempDir('netpol-reach-');

  test('text is a truth table with a legend and a count', async () => {
    const result = await runCli(['reach', cluster, fixture('default-deny-ingress.yaml'), '--port', '80', '--from', 'x', '--to', 'x']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('legend: . allowed, X denied');
    expect(result.stdout).toMatch(/^x\/a\s+X\s+X\s+X$/m);
    expect(result.stdout).toContain('0 of 9 ordered pairs allowed on TCP/80');
  });

  test('summary counts endpoints and allowed pairs', async () => {
    const result = await runCli(['reach', cluster, fixture('default-deny-ingress.yaml'), '--port', '80', '--format', 'summary']);
    // 9 pods; the 3 pods of x accept nothing: 81 - 27 pairs.
    expect(JSON.parse(result.stdout)).toEqual({ endpoints: 9, allowed: 54 });
  });

  test('summary without --port counts the pairs allowed on some port, external peers included', async () => {
    const policies = [cluster, fixture('default-deny-ingress.yaml')];
    expect((await runCli(['reach', ...policies, '--format', 'summary'])).stdout).toBe('{"endpoints":9,"allowed":54}\n');
    // The address may be reached from all 9 pods and may reach the 6 outside x.
    expect((await runCli(['reach', ...policies, '--format', 'summary', '--external', '203.0.113.9'])).stdout).toBe('{"endpoints":10,"allowed":69}\n');
  });

  test('--from and --to filter by endpoint and namespace', async () => {
    const result = await runCli(['reach', cluster, '--port', '80', '--format', 'json', '--from', 'y/a', '--to', 'z']);
    expect(JSON.parse(result.stdout).allowed).toEqual([
      ['y/a', 'z/a'],
      ['y/a', 'z/b'],
      ['y/a', 'z/c'],
    ]);
  });

  test('without --port every pair lists its allowed ports', async () => {
    const result = await runCli(['reach', cluster, fixture('end-port.yaml'), '--from', 'y/a', '--to', 'x/a', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).allowed).toEqual([
      { from: 'y/a', to: 'x/a', ports: 'TCP 81-82', ranges: { TCP: [{ from: 81, to: 82 }], UDP: [], SCTP: [] } },
    ]);
    const markdown = await runCli(['reach', cluster, fixture('end-port.yaml'), '--from', 'z/a', '--to', 'x', '--format', 'markdown']);
    expect(markdown.stdout).toContain('| `z/a` | `x/b` | all |');
    expect(markdown.stdout).not.toContain('`x/a`');
  });

  test('--external asks about an address outside the cluster in both directions', async () => {
    const result = await runCli(['reach', cluster, fixture('ip-block.yaml'), fixture('default-deny-ingress.yaml'), '--port', '80', '--external', '203.0.113.9', '--format', 'json']);
    const data = JSON.parse(result.stdout);
    expect(data.endpoints).toContain('203.0.113.9');
    const pairs = data.allowed.filter((pair: string[]) => pair.includes('203.0.113.9'));
    // x/a may only egress to y/b; x accepts nothing; y and z are open both ways.
    expect(pairs).toContainEqual(['203.0.113.9', 'y/a']);
    expect(pairs).not.toContainEqual(['203.0.113.9', 'x/b']);
    expect(pairs).not.toContainEqual(['x/a', '203.0.113.9']);
    expect(pairs).toContainEqual(['x/b', '203.0.113.9']);
  });

  test('--external with a CIDR counts a flow when any address of the network is allowed', async () => {
    const args = ['reach', cluster, fixture('ip-block.yaml'), '--port', '80', '--from', 'x/a', '--format', 'json'];
    const wide = JSON.parse((await runCli([...args, '--external', '10.0.2.0/24'])).stdout);
    expect(wide.allowed).toContainEqual(['x/a', '10.0.2.0/24']);
    const other = JSON.parse((await runCli([...args, '--external', '10.0.3.0/24'])).stdout);
    expect(other.allowed).not.toContainEqual(['x/a', '10.0.3.0/24']);
  });

  test('--external without --port lists its ports both ways, each direction filtered by --from or --to', async () => {
    const args = ['reach', cluster, fixture('ip-block.yaml'), '--format', 'json'];
    const result = await runCli([...args, '--from', 'x/a', '--to', 'y', '--external', '10.0.2.0/24']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    const external = data.allowed.filter((flow: { from: string; to: string }) => flow.from === '10.0.2.0/24' || flow.to === '10.0.2.0/24');
    // x/a may egress to 10.0.2.2 only (all ports): some address of the /24 is allowed.
    // Into y everything is open; nothing comes back into x/a (not a --to) or leaves y (not a --from).
    expect(external.map((flow: { from: string; to: string; ports: string }) => `${flow.from} > ${flow.to}: ${flow.ports}`)).toEqual([
      '10.0.2.0/24 > y/a: all',
      '10.0.2.0/24 > y/b: all',
      '10.0.2.0/24 > y/c: all',
      'x/a > 10.0.2.0/24: all',
    ]);
    expect(data.endpoints).toContain('10.0.2.0/24');
  });

  test.each([
    [['--port', '0'], /"0" is not a port: use an integer between 1 and 65535/],
    [['--port', '80', '--protocol', 'ICMP'], /"ICMP" is not a protocol: use one of TCP, UDP, SCTP/],
    [['--port', '80', '--from', 'x/d'], /--from: no endpoint "x\/d" in the inputs; did you mean x\/a, x\/b, x\/c\?/],
    [['--port', '80', '--to', 'zz'], /--to: no namespace "zz" in the inputs; did you mean z, x, y\?/],
    [["--external", "10.0.0.0/33"], /--external: "10.0.0.0\/33" is not an IP address or CIDR/],
  ])('usage errors exit 2 with a clear message: %j', async (args, message) => {
    const result = await runCli(['reach', cluster, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  test('an invalid policy stops the analysis with its validation errors (exit 1)', async () => {
    const bad = path.join(tempDir(), 'bad.yaml');
    fs.writeFileSync(
      bad,
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: x}\nspec:\n  podSelector: {}\n  ingress:\n    - ports: [{port: 70000}]\n',
    );
    const result = await runCli(['reach', cluster, bad, '--port', '80']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad.yaml: NetworkPolicy x/bad: spec.ingress[0].ports[0].port: error');
    expect(result.stderr).toContain('refusing to analyse: 1 invalid policy');
    expect(result.stdout).toBe('');
  });
});
