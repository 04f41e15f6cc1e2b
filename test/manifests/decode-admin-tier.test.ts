/** Admin-tier objects read from manifests: validated against their CRDs, decoded into the model or left out. */
import { Readable } from 'stream';
import { buildClusterModel, loadManifests } from '../../lib/manifests';
import { runCli } from '../cli/run-cli';

async function fromText(text: string) {
  const loaded = await loadManifests(['-'], { stdin: Readable.from([Buffer.from(text)]), defaultNamespace: 'default' });
  return buildClusterModel(loaded.objects);
}

const CNP = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: guard}
spec:
  tier: Admin
  priority: 5
  subject: {namespaces: {}}
  egress:
  - {name: no-metadata, action: Deny, to: [{networks: [169.254.169.254/32]}], protocols: null}
`;

const ANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: old}
spec:
  priority: 3
  subject: {namespaces: {}}
  ingress:
  - {action: Allow, from: [{namespaces: {}}], ports: [{portNumber: {port: 80}}]}
`;

const BANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress:
  - {action: Deny, from: [{namespaces: {}}]}
`;

describe('admin-tier objects in buildClusterModel', () => {
  test('valid ones enter the model, sorted by kind and name, nulls dropped as the API server prunes them', async () => {
    const build = await fromText([CNP, ANP, BANP].join('---\n'));
    expect(build.rejected).toEqual([]);
    expect(build.model.adminTierPolicies!.map(({ policy }) => `${policy.kind}/${policy.metadata.name}`)).toEqual([
      'AdminNetworkPolicy/old',
      'BaselineAdminNetworkPolicy/default',
      'ClusterNetworkPolicy/guard',
    ]);
    const guard = build.model.adminTierPolicies![2];
    expect(guard.source).toEqual({ file: '-', documentIndex: 0 });
    expect(guard.policy.spec).toEqual({
      tier: 'Admin',
      priority: 5,
      subject: { namespaces: {} },
      egress: [{ name: 'no-metadata', action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }],
    });
  });

  test('a model without admin-tier objects has no adminTierPolicies field', async () => {
    const build = await fromText('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    expect(build.model).not.toHaveProperty('adminTierPolicies');
  });

  test('invalid ones are left out with their errors at API-server field paths', async () => {
    const build = await fromText(CNP.replace('priority: 5', 'priority: 1001') + '---\n' + BANP.replace('name: default', 'name: other'));
    expect(build.model).not.toHaveProperty('adminTierPolicies');
    expect(build.rejected.map(({ object, errors }) => [object.kind, object.name, errors.map((error) => `${error.path}: ${error.message}`)])).toEqual([
      ['ClusterNetworkPolicy', 'guard', ['spec.priority: Invalid value: 1001: spec.priority in body should be less than or equal to 1000']],
      ['BaselineAdminNetworkPolicy', 'other', ['<nil>: Invalid value: "object": Only one baseline admin network policy with metadata.name="default" can be created in the cluster']],
    ]);
  });

  test('a second object of one kind and name replaces the first, with an error', async () => {
    const build = await fromText(CNP + '---\n' + CNP.replace('priority: 5', 'priority: 6'));
    expect(build.model.adminTierPolicies!.map(({ policy }) => (policy.kind === 'ClusterNetworkPolicy' ? policy.spec.priority : undefined))).toEqual([6]);
    expect(build.findings.map((finding) => [finding.severity, finding.path, finding.documentIndex])).toEqual([['error', 'metadata.name', 1]]);
  });

  test('netpol validate reports them; netpol reach leaves an invalid one out, says so and exits 1', async () => {
    const invalid = CNP.replace('action: Deny', 'action: Drop');
    const validate = await runCli(['validate', '-', '--format', 'text'], invalid);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain('-: ClusterNetworkPolicy guard: spec.egress[0].action: error: [crd-schema] Unsupported value: "Drop": supported values: "Accept", "Deny", "Pass"');
    const reach = await runCli(['reach', '-', '--port', '80'], invalid);
    expect(reach.code).toBe(1);
    expect(reach.stderr).toContain('-: ClusterNetworkPolicy guard: spec.egress[0].action: error: [crd-schema] Unsupported value: "Drop"');
    expect(reach.stdout).toContain('left out as invalid (see the errors): ClusterNetworkPolicy guard (-)\n');
  });
});
