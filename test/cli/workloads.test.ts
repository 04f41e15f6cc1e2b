import * as path from 'path';
import { runCli } from './run-cli';

const DUMP = path.join(__dirname, '..', 'fixtures', 'manifests', 'shop-dump');

describe('netpol on a cluster dump: endpoints by workload', () => {
  test('reach --format json names workloads, and a StatefulSet pod selected by pod-name gets the verdict Kubernetes gives', async () => {
    const result = await runCli(['reach', DUMP, '--port', '6379', '--format', 'json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.endpoints).toEqual([
      'shop/cartservice-6b9f4c7d8',
      'shop/checkoutservice',
      'shop/frontend',
      'shop/node-exporter',
      'shop/redis-0',
      'shop/redis-1',
      'shop/report-nightly',
    ]);
    const allowed = (from: string, to: string) => data.allowed.some((pair: string[]) => pair[0] === from && pair[1] === to);
    // redis-primary isolates redis-0 only, and admits the CronJob's pods by batch.kubernetes.io/job-name.
    expect(allowed('shop/report-nightly', 'shop/redis-0')).toBe(true);
    expect(allowed('shop/frontend', 'shop/redis-0')).toBe(false);
    expect(allowed('shop/frontend', 'shop/redis-1')).toBe(true);
    expect(data.workloads).toContainEqual({ endpoint: 'shop/checkoutservice', kind: 'Deployment', pods: ['checkoutservice-69c8ff664b-q2wfk', 'checkoutservice-69c8ff664b-x5bhp'] });
    expect(data.workloads).toContainEqual({ endpoint: 'shop/redis-0', kind: 'Pod', workload: { kind: 'StatefulSet', name: 'redis' } });
    expect(data.caveats).toEqual([{ endpoint: 'shop/node-exporter', caveat: 'hostNetwork: enforcement depends on the CNI' }]);
  });

  test('--per-pod keeps one endpoint per pod', async () => {
    const data = JSON.parse((await runCli(['reach', DUMP, '--port', '6379', '--format', 'json', '--per-pod'])).stdout);
    expect(data.endpoints).toContain('shop/checkoutservice-69c8ff664b-x5bhp');
    expect(data.endpoints).not.toContain('shop/checkoutservice');
  });

  test('explain shows the kinds and the hostNetwork caveat', async () => {
    const result = await runCli(['explain', DUMP, '--from', 'shop/node-exporter', '--to', 'shop/checkoutservice', '--port', '5050']);
    expect(result.stdout).toContain('shop/node-exporter: DaemonSet, pods node-exporter-7xq9d\n');
    expect(result.stdout).toContain('caveat: shop/node-exporter: hostNetwork: enforcement depends on the CNI\n');
    const json = JSON.parse((await runCli(['explain', DUMP, '--from', 'shop/frontend', '--to', 'shop/checkoutservice', '--port', '5050', '--format', 'json'])).stdout);
    expect(json.allowed).toBe(true);
    expect(json.workloads.map((note: { kind: string }) => note.kind)).toEqual(['Deployment', 'Deployment']);
    expect(json.caveats).toBeUndefined();
  });
});
