import { promises as fs } from 'fs';
import * as path from 'path';
import { useTempDir } from '../manifests/temp-dir';
import { runCli } from './run-cli';

const DUMP = path.join(__dirname, '..', 'fixtures', 'manifests', 'cluster-dump');

/** What a real repository holds beside the cluster's objects. */
const NOT_OBJECTS: Record<string, string> = {
  'values.yaml': 'replicaCount: 2\nimage:\n  repository: nginx\n  tag: "1.27"\n',
  'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [all.yaml, pods.json, replicasets.yaml]\n',
};

/** Would allow everything into every pod of shop, were it not rejected for its name. */
const INVALID_NAME = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: Allow_All, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{}]\n';

/** `podSelector: null` is the empty selector: every pod of shop accepts only frontend. */
const NULL_SELECTOR =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: only-frontend, namespace: shop}\nspec:\n  podSelector: null\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: frontend}}}]\n';

const ADMIN_DENY =
  'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: deny-cart}\nspec: {endpointSelector: {}, ingressDeny: [{fromEntities: [world]}]}\n';

async function estate(dir: string, extra: Record<string, string>): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  for (const file of await fs.readdir(DUMP)) {
    await fs.copyFile(path.join(DUMP, file), path.join(dir, file));
  }
  for (const [file, text] of Object.entries({ ...NOT_OBJECTS, ...extra })) {
    await fs.writeFile(path.join(dir, file), text);
  }
  return dir;
}

