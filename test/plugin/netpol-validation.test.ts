import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Validation, ValidationContext } from 'cdk8s-cli/lib/plugins';
import { NetpolValidation } from '../../lib/plugin';
import { findingViolation } from '../../lib/plugin/finding-violation';

/** cdk8s-cli's own context and report classes; its `exports` map hides the path jest would use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'lib/plugins')) as {
  ValidationContext: new (manifests: readonly string[], pkg: string, version: string) => ValidationContext;
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-validation-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function manifest(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function run(plugin: Validation, manifests: string[]) {
  const context = new cli.ValidationContext(manifests, 'cdk8s-netpol', '0.1.0');
  await plugin.validate(context);
  return context.report.toJson();
}

const EMPTY_FROM = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: empty-from, namespace: shop }
spec:
  podSelector: {}
  ingress: [{ from: [] }]
`;

const VALID = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all, namespace: shop }
spec: { podSelector: {}, policyTypes: [Ingress] }
`;

describe('NetpolValidation', () => {
  test('fits cdk8s-cli\'s Validation contract', () => {
    // Type-checked by `tsc --noEmit`: the structural contract accepts the real context.
    const plugin: Validation = new NetpolValidation({ strict: true });
    expect(typeof plugin.validate).toBe('function');
  });

  test('a warning is reported but passes without strict, and fails with strict', async () => {
    const file = manifest('lint.yaml', EMPTY_FROM);
    const lenient = await run(new NetpolValidation(), [file]);
    expect(lenient.summary.status).toBe('success');
    expect(lenient.summary.metadata).toEqual({ errors: '0', warnings: '1', strict: 'false' });
    expect(lenient.violations).toHaveLength(1);
    expect(lenient.violations[0].ruleName).toMatch(/^warning: NetworkPolicy shop\/empty-from: spec\.ingress\[0\]\.from: \[empty-list\] is an empty list/);
    expect(lenient.violations[0].violatingConstructs).toEqual([
      expect.objectContaining({ resourceName: 'empty-from', manifestPath: file, locations: ['spec.ingress[0].from'] }),
    ]);

    const strict = await run(new NetpolValidation({ strict: true }), [file]);
    expect(strict.summary.status).toBe('failure');
  });

  test('acknowledged findings (the annotation, or .netpol.yaml in the project directory) are left out', async () => {
    const annotated = manifest('acknowledged.yaml', EMPTY_FROM.replace('namespace: shop }', 'namespace: shop, annotations: { netpol.dev/acknowledge: empty-list } }'));
    expect((await run(new NetpolValidation({ strict: true }), [annotated])).summary.status).toBe('success');
    const plain = manifest('lint.yaml', EMPTY_FROM);
    fs.writeFileSync(path.join(dir, '.netpol.yaml'), 'acknowledge:\n  - rule: empty-list\n    match: { name: empty-from }\n    reason: every source on purpose\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const report = await run(new NetpolValidation({ strict: true }), [plain]);
      expect(report.summary.status).toBe('success');
      expect(report.violations).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  test('estate lint runs across files: egress default deny without DNS is a warning on that policy', async () => {
    const file = manifest('deny-egress.yaml', VALID.replace('name: deny-all', 'name: deny-egress').replace('[Ingress]', '[Egress]'));
    const report = await run(new NetpolValidation(), [manifest('ok.yaml', VALID), file]);
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0].ruleName).toMatch(/^warning: NetworkPolicy shop\/deny-egress: .*DNS/);
    expect(report.violations[0].violatingConstructs[0].manifestPath).toBe(file);
  });

  test('a valid policy gives a clean, successful report', async () => {
    const report = await run(new NetpolValidation({ strict: true }), [manifest('ok.yaml', VALID)]);
    expect(report.summary.status).toBe('success');
    expect(report.violations).toEqual([]);
  });

  test('objects without a namespace take the namespace property, with a warning', async () => {
    const file = manifest('no-ns.yaml', VALID.replace(', namespace: shop', ''));
    const report = await run(new NetpolValidation({ namespace: 'payments' }), [file]);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([
      'warning: NetworkPolicy payments/deny-all: metadata.namespace: [namespace-unset] no namespace in file, assumed "payments"',
    ]);
  });

  test('the cni property adds that CNI profile: on flannel every policy is reported unenforced, a warning', async () => {
    const file = manifest('ok.yaml', VALID);
    const report = await run(new NetpolValidation({ cni: 'flannel' }), [file]);
    expect(report.summary.status).toBe('success');
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([
      expect.stringMatching(/^warning: NetworkPolicy shop\/deny-all: spec: \[cni-no-enforcement\] Flannel does not enforce NetworkPolicies/),
    ]);
    expect((await run(new NetpolValidation({ cni: 'flannel', strict: true }), [file])).summary.status).toBe('failure');
    expect((await run(new NetpolValidation({ cni: 'calico' }), [file])).violations).toEqual([]);
  });

  test('a manifest that is not YAML fails the report with the file named, not a stack trace', async () => {
    const file = manifest('broken.yaml', 'kind: [unclosed\n');
    const report = await run(new NetpolValidation(), [file]);
    expect(report.summary.status).toBe('failure');
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0].ruleName).toMatch(/^error: document 0: \[manifest-unreadable\] not valid YAML/);
    expect(report.violations[0].violatingConstructs[0].manifestPath).toBe(file);
  });

  test('the fix names the field and object, or the object alone when there is no field', () => {
    const base = { severity: 'error', rule: 'api-policy-spec', message: 'bad', file: 'out.yaml', documentIndex: 0, kind: 'NetworkPolicy', namespace: 'shop', name: 'web' } as const;
    expect(findingViolation({ ...base, path: 'spec.podSelector' }, false).fix).toBe(
      'Change spec.podSelector of NetworkPolicy shop/web as the message says; `netpol validate out.yaml` repeats this check.',
    );
    expect(findingViolation({ ...base, path: '', kind: '', name: '' }, false).fix).toBe(
      'Change document 0 as the message says; `netpol validate out.yaml` repeats this check.',
    );
  });

  test('no manifests: nothing to check, success', async () => {
    const report = await run(new NetpolValidation(), []);
    expect(report.summary.status).toBe('success');
  });

  test.each([
    [{ strict: 'yes' }, /properties\.strict: must be true or false, got "yes"/],
    [{ strcit: true }, /properties\.strcit: unknown property; supported: strict, namespace, cni/],
    [{ namespace: '' }, /properties\.namespace: must be a non-empty namespace name/],
    [['strict'], /properties: must be a mapping/],
    [{ cni: 'cillium' }, /properties\.cni: unknown CNI "cillium"; did you mean cilium\? valid: calico, cilium, antrea/],
    [{ cni: 3 }, /properties\.cni: must be a CNI name, got 3/],
  ])('refuses bad properties %j from cdk8s.yaml with the property named', (properties, message) => {
    expect(() => new NetpolValidation(properties as never)).toThrow(message);
  });
});
