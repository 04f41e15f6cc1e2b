import * as path from 'path';
import { buildClusterModel, readManifestObject } from '../../lib/manifests';
import { validateStagedKubernetesNetworkPolicy } from '../../lib/validate';
import { runCli } from '../cli/run-cli';

/**
 * Calico's StagedKubernetesNetworkPolicy (#13.4), read as projectcalico/calico defines it
 * (api/pkg/apis/projectcalico/v3/stagedkubernetesnetworkpolicy.go, policy_common.go
 * StagedAction, libcalico-go validator validateStagedKubernetesNetworkPolicy): the spec of a
 * NetworkPolicy plus `stagedAction` (Set by default, Delete, Learn, Ignore). Calico does not
 * enforce it, so the verdicts leave it out; `--staged` evaluates it as enforced.
 */

const DIR = path.join(__dirname, '..', 'fixtures', 'manifests', 'staged');
const file = (name: string) => path.join(DIR, name);

async function allowedOn(port: number, ...args: string[]): Promise<string[]> {
  const result = await runCli(['reach', file('base.yaml'), file('staged.yaml'), '--port', String(port), '--format', 'json', ...args]);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout).allowed as [string, string][]).filter(([from, to]) => from !== to).map(([from, to]) => `${from} -> ${to}`);
}