describe('a repository directory: a cluster dump of typed lists, a values.yaml, a kustomization.yaml and policies', () => {
  const scratch = useTempDir('netpol-mixed-');
  const policies = { 'invalid-name.yaml': INVALID_NAME, 'null-selector.yaml': NULL_SELECTOR };

  test('reach answers by workload without the invalid policy, names what it left out and skipped, and exits 1', async () => {
    const dir = await estate(path.join(scratch(), 'repo'), policies);
    const result = await runCli(['reach', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'FROM                             TO                               ALLOWED',
        'shop/checkoutservice-69c8ff664b  shop/redis-cart-5b9f6c7d8        TCP 6379',
        'shop/frontend                    shop/checkoutservice-69c8ff664b  all',
        'shop/frontend                    shop/frontend                    all',
        'shop/frontend                    shop/redis-cart-5b9f6c7d8        all',
        '4 of 9 ordered pairs allow some traffic; pairs not listed allow nothing',
        `left out as invalid (see the errors): NetworkPolicy shop/Allow_All (${path.join(dir, 'invalid-name.yaml')})`,
        '',
      ].join('\n'),
    );
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain(`${path.join(dir, 'invalid-name.yaml')}: NetworkPolicy shop/Allow_All: metadata.name: error: [api-object-meta] Invalid value: "Allow_All"`);
    expect(result.stderr).toContain(`${path.join(dir, 'values.yaml')}: warning: [document-skipped] document 0 skipped: not a Kubernetes object: no apiVersion, no kind\n`);
    expect(result.stderr).toContain(
      `${path.join(dir, 'kustomization.yaml')}: warning: [document-skipped] document 0 skipped: Kustomization (kustomize.config.k8s.io/v1beta1) is read by kustomize, not sent to the cluster\n`,
    );
  });

  test('validate reports the invalid policy (exit 1) and the skipped files; --quiet keeps only the errors on stderr for reach', async () => {
    const dir = await estate(path.join(scratch(), 'validate'), policies);
    const validate = await runCli(['validate', dir, '--format', 'json']);
    expect(validate.code).toBe(1);
    const findings = JSON.parse(validate.stdout) as { severity: string; file: string; kind: string; name: string; path: string }[];
    expect(findings.map((finding) => [finding.severity, path.basename(finding.file), finding.kind, finding.name, finding.path])).toEqual([
      ['error', 'invalid-name.yaml', 'NetworkPolicy', 'Allow_All', 'metadata.name'],
      ['warning', 'kustomization.yaml', '', '', ''],
      ['warning', 'values.yaml', '', '', ''],
    ]);
    const quiet = await runCli(['reach', dir, '--quiet', '--port', '6379', '--format', 'json']);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr.trim().split('\n')).toEqual([expect.stringContaining('invalid-name.yaml: NetworkPolicy shop/Allow_All: metadata.name: error')]);
    expect(JSON.parse(quiet.stdout).leftOut).toEqual([{ file: path.join(dir, 'invalid-name.yaml'), kind: 'NetworkPolicy', namespace: 'shop', name: 'Allow_All' }]);
  });

  test('without the invalid policy the same directory exits 0, the skipped files still warned about', async () => {
    const dir = await estate(path.join(scratch(), 'clean'), { 'null-selector.yaml': NULL_SELECTOR });
    const result = await runCli(['reach', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('left out');
    expect(result.stderr).toContain('values.yaml: warning: [document-skipped] document 0 skipped');
    expect((await runCli(['validate', dir])).code).toBe(0);
    expect((await runCli(['validate', dir, '--strict'])).code).toBe(1);
  });
});

describe('a CiliumClusterwideNetworkPolicy in the input: a warning wherever a verdict is printed', () => {
  const scratch = useTempDir('netpol-admin-');
  const notEvaluated = (dir: string) => ({ file: path.join(dir, 'admin.yaml'), kind: 'CiliumClusterwideNetworkPolicy', namespace: null, name: 'deny-cart' });
  const warning = 'admin.yaml: CiliumClusterwideNetworkPolicy deny-cart: warning: [not-evaluated] not evaluated: CiliumClusterwideNetworkPolicy is enforced by Cilium, and the verdicts do not include it\n';

  test('validate warns (exit 0; 1 with --strict)', async () => {
    const dir = await estate(path.join(scratch(), 'validate'), { 'admin.yaml': ADMIN_DENY });
    const result = await runCli(['validate', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${dir}/${warning}`);
    expect((await runCli(['validate', dir, '--strict'])).code).toBe(1);
  });

  test('reach prints the verdicts with a line naming the object, in text, markdown and JSON', async () => {
    const dir = await estate(path.join(scratch(), 'reach'), { 'admin.yaml': ADMIN_DENY });
    const text = await runCli(['reach', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('shop/checkoutservice-69c8ff664b  shop/redis-cart-5b9f6c7d8        TCP 6379\n');
    expect(text.stdout).toMatch(
      new RegExp(`\\nnot evaluated, the verdicts do not include them: CiliumClusterwideNetworkPolicy deny-cart \\(${path.join(dir, 'admin.yaml').replace(/[/.]/g, '\\$&')}\\)\\n$`),
    );
    expect(text.stderr).toContain(warning);
    const markdown = await runCli(['reach', dir, '--format', 'markdown']);
    expect(markdown.stdout).toContain(`| CiliumClusterwideNetworkPolicy deny-cart | ${path.join(dir, 'admin.yaml')} | not evaluated: the verdicts do not include it |`);
    const json = await runCli(['reach', dir, '--port', '6379', '--format', 'json']);
    expect(JSON.parse(json.stdout).notEvaluated).toEqual([notEvaluated(dir)]);
  });

  test('explain prints the verdict with the line, in text and JSON', async () => {
    const dir = await estate(path.join(scratch(), 'explain'), { 'admin.yaml': ADMIN_DENY });
    const flow = ['explain', dir, '--from', 'shop/checkoutservice-69c8ff664b', '--to', 'shop/redis-cart-5b9f6c7d8', '--port', '6379'];
    const text = await runCli(flow);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/: ALLOWED\n/);
    expect(text.stdout).toContain('not evaluated, the verdicts do not include them: CiliumClusterwideNetworkPolicy deny-cart');
    expect(text.stderr).toContain(warning);
    const json = JSON.parse((await runCli([...flow, '--format', 'json'])).stdout);
    expect(json.allowed).toBe(true);
    expect(json.notEvaluated).toEqual([notEvaluated(dir)]);
  });

  test('diff and graph name it on stderr', async () => {
    const dir = await estate(path.join(scratch(), 'other'), { 'admin.yaml': ADMIN_DENY });
    expect((await runCli(['graph', dir, '--format', 'mermaid'])).stderr).toContain(warning);
    expect((await runCli(['diff', DUMP, dir])).stderr).toContain(warning);
  });
});
