import { promises as fs } from 'fs';
import * as path from 'path';
import { API_SERVER_CASES } from '../validate/api-server-cases';
import { useTempDir } from '../manifests/temp-dir';
import { runCli } from './run-cli';

interface JsonFinding {
  severity: 'error' | 'warning';
  file: string;
  kind: string;
  namespace: string | null;
  name: string;
  path: string;
  message: string;
}

const ESTATE = path.join(__dirname, '..', 'fixtures', 'manifests', 'estate');
const scratch = useTempDir('netpol-validate-');

const badPort =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: a}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: 0}]}]\n';
const noNamespace = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: fine}\nspec: {podSelector: {}}\n';

describe('netpol validate: every API-server case through --format json', () => {
  test.each(API_SERVER_CASES.map((c) => [c.description, c] as const))('%s', async (_description, apiCase) => {
    // JSON is YAML: the policy goes in as it is, through standard input.
    const result = await runCli(['validate', '-', '--format', 'json'], JSON.stringify(apiCase.policy));
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    const errorPaths = findings.filter((finding) => finding.severity === 'error').map((finding) => finding.path);
    expect(errorPaths).toEqual(apiCase.errorPaths);
    expect(result.code).toBe(apiCase.errorPaths.length > 0 ? 1 : 0);
    expect(result.stderr).toBe('');
  });
});

describe('netpol validate', () => {
  test('text format: one line per finding with file, object, path and severity; summary on stderr', async () => {
    const file = path.join(scratch(), 'bad.yaml');
    await fs.writeFile(file, `${badPort}---\n${noNamespace}`);
    const result = await runCli(['validate', file]);
    expect(result.stdout).toBe(
      `${file}: NetworkPolicy a/bad: spec.ingress[0].ports[0].port: error: [api-port] Invalid value: 0: must be between 1 and 65535, inclusive\n` +
        `${file}: NetworkPolicy default/fine: metadata.namespace: warning: [namespace-unset] no namespace in file, assumed "default"\n`,
    );
    expect(result.stderr).toBe('1 error, 1 warning in 2 objects from 1 file\n');
    expect(result.code).toBe(1);
  });

  test('json format lists every field, with namespace and path as written', async () => {
    const result = await runCli(['validate', '-', '--format', 'json', '--namespace', 'team-a'], noNamespace);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        severity: 'warning',
        file: '-',
        kind: 'NetworkPolicy',
        namespace: 'team-a',
        name: 'fine',
        path: 'metadata.namespace',
        message: 'no namespace in file, assumed "team-a"',
        rule: 'namespace-unset',
      },
    ]);
    expect(result.code).toBe(0);
  });

  test('estate lint runs over the policies that passed, located by file and document', async () => {
    const estate =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: a, labels: {app: web}}\n---\n' +
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: typo, namespace: a}\nspec: {podSelector: {matchLabels: {app: wbe}}}\n';
    const result = await runCli(['validate', '-', '--format', 'json'], estate);
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ severity: 'warning', file: '-', kind: 'NetworkPolicy', namespace: 'a', name: 'typo', path: 'spec.podSelector' }),
    ]);
    expect(result.code).toBe(0);
  });

  test('a repeated policy name is an error on the repeat', async () => {
    const result = await runCli(['validate', '-', '--format', 'json'], `${badPort.replace('port: 0', 'port: 80')}---\n${badPort.replace('port: 0', 'port: 81')}`);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    expect(findings.map((finding) => [finding.severity, finding.name, finding.path])).toEqual([['error', 'bad', 'metadata.name']]);
    expect(result.code).toBe(1);
  });

  test('warnings pass by default and fail with --strict', async () => {
    expect((await runCli(['validate', '-'], noNamespace)).code).toBe(0);
    expect((await runCli(['validate', '--strict', '-'], noNamespace)).code).toBe(1);
  });

  test('a clean estate exits 0 and prints no findings', async () => {
    const result = await runCli(['validate', path.join(ESTATE, 'namespaces.yaml'), path.join(ESTATE, 'list.json')]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '0 errors, 0 warnings in 3 objects from 2 files\n' });
  });

  test.each([
    ['a missing path', ['validate', '/no/such/netpol/file.yaml'], 'netpol: /no/such/netpol/file.yaml: no such file or directory\n'],
    ['no paths', ['validate'], "error: missing required argument 'paths'\n"],
    ['an unknown format', ['validate', '-', '--format', 'xml'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif, junit.\n"],
  ])('%s exits 2 with a message on stderr', async (_name, argv, stderr) => {
    const result = await runCli(argv);
    expect(result).toEqual({ code: 2, stdout: '', stderr });
  });

  test('a namespace option that is not a namespace name exits 2', async () => {
    const result = await runCli(['validate', '-', '-n', 'Team_A']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"Team_A" is not a namespace name');
  });

  test('unreadable input exits 2 naming the file and document', async () => {
    const result = await runCli(['validate', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\nmetadata: [\n');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^netpol: -: document 1: not valid YAML: .* at line \d+, column \d+\n$/);
  });
});
