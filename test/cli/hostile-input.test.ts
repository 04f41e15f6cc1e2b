import { promises as fs } from 'fs';
import * as os from 'os';
import MarkdownIt from 'markdown-it';
import * as path from 'path';
import { runCli } from './run-cli';

/** What a terminal would act on (see lib/report/escape.ts). */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec: {podSelector: {}}\n';

/** The defects of the hostile-input run (#15): injection through names, and input kubectl decodes otherwise. */
describe('netpol on hostile input', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'netpol-hostile-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, content: string | Buffer): Promise<string> {
    const target = path.join(dir, name);
    await fs.writeFile(target, content);
    return target;
  }

  test('validate: a name with terminal escapes is an error shown with the escapes as text, never raw', async () => {
    const manifest = await file('escape.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: "x\\e]0;pwned\\a\\e[2J", namespace: shop}\n');
    const result = await runCli(['validate', manifest]);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toMatch(TERMINAL_CONTROL);
    expect(result.stdout).toContain('Pod shop/x\\x1b]0;pwned\\x07\\x1b[2J: metadata.name: error: [api-object-meta] Invalid value: "x\\u001b]0;pwned\\u0007\\u001b[2J"');
  });

  test('reach --format markdown: a pod whose name would close a code span is left out, and opens no link', async () => {
    const manifest = await file(
      'backtick.yaml',
      `${POLICY}---\napiVersion: v1\nkind: Pod\nmetadata: {name: "a\` [x](https://evil.example) \`b", namespace: shop}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\n`,
    );
    const result = await runCli(['reach', manifest, '--format', 'markdown', '--port', '80']);
    const tokens = new MarkdownIt().parse(result.stdout, {}).flatMap((token) => [token, ...(token.children ?? [])]);
    expect(tokens.map((token) => token.type)).not.toContain('link_open');
    expect(tokens.filter((token) => token.type === 'text').map((token) => token.content).join('')).toContain('Pod shop/a` [x](https://evil.example) `b');
    expect(result.stderr).toContain('[api-object-meta]');
  });

  test('reach --format markdown: a carriage return in a name starts no heading', async () => {
    const manifest = await file('cr.yaml', `${POLICY}---\napiVersion: v1\nkind: Pod\nmetadata: {name: "a\\r# owned", namespace: shop}\n`);
    const result = await runCli(['reach', manifest, '--format', 'markdown', '--port', '80']);
    expect(result.stdout).not.toMatch(/\r/);
    expect(result.stdout).not.toMatch(/^#/m);
  });

  test('a UTF-16 file is read as kubectl reads it', async () => {
    const manifest = await file('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POLICY, 'utf16le')]));
    const result = await runCli(['validate', manifest]);
    expect(result.stderr).toContain('0 errors, 0 warnings in 1 object from 1 file');
    expect(result.code).toBe(0);
  });

  test('JSON with comments is named as not JSON', async () => {
    const manifest = await file('commented.json', '{\n  // the policy\n  "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",\n  "metadata": {"name": "deny", "namespace": "shop"}, "spec": {"podSelector": {}}\n}\n');
    const result = await runCli(['validate', manifest]);
    expect(result.stderr).toContain(`${manifest}: not JSON: comments are not allowed (line 2, column 3); remove them`);
    expect(result.code).toBe(2);
  });

  test('!!float and !!binary scalars are read as kubectl decodes them', async () => {
    const manifest = await file(
      'tags.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: !!binary ZGVueQ==, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: !!float 8080}]}]\n',
    );
    const result = await runCli(['validate', manifest, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  test('a List whose items are not objects is refused with the path', async () => {
    const manifest = await file('list.yaml', 'apiVersion: v1\nkind: List\nitems: ["oops"]\n');
    const result = await runCli(['validate', manifest]);
    expect(result.stderr).toContain(`${manifest}: document 0: items[0]: must be a Kubernetes object`);
    expect(result.code).toBe(2);
  });
});
