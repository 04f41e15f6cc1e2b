import * as fs from 'fs';
import * as path from 'path';
import { useTempDir } from '../manifests/temp-dir';
import { runCli } from './run-cli';

// reach, explain and graph with --cni answer as the plugin treats hostNetwork pods (docs/cni-profiles.md).
const estate = path.join(__dirname, '..', 'fixtures', 'manifests', 'host-network.yaml');
const tempDir = useTempDir('netpol-host-network-');

async function allowedPairs(...options: string[]): Promise<string[]> {
  const result = await runCli(['reach', estate, '--format', 'json', ...options]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).allowed.map((pair: { from: string; to: string }) => `${pair.from} -> ${pair.to}`);
}

describe('hostNetwork pods under --cni', () => {
  test('without --cni the answer is the API reading, with the generic caveat', async () => {
    expect(await allowedPairs()).toEqual(['mon/node-exporter -> mon/prometheus']);
    const text = await runCli(['reach', estate]);
    expect(text.stdout).toContain('caveat: mon/node-exporter: hostNetwork: enforcement depends on the CNI');
  });

  test('--cni calico treats the pod as its node: never isolated, never matched by a podSelector', async () => {
    expect(await allowedPairs('--cni', 'calico')).toEqual(['mon/node-exporter -> mon/node-exporter', 'mon/prometheus -> mon/node-exporter']);
    const explained = await runCli(['explain', estate, '--from', 'mon/node-exporter', '--to', 'mon/prometheus', '--port', '9090', '--cni', 'calico']);
    expect(explained.stdout).toContain('mon/node-exporter -> mon/prometheus on TCP/9090: DENIED');
    expect(explained.stdout).toMatch(/caveat: mon\/node-exporter: hostNetwork: Calico treats this pod as its node: .*\(source: https:\/\/github\.com\/projectcalico\/calico\/blob\/87c15906/);
  });

  test('--cni aws-vpc never isolates the pod but still matches it as a peer', async () => {
    expect(await allowedPairs('--cni', 'aws-vpc')).toEqual([
      'mon/node-exporter -> mon/node-exporter',
      'mon/node-exporter -> mon/prometheus',
      'mon/prometheus -> mon/node-exporter',
    ]);
  });

  test('a profile without a source keeps the API reading and says the treatment is unknown', async () => {
    expect(await allowedPairs('--cni', 'gke-dataplane-v2')).toEqual(['mon/node-exporter -> mon/prometheus']);
    const text = await runCli(['reach', estate, '--cni', 'gke-dataplane-v2']);
    expect(text.stdout).toContain('hostNetwork: how GKE Dataplane V2 treats this pod is unknown');
  });

  test("the profile's warnings are printed beside the answer, and a bad name is a usage error", async () => {
    const flannel = await runCli(['reach', estate, '--cni', 'flannel']);
    expect(flannel.stderr).toContain('[cni-no-enforcement]');
    const graph = await runCli(['graph', estate, '--cni', 'calico']);
    expect(graph.code).toBe(0);
    expect(graph.stdout).toContain('prometheus');
    const typo = await runCli(['reach', estate, '--cni', 'calco']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean calico');
  });

  test('validate --cni warns where a policy selects or matches the hostNetwork pod', async () => {
    const result = await runCli(['validate', estate, '--cni', 'calico', '--format', 'json']);
    expect(result.code).toBe(0);
    const hostNetwork = (JSON.parse(result.stdout) as { rule: string; name: string; path: string }[]).filter((finding) => finding.rule === 'cni-host-network-pods');
    expect(hostNetwork.map((finding) => `${finding.name} ${finding.path}`)).toEqual(['default-deny spec.podSelector', 'prometheus-from-exporter spec.ingress[0].from[0]']);
    expect((await runCli(['validate', estate, '--cni', 'calico', '--strict'])).code).toBe(1);
    expect((await runCli(['validate', estate])).stdout).not.toContain('cni-host-network-pods');
  });

  test('audit, diff and graph take --cni too (graph also --staged)', async () => {
    const flows = path.join(__dirname, '..', 'fixtures', 'manifests', 'host-network-flows.csv');
    const verdict = async (...options: string[]): Promise<string> =>
      JSON.parse((await runCli(['audit', estate, '--flows', flows, '--format', 'json', ...options])).stdout).flows[0].verdict;
    // Prometheus scraping node-exporter: isolated by the default deny in the API's reading, never isolated on Calico.
    expect(await verdict()).toBe('denied');
    expect(await verdict('--cni', 'calico')).toBe('allowed');
    const diff = await runCli(['diff', estate, estate, '--cni', 'flannel']);
    expect(diff.code).toBe(0);
    expect(diff.stderr).toContain('[cni-no-enforcement]');
    expect((await runCli(['graph', estate, '--staged'])).code).toBe(0);
  });

  test('the verdict commands take the CNI from .netpol.yaml (or --config), and its acknowledgements silence the warnings printed beside the answer', async () => {
    const config = path.join(tempDir(), 'netpol.yaml');
    fs.writeFileSync(config, 'cni: calico\n');
    const pairs = async (...options: string[]): Promise<string[]> =>
      JSON.parse((await runCli(['reach', estate, '--format', 'json', ...options])).stdout).allowed.map((pair: { from: string; to: string }) => `${pair.from} -> ${pair.to}`);
    expect(await pairs('--config', config)).toEqual(['mon/node-exporter -> mon/node-exporter', 'mon/prometheus -> mon/node-exporter']);
    // --cni overrides the file.
    expect(await pairs('--config', config, '--cni', 'gke-dataplane-v2')).toEqual(['mon/node-exporter -> mon/prometheus']);
    expect((await runCli(['reach', estate, '--config', config])).stderr).toContain('[cni-host-network-pods]');
    fs.writeFileSync(config, 'cni: calico\nacknowledge:\n  - rule: cni-host-network-pods\n    match: { namespace: mon }\n    reason: node-exporter is guarded by HostEndpoint policies\n');
    expect((await runCli(['reach', estate, '--config', config])).stderr).not.toContain('[cni-host-network-pods]');
    const explained = await runCli(['explain', estate, '--config', config, '--from', 'mon/prometheus', '--to', 'mon/node-exporter', '--port', '9100']);
    expect(explained.stdout).toContain('ALLOWED');
  });
});
