import * as path from 'path';
import { runCli } from './run-cli';

const CONFORMANCE = path.join(__dirname, '..', 'fixtures', 'conformance');
const inputs = [path.join(CONFORMANCE, 'cluster.yaml'), path.join(CONFORMANCE, 'client-side-egress-deny.yaml')];

describe('netpol explain', () => {
  test('an allowed flow names the rule of each isolating policy that allows it', async () => {
    const result = await runCli(['explain', ...inputs, '--from', 'x/a', '--to', 'y/a', '--port', '80']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'x/a -> y/a on TCP/80: ALLOWED',
        'egress from x/a: allowed',
        '  isolated by: x/allow-to-ns-y-pod-a',
        '  allowed by: x/allow-to-ns-y-pod-a spec.egress[0]',
        'ingress to y/a: allowed',
        '  isolated by: y/allow-from-xa-on-ya-match-selector',
        '  allowed by: y/allow-from-xa-on-ya-match-selector spec.ingress[0]',
        '',
      ].join('\n'),
    );
  });

  test('a flow the client side denies says so although the server allows it', async () => {
    const result = await runCli(['explain', ...inputs, '--from', 'x/a', '--to', 'y/b', '--port', '80', '--format', 'json']);
    const data = JSON.parse(result.stdout);
    expect(data.allowed).toBe(false);
    expect(data.egress).toMatchObject({ endpoint: 'x/a', isolated: true, allowed: false, allowedBy: [] });
    expect(data.ingress).toMatchObject({ endpoint: 'y/b', isolated: true, allowed: true });
    expect(data.ingress.allowedBy[0].text).toBe('y/allow-from-xa-on-yb-match-selector spec.ingress[0]');
  });

  test('an IP in --from is a source outside the cluster, judged on the destination only', async () => {
    const result = await runCli(['explain', ...inputs, '--from', '198.51.100.7', '--to', 'z/a', '--port', '80', '--protocol', 'udp']);
    expect(result.stdout).toContain('198.51.100.7 (external) -> z/a on UDP/80: ALLOWED');
    expect(result.stdout).toContain('egress: not judged (198.51.100.7 (external) is outside the cluster)');
    expect(result.stdout).toContain('ingress to z/a: allowed: not isolated');
  });

  test.each([
    [['--from', 'x/q', '--to', 'y/a', '--port', '80'], /--from: no endpoint "x\/q" in the inputs; did you mean x\/a/],
    [['--from', 'x', '--to', 'y/a', '--port', '80'], /--from: "x" is neither an endpoint \(namespace\/name\) nor an IP address/],
    [['--from', 'x/a', '--to', 'y/a'], /required option '--port <port>' not specified/],
  ])('bad arguments exit 2: %j', async (args, message) => {
    const result = await runCli(['explain', ...inputs, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