describe('StagedKubernetesNetworkPolicy', () => {
  test('without --staged the verdicts are those of the enforced policies; the staged ones are named', async () => {
    expect(await allowedOn(8080)).toContain('shop/web -> shop/api');
    expect(await allowedOn(9090)).not.toContain('shop/web -> shop/api');
    expect(await allowedOn(5432)).toContain('shop/web -> shop/db');
    const result = await runCli(['reach', file('base.yaml'), file('staged.yaml')]);
    const note =
      'staged, not enforced, the verdicts do not include them (--staged evaluates them as enforced): ' +
      `StagedKubernetesNetworkPolicy shop/default-deny-ingress (${file('staged.yaml')}), ` +
      `StagedKubernetesNetworkPolicy shop/api-from-web (${file('staged.yaml')}), ` +
      `StagedKubernetesNetworkPolicy shop/legacy-allow-all (${file('staged.yaml')})\n`;
    expect(result.stdout.endsWith(note)).toBe(true);
    expect(result.stderr).toBe(note);
    const json = JSON.parse((await runCli(['reach', file('base.yaml'), file('staged.yaml'), '--format', 'json'])).stdout);
    expect(json.staged.map((object: { name: string }) => object.name)).toEqual(['default-deny-ingress', 'api-from-web', 'legacy-allow-all']);
  });

  test('with --staged, Set replaces the NetworkPolicy of its name and Delete removes it', async () => {
    // api-from-web moves from 8080 to 9090; legacy-allow-all is deleted, so the staged default deny isolates db.
    expect(await allowedOn(8080, '--staged')).toEqual([]);
    expect(await allowedOn(9090, '--staged')).toEqual(['shop/web -> shop/api']);
    expect(await allowedOn(5432, '--staged')).toEqual([]);
    const result = await runCli(['reach', file('base.yaml'), file('staged.yaml'), '--staged']);
    expect(result.stdout).not.toContain('staged, not enforced');
    expect(result.stderr).toContain('staged, evaluated as enforced (--staged): StagedKubernetesNetworkPolicy shop/default-deny-ingress');
  });

  test('explain --staged names the staged policy that decides', async () => {
    const result = await runCli(['explain', file('base.yaml'), file('staged.yaml'), '--from', 'shop/web', '--to', 'shop/db', '--port', '5432', '--staged']);
    expect(result.stdout).toContain('ingress to shop/db: DENIED');
    expect(result.stdout).toContain('isolated by: shop/default-deny-ingress');
  });

  test('audit --staged judges observed flows by the staged policies', async () => {
    const flows = 'from,to,port,protocol\nshop/web,shop/api,8080,TCP\nshop/web,shop/db,5432,TCP\n';
    const enforced = await runCli(['audit', file('base.yaml'), file('staged.yaml'), '--flows', '-', '--format', 'json', '--fail-on-denied'], flows);
    expect(enforced.code).toBe(0);
    expect(enforced.stderr).toContain('staged, not enforced');
    const staged = await runCli(['audit', file('base.yaml'), file('staged.yaml'), '--staged', '--flows', '-', '--format', 'json', '--fail-on-denied'], flows);
    expect(staged.code).toBe(1);
    const denied = JSON.parse(staged.stdout).flows.filter((flow: { verdict: string }) => flow.verdict === 'denied');
    expect(denied.map((flow: { to: { id: string }; port: number; deniedBy: string }) => `${flow.to.id} ${flow.port} ${flow.deniedBy}`)).toEqual(['shop/api 8080 ingress', 'shop/db 5432 ingress']);
  });

  test('an invalid staged policy is an error at its field, left out of the model', async () => {
    const result = await runCli(['validate', file('base.yaml'), file('invalid-staged.yaml')]);
    expect(result.code).toBe(1);
    const at = `${file('invalid-staged.yaml')}: StagedKubernetesNetworkPolicy`;
    expect(result.stdout).toContain(`${at} shop/bad-action: spec.stagedAction: error: [crd-schema] Unsupported value: "Enforce": supported values: "Set", "Delete", "Learn", "Ignore"`);
    expect(result.stdout).toContain(
      `${at} shop/delete-with-spec: spec.podSelector: error: [crd-schema] Forbidden: spec fields should all be zero-value if stagedAction is Delete`,
    );
    expect(result.stdout).toContain(`${at} shop/bad-port: spec.ingress[0].ports[0].port: error: [api-port] Invalid value: 70000: must be between 1 and 65535, inclusive`);
    expect(result.stdout).toContain(`${at} shop/old-version: apiVersion: error: [api-type-meta] Unsupported value: "projectcalico.org/v2"`);
    const reach = await runCli(['reach', file('base.yaml'), file('invalid-staged.yaml'), '--staged']);
    expect(reach.code).toBe(1);
    expect(reach.stdout).toContain('left out as invalid (see the errors): StagedKubernetesNetworkPolicy shop/bad-action');
  });

  test('validate lints staged policies as the NetworkPolicies they will be: a staged default deny without DNS blocks it', async () => {
    const staged =
      'apiVersion: projectcalico.org/v3\nkind: StagedKubernetesNetworkPolicy\nmetadata: { name: default-deny-all, namespace: shop }\n' +
      'spec: { podSelector: {}, policyTypes: [Ingress, Egress] }\n';
    const result = await runCli(['validate', '-'], staged);
    expect(result.stdout).toContain('StagedKubernetesNetworkPolicy shop/default-deny-all: spec.podSelector: warning: [blocked-dns]');
  });

  test("Calico-model staged policies and the recommendation's Learn are named as not evaluated", async () => {
    const result = await runCli(['reach', file('base.yaml'), file('calico-model.yaml'), '--staged', '--port', '5432', '--format', 'json']);
    expect(JSON.parse(result.stdout).notEvaluated.map((object: { kind: string; name: string }) => `${object.kind} ${object.name}`)).toEqual([
      'StagedNetworkPolicy default.allow-tcp-6379',
      'StagedGlobalNetworkPolicy default.deny-all',
      'StagedKubernetesNetworkPolicy recommended',
    ]);
    expect(result.stderr).toContain('spec.stagedAction: warning: [not-evaluated] not evaluated: stagedAction Learn');
    expect(result.stderr).not.toContain('evaluated as enforced');
  });

  test('the model: staged policies enter only with the staged option, as networking.k8s.io/v1 NetworkPolicies', () => {
    const staged = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'StagedKubernetesNetworkPolicy',
      metadata: { name: 'deny' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    const objects = [readManifestObject(staged, { file: 'staged.yaml', documentIndex: 0 }, 'shop')];
    expect(objects[0].role).toBe('staged');
    const off = buildClusterModel(objects);
    expect(off.model.policies).toEqual([]);
    expect(off.staged.map((each) => each.action)).toEqual(['Set']);
    const on = buildClusterModel(objects, { staged: true });
    expect(on.model.policies.map((entry) => entry.policy)).toEqual([
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
    ]);
    expect(on.findings.filter((finding) => finding.rule !== 'namespace-unset')).toEqual([]);
  });

  test('stagedAction defaults to Set; Delete allows metadata only', () => {
    const base = { apiVersion: 'projectcalico.org/v3', kind: 'StagedKubernetesNetworkPolicy', metadata: { name: 'p', namespace: 'shop' } };
    expect(validateStagedKubernetesNetworkPolicy({ ...base, spec: { podSelector: {} } }).action).toBe('Set');
    expect(validateStagedKubernetesNetworkPolicy({ ...base, spec: { stagedAction: 'Delete' } })).toEqual({ findings: [], action: 'Delete' });
    expect(validateStagedKubernetesNetworkPolicy({ ...base, metadata: { name: 'Bad_Name', namespace: 'shop' }, spec: { stagedAction: 'Delete' } }).findings.map((finding) => finding.path)).toEqual([
      'metadata.name',
    ]);
  });
});
