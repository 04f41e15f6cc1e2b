import { XMLValidator } from 'fast-xml-parser';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { junitParser as parser, validateSarif } from './report-schemas';
import { runCli } from './run-cli';

const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: bad-port
  namespace: shop
spec:
  podSelector: {}
  ingress:
    - ports:
        - port: 70000
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: by-name
  namespace: shop
  annotations:
    netpol.dev/acknowledge: namespace-name-label
    netpol.dev/acknowledge-reason: monitoring is labelled by hand
spec:
  podSelector: {}
  ingress:
    - from:
        - namespaceSelector:
            matchLabels: { name: monitoring }
`;

const CLEAN = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ok, namespace: shop}\nspec: {podSelector: {}}\n';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'netpol-reports-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('netpol validate --format sarif', () => {
  test('validates against the SARIF 2.1.0 schema and points at the line and column of the offending field', async () => {
    const dir = workspace({ 'policies.yaml': POLICIES });
    const result = await runCli(['validate', path.join(dir, 'policies.yaml'), '--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(validateSarif(log)).toBe(true);
    expect(validateSarif.errors ?? []).toEqual([]);
    const [run] = log.runs;
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['api-port', 'namespace-name-label']);
    const rule = run.tool.driver.rules[0];
    expect(rule.defaultConfiguration).toEqual({ level: 'error' });
    expect(rule.help.markdown).toMatch(/^# api-port\n/);
    const [port, byName] = run.results;
    expect(port).toMatchObject({ ruleId: 'api-port', ruleIndex: 0, level: 'error' });
    expect(port.message.text).toBe('NetworkPolicy shop/bad-port: spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
    const physical = port.locations[0].physicalLocation;
    expect(physical.artifactLocation.uri).toBe(path.relative(process.cwd(), path.join(dir, 'policies.yaml')).split(path.sep).join('/'));
    expect(physical.region).toEqual({ startLine: 10, startColumn: 11 });
    expect(port.relatedLocations).toEqual([{ id: 0, physicalLocation: { artifactLocation: physical.artifactLocation, region: { startLine: 1, startColumn: 1 } }, message: { text: 'NetworkPolicy shop/bad-port' } }]);
    expect(byName.locations[0].physicalLocation.region).toEqual({ startLine: 25, startColumn: 13 });
    expect(byName.relatedLocations[0].physicalLocation.region).toEqual({ startLine: 12, startColumn: 1 });
    expect(byName.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'monitoring is labelled by hand', location: { message: { text: 'metadata.annotations.netpol.dev/acknowledge' } } },
    ]);
  });

  test('the schema check can fail: a level SARIF does not have, or a result without a message, is refused', async () => {
    const dir = workspace({ 'policies.yaml': POLICIES });
    const log = JSON.parse((await runCli(['validate', dir, '--format', 'sarif'])).stdout);
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].results[1].message;
    expect(validateSarif(log)).toBe(false);
  });

  test('standard input has no file to point at: the result keeps its logical location only', async () => {
    const log = JSON.parse((await runCli(['validate', '-', '--format', 'sarif'], POLICIES)).stdout);
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results[0].locations).toEqual([{ logicalLocations: [{ fullyQualifiedName: 'NetworkPolicy shop/bad-port: spec.ingress[0].ports[0].port', kind: 'object' }] }]);
    expect(log.runs[0].results[0]).not.toHaveProperty('relatedLocations');
  });

  test('file names are percent-encoded in artifact URIs', async () => {
    const dir = workspace({ 'a&b c#.yaml': POLICIES });
    const log = JSON.parse((await runCli(['validate', dir, '--format', 'sarif'])).stdout);
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/\/a%26b%20c%23\.yaml$/);
  });

  test('an empty run is a valid log with no results', async () => {
    const dir = workspace({ 'ok.yaml': CLEAN });
    const result = await runCli(['validate', path.join(dir, 'ok.yaml'), '--format', 'sarif']);
    const log = JSON.parse(result.stdout);
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe('netpol validate --format junit', () => {
  test('one suite per file, one case per rule; errors fail, acknowledged findings skip, clean files pass', async () => {
    const dir = workspace({ 'policies.yaml': POLICIES, 'ok.yaml': CLEAN });
    const result = await runCli(['validate', dir, '--format', 'junit']);
    expect(result.code).toBe(1);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const { testsuites } = parser.parse(result.stdout);
    expect(testsuites).toMatchObject({ name: 'netpol validate', tests: '3', failures: '1', skipped: '1', errors: '0' });
    const suites = testsuites.testsuite as { name: string; testcase: Record<string, unknown>[] }[];
    expect(suites.map((suite) => path.basename(suite.name))).toEqual(['ok.yaml', 'policies.yaml']);
    expect(suites[0].testcase).toEqual([expect.objectContaining({ name: 'netpol validate: no findings' })]);
    const [port, byName] = suites[1].testcase;
    expect(port).toMatchObject({ name: expect.stringMatching(/^api-port: /), line: '10', failure: { message: '1 finding of rule api-port', type: 'error' } });
    expect((port.failure as { '#text': string })['#text']).toBe(
      'line 10: NetworkPolicy shop/bad-port: spec.ingress[0].ports[0].port: error: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(byName).toMatchObject({ name: expect.stringMatching(/^namespace-name-label: /), skipped: { message: 'acknowledged: monitoring is labelled by hand' } });
  });

  test('hostile names and messages stay well-formed XML and read back unchanged', async () => {
    const hostile = 'x"<&>\'\u0001]]>';
    const text = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${JSON.stringify(hostile)}, namespace: shop}\nspec: {podSelector: {}}\n`;
    const dir = workspace({ 'a&b<c>.yaml': text });
    const result = await runCli(['validate', dir, '--format', 'junit']);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const { testsuites } = parser.parse(result.stdout, true);
    const suite = testsuites.testsuite[0];
    expect(path.basename(suite.name)).toBe('a&b<c>.yaml');
    const failure = suite.testcase[0].failure['#text'] as string;
    // The control character cannot be written in XML 1.0 at all: it is shown as its escape, as text reports show it.
    expect(failure).toContain(`NetworkPolicy shop/x"<&>'\\x01]]>: metadata.name: error: Invalid value: "x\\"<&>'\\u0001]]>"`);
  });

  test('warnings pass and print, and fail with --strict', async () => {
    const dir = workspace({ 'p.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  podSelector: {}\n  ingress:\n    - from: []\n' });
    const lenient = parser.parse((await runCli(['validate', dir, '--format', 'junit'])).stdout);
    expect(lenient.testsuites.testsuite[0].testcase[0]).toMatchObject({ name: expect.stringMatching(/^empty-list: /), 'system-out': expect.stringMatching(/is an empty list/) });
    const strict = await runCli(['validate', dir, '--format', 'junit', '--strict']);
    expect(strict.code).toBe(1);
    expect(parser.parse(strict.stdout).testsuites.testsuite[0].testcase[0].failure).toMatchObject({ type: 'warning' });
  });
});

