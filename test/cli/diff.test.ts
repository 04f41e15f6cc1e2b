import * as fs from 'fs';
import * as path from 'path';
import { useTempDir } from '../manifests/temp-dir';
import { runCli } from './run-cli';

const CONFORMANCE = path.join(__dirname, '..', 'fixtures', 'conformance');
const tempDir = useTempDir('netpol-diff-');

/** Two directories: the e2e cluster with the old policy file, and only the new policy file (workloads come from the union). */
function sides(oldPolicy: string, newPolicy: string): [string, string] {
  const root = fs.mkdtempSync(path.join(tempDir(), 'case-'));
  const [before, after] = [path.join(root, 'old'), path.join(root, 'new')];
  fs.mkdirSync(before);
  fs.mkdirSync(after);
  fs.copyFileSync(path.join(CONFORMANCE, 'cluster.yaml'), path.join(before, 'cluster.yaml'));
  fs.copyFileSync(path.join(CONFORMANCE, oldPolicy), path.join(before, 'policy.yaml'));
  fs.copyFileSync(path.join(CONFORMANCE, newPolicy), path.join(after, 'policy.yaml'));
  return [before, after];
}

describe('netpol diff', () => {
  test('flows added and removed between two policy sets, over the union of workloads', async () => {
    const [before, after] = sides('ports-81-tcp.yaml', 'ports-80-tcp-stacked.yaml');
    const result = await runCli(['diff', before, after, '--format', 'json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    // y may now reach x/a on TCP 80 instead of TCP 81.
    expect(data.added.map((flow: { from: string; to: string; ports: string }) => `${flow.from}>${flow.to} ${flow.ports}`)).toEqual([
      'y/a>x/a TCP 80',
      'y/b>x/a TCP 80',
      'y/c>x/a TCP 80',
    ]);
    expect(data.removed.map((flow: { from: string; ports: string }) => `${flow.from} ${flow.ports}`)).toEqual([
      'y/a TCP 81',
      'y/b TCP 81',
      'y/c TCP 81',
    ]);
  });

  test('--fail-on-added exits 1 when a new flow appears, 0 when only flows go away', async () => {
    const [open, closed] = sides('allow-all.yaml', 'default-deny-ingress.yaml');
    const tighter = await runCli(['diff', open, closed, '--fail-on-added']);
    expect(tighter.code).toBe(0);
    expect(tighter.stdout).toContain('0 flows added, 27 removed');
    const [closedBefore, openAfter] = sides('default-deny-ingress.yaml', 'allow-all.yaml');
    const looser = await runCli(['diff', closedBefore, openAfter, '--fail-on-added', '--format', 'markdown']);
    expect(looser.code).toBe(1);
    expect(looser.stdout).toContain('### Added flows (27)');
    expect(looser.stdout).toContain('| `x/a` | `x/b` | all |');
  });

  test('identical sides report no change', async () => {
    const [before, after] = sides('pod-selector.yaml', 'pod-selector.yaml');
    const result = await runCli(['diff', before, after]);
    expect(result.stdout).toBe('no change in allowed traffic\n0 flows added, 0 removed\n');
  });

  test('a missing side is a usage error', async () => {
    const result = await runCli(['diff', path.join(CONFORMANCE, 'cluster.yaml'), path.join(CONFORMANCE, 'no-such.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such.yaml');
  });
});
