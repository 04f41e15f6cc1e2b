import { runCli } from './run-cli';

const RANGE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: range, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
  - ports: [{port: 32000, endPort: 32768}]
`;

const SINGLE = RANGE.replace(', endPort: 32768', '');

interface JsonFinding {
  readonly severity: string;
  readonly path: string;
  readonly message: string;
  readonly rule?: string;
}

describe('netpol validate --cni', () => {
  test('flannel, text: the policy is not enforced, with the rule id and the source', async () => {
    const result = await runCli(['validate', '-', '--cni', 'flannel'], RANGE);
    expect(result.stdout).toMatch(
      /^-: NetworkPolicy shop\/range: spec: warning: \[cni-no-enforcement\] Flannel does not enforce NetworkPolicies \(a policy nobody enforces has no effect\): flanneld does not enforce NetworkPolicies.*\[source: https:\/\/github\.com\/flannel-io\/flannel\/blob\/[0-9a-f]{40}\/README\.md, /,
    );
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toBe('0 errors, 1 warning in 1 object from 1 file\n');
    expect(result.code).toBe(0);
  });

  test('flannel with --strict fails on the warning', async () => {
    expect((await runCli(['validate', '-', '--cni', 'flannel', '--strict'], RANGE)).code).toBe(1);
  });

  test('endPort on weave, json: the rule, the field path and the cited source', async () => {
    const result = await runCli(['validate', '-', '--cni', 'weave', '--format', 'json'], RANGE);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    expect(findings.map(({ severity, path, rule }) => ({ severity, path, rule }))).toEqual([
      { severity: 'warning', path: 'spec.ingress[0].ports[0].endPort', rule: 'cni-endport-unsupported' },
    ]);
    expect(findings[0].message).toContain('only port 32000 of 32000-32768');
    expect(findings[0].message).toContain('https://github.com/weaveworks/weave/blob/8c8476381d48820891356497bfcee6337e99a401/go.mod');
    expect(result.code).toBe(0);
  });

  test('the same policy without endPort, or on a CNI that enforces it, has no CNI warning', async () => {
    for (const [input, cni] of [
      [SINGLE, 'weave'],
      [RANGE, 'calico'],
    ]) {
      const result = await runCli(['validate', '-', '--cni', cni, '--format', 'json'], input);
      expect(JSON.parse(result.stdout)).toEqual([]);
    }
  });

  test('without --cni no profile is applied', async () => {
    const result = await runCli(['validate', '-', '--format', 'json'], RANGE);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  test('an unknown CNI is a usage error listing the valid ones, with the closest suggested', async () => {
    const result = await runCli(['validate', '-', '--cni', 'flanel'], RANGE);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unknown CNI "flanel"; did you mean flannel? valid: calico, cilium, antrea, aws-vpc, azure-npm, gke-dataplane-v2, weave, kube-router, flannel');
  });

  test('a name close to none lists the valid ones without a suggestion', async () => {
    const result = await runCli(['validate', '-', '--cni', 'openshift-sdn'], RANGE);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown CNI "openshift-sdn"; valid: calico,');
  });

  test('admin-tier objects are judged by kind: a ClusterNetworkPolicy on cilium', async () => {
    const cnp = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: baseline}
spec: {tier: Admin, priority: 10, subject: {namespaces: {}}}
`;
    const result = await runCli(['validate', '-', '--cni', 'cilium', '--format', 'json'], cnp);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    expect(findings.map(({ path, rule }) => ({ path, rule }))).toEqual([{ path: 'kind', rule: 'cni-cluster-network-policy-unsupported' }]);
  });
});