describe('netpol validate with acknowledgements', () => {
  test('.netpol.yaml entries acknowledge by rule and object glob, with the reason in JSON; expired ones count again, with a note', async () => {
    const dir = workspace({
      'p.yaml': POLICIES.replace(/  annotations:\n.*\n.*\n/, '') + '---\n' + CLEAN.replace('name: ok', 'name: other'),
      'netpol.yaml': [
        'acknowledge:',
        '  - rule: namespace-name-label',
        '    match: { namespace: shop, name: "by-*" }',
        '    reason: monitoring is labelled by hand',
        '  - rule: cni-no-enforcement',
        '    reason: moving to Calico',
        '    expires: 2020-01-31',
        'cni: flannel',
        '',
      ].join('\n'),
    });
    const result = await runCli(['validate', path.join(dir, 'p.yaml'), '--format', 'json', '--config', path.join(dir, 'netpol.yaml')]);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows.find((row) => row.rule === 'namespace-name-label')).toMatchObject({
      name: 'by-name',
      acknowledged: { by: 'config', reason: 'monitoring is labelled by hand', where: `${path.join(dir, 'netpol.yaml')}:2` },
    });
    expect(rows.find((row) => row.rule === 'cni-no-enforcement')).toMatchObject({
      expiredAcknowledgement: { by: 'config', reason: 'moving to Calico', expires: '2020-01-31' },
    });
    expect(rows.find((row) => row.rule === 'cni-no-enforcement')).not.toHaveProperty('acknowledged');
    const text = await runCli(['validate', path.join(dir, 'p.yaml'), '--config', path.join(dir, 'netpol.yaml')]);
    expect(text.stdout).not.toMatch(/namespace-name-label/);
    expect(text.stdout).toMatch(/\[cni-no-enforcement\] .*\(acknowledgement expired on 2020-01-31: moving to Calico; .*netpol\.yaml:5\)/);
    expect(text.stderr).toMatch(/1 error, 2 warnings \(1 acknowledged\) in 3 objects from 1 file/);
  });

  test('acknowledged warnings do not fail --strict', async () => {
    const dir = workspace({ 'p.yaml': POLICIES.split('---\n')[1] });
    expect((await runCli(['validate', dir, '--strict'])).code).toBe(0);
    expect((await runCli(['validate', dir.replace(/$/, ''), '--strict', '--format', 'json'])).stdout).toMatch(/"by": "annotation"/);
  });

  test('.netpol.yaml in the current directory is read; an invalid one is a usage error naming file, line and field', async () => {
    const dir = workspace({
      'p.yaml': CLEAN,
      '.netpol.yaml': 'acknowledge:\n  - rule: blocked-dns\n    match: { namespace: shop }\n  - rule: api-port\n    reason: nope\n    expires: 2026-02-30\n',
    });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const result = await runCli(['validate', 'p.yaml']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('.netpol.yaml: 2 problems:');
      expect(result.stderr).toContain('.netpol.yaml:2: acknowledge[0].reason: required');
      expect(result.stderr).toMatch(/\.netpol\.yaml:4: acknowledge\[1\]\.rule: must be one of: blocked-dns, /);
    } finally {
      process.chdir(cwd);
    }
  });

  test('an unreadable --config is a usage error', async () => {
    const result = await runCli(['validate', '-', '--config', '/nonexistent/netpol.yaml'], CLEAN);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^netpol: \/nonexistent\/netpol\.yaml: cannot be read: /);
  });
});
