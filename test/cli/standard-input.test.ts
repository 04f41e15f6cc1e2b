import * as path from 'path';
import { runCli } from './run-cli';

const ESTATE = path.join(__dirname, '..', 'fixtures', 'manifests', 'estate');
const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec: {podSelector: {}}\n';

describe('standard input (-)', () => {
  test('a terminal is refused with a hint instead of waited on', async () => {
    const result = await runCli(['validate', '-'], '', { stdinIsTTY: true });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'netpol: standard input (-) is a terminal: pipe the manifests in (e.g. kubectl get networkpolicies,pods -A -o yaml | netpol validate -) or name a file instead of -\n',
    );
  });

  test('a terminal is refused for flows too', async () => {
    const result = await runCli(['audit', ESTATE, '--flows', '-', '--quiet'], '', { stdinIsTTY: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^netpol: standard input \(-\) is a terminal: pipe the flows in \(e\.g\. hubble observe -o jsonpb \| netpol audit DIR --flows -\)/);
  });

  test('a terminal is fine when - is not given', async () => {
    const result = await runCli(['validate', ESTATE, '--quiet'], '', { stdinIsTTY: true });
    expect(result.stderr).toBe('');
  });

  test('piped input is read', async () => {
    const result = await runCli(['validate', '-', '--format', 'json'], POLICY);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  test('diff - - is refused: standard input can be read only once', async () => {
    const result = await runCli(['diff', '-', '-'], POLICY);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('netpol: standard input (-) can be read only once: give files for all but one -\n');
  });
});
