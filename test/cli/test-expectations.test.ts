import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runCli } from './run-cli';
import { validateSarif } from './report-schemas';

/**
 * `netpol test --expect`: test/fixtures/expectations/expectations.yaml holds one passing and one
 * failing entry of each kind over shop.yaml (namespace shop with a default deny; namespace jobs
 * with no policy at all), on lines 4 to 15 in pairs: pass, then fail.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'expectations');
const ESTATE = path.join(FIXTURES, 'shop.yaml');
const EXPECTATIONS = path.join(FIXTURES, 'expectations.yaml');
/** The expectations file as SARIF names it: relative to the working directory, with forward slashes. */
const EXPECTATIONS_URI = path.relative(process.cwd(), EXPECTATIONS).split(path.sep).join('/');

/** Per kind, the line of its passing and of its failing entry, and what the failure must say. */
const ENTRIES = [
  { kind: 'allow', pass: 4, fail: 5, rule: 'expect-allow', says: 'shop/web -> shop/postgres is denied on TCP/5432', explains: 'no ingress rule of these policies allows TCP/5432 from shop/web' },
  { kind: 'deny', pass: 6, fail: 7, rule: 'expect-deny', says: 'jobs/batch -> 169.254.169.254 (external) is allowed on every port', explains: 'egress from jobs/batch: allowed: not isolated (no policy in jobs selects it for egress)' },
  { kind: 'only', pass: 8, fail: 9, rule: 'expect-only', says: 'not reachable from jobs/batch on TCP/8080; also reachable from shop/web on TCP/8080', explains: 'allowed by: shop/backend-from-web spec.ingress[0]' },
  { kind: 'isolated', pass: 10, fail: 11, rule: 'expect-isolated', says: 'jobs/app=batch is not isolated for ingress: no policy selects jobs/batch for ingress', explains: 'jobs/batch: no policy selects it for ingress, so all ingress traffic is allowed' },
  { kind: 'notExposed', pass: 12, fail: 13, rule: 'expect-not-exposed', says: 'shop/web is reachable from outside the cluster (e.g. 0.0.0.0) on TCP 8080', explains: 'allowed by: shop/web-from-internet spec.ingress[0]' },
  { kind: 'everyNamespace', pass: 14, fail: 15, rule: 'expect-every-namespace', says: 'no default deny for ingress in jobs', explains: 'jobs: no default deny for ingress' },
] as const;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'netpol-test-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The fixture's lines, to check each entry is where the test says it is. */
const FILE_LINES = readFileSync(EXPECTATIONS, 'utf8').split('\n');

describe('the fixture', () => {
  test.each(ENTRIES)('has its $kind entries on lines $pass and $fail', ({ kind, pass, fail }) => {
    expect(FILE_LINES[pass - 1]).toMatch(new RegExp(`^  - ${kind}: `));
    expect(FILE_LINES[fail - 1]).toMatch(new RegExp(`^  - ${kind}: `));
  });
});

describe('netpol test --expect with one passing and one failing entry of each kind', () => {
  test('text: exit 1, PASS and FAIL at each line, each failure with what breaks it and the explain output', async () => {
    const result = await runCli(['test', ESTATE, '--expect', EXPECTATIONS]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('12 expectations: 6 passed, 6 failed');
    const heads = result.stdout.split('\n').filter((line) => /^(PASS|FAIL) /.test(line));
    expect(heads.map((line) => line.slice(0, 4))).toEqual(ENTRIES.flatMap(() => ['PASS', 'FAIL']));
    for (const entry of ENTRIES) {
      expect(heads).toContainEqual(expect.stringMatching(new RegExp(`^PASS ${EXPECTATIONS.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${entry.pass} `)));
      const failure = result.stdout.split(/\n(?=PASS|FAIL)/).find((block) => block.startsWith(`FAIL ${EXPECTATIONS}:${entry.fail} `));
      expect(failure).toBeDefined();
      expect(failure).toContain(entry.says);
      expect(failure).toContain(entry.explains);
    }
    expect(result.stdout).toContain(`FAIL ${EXPECTATIONS}:7 no one reaches cloud metadata: deny * -> 169.254.169.254/32 on every port`);
  });

  test('JUnit: one case per entry at its line; the failures are the failing entries, with the explanation as text', async () => {
    const result = await runCli(['test', ESTATE, '--expect', EXPECTATIONS, '--format', 'junit']);
    expect(result.code).toBe(1);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
    const { testsuites } = parser.parse(result.stdout);
    expect(testsuites).toMatchObject({ name: 'netpol test', tests: '12', failures: '6', errors: '0', skipped: '0' });
    const cases = testsuites.testsuite[0].testcase as { name: string; line: string; file: string; failure?: { message: string; type: string; '#text': string } }[];
    expect(cases.map((testCase) => Number(testCase.line))).toEqual(ENTRIES.flatMap((entry) => [entry.pass, entry.fail]));
    expect(cases.every((testCase) => testCase.file === EXPECTATIONS)).toBe(true);
    for (const entry of ENTRIES) {
      const passing = cases.find((testCase) => Number(testCase.line) === entry.pass);
      const failing = cases.find((testCase) => Number(testCase.line) === entry.fail);
      expect(passing?.failure).toBeUndefined();
      expect(failing?.failure).toMatchObject({ type: entry.rule, message: expect.stringContaining(entry.says) });
      expect(failing?.failure?.['#text']).toContain(entry.explains);
    }
    expect(cases[0].name).toBe('expectations[0] allow shop/web -> shop/api on TCP/8080');
  });

  test('SARIF: valid against the 2.1.0 schema, one error per failing entry at its line and column in the expectations file', async () => {
    const result = await runCli(['test', ESTATE, '--expect', EXPECTATIONS, '--format', 'sarif']);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(validateSarif(log)).toBe(true);
    expect(validateSarif.errors ?? []).toEqual([]);
    const [run] = log.runs;
    const rules = run.tool.driver.rules as { id: string; defaultConfiguration: { level: string }; help: { markdown: string } }[];
    expect(rules.map((rule) => rule.id)).toEqual(ENTRIES.map((entry) => entry.rule).sort());
    expect(rules.every((rule) => rule.defaultConfiguration.level === 'error' && rule.help.markdown.startsWith(`# ${rule.id}\n`))).toBe(true);
    const results = run.results as { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    expect(results).toHaveLength(ENTRIES.length);
    for (const [index, entry] of ENTRIES.entries()) {
      const found = results[index];
      expect(found).toMatchObject({ ruleId: entry.rule, ruleIndex: rules.findIndex((rule) => rule.id === entry.rule), level: 'error' });
      expect(found.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: EXPECTATIONS_URI }, region: { startLine: entry.fail, startColumn: 5 } });
      expect(found.message.text).toContain(entry.says);
      expect(found.message.text).toContain(entry.explains);
    }
  });

  test('JSON: each entry with its line, kind, verdict and details', async () => {
    const result = await runCli(['test', ESTATE, '--expect', EXPECTATIONS, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ file: EXPECTATIONS, passed: 6, failed: 6 });
    expect(report.expectations.map((entry: { line: number; kind: string; passed: boolean }) => [entry.line, entry.kind, entry.passed])).toEqual(
      ENTRIES.flatMap((entry) => [
        [entry.pass, entry.kind, true],
        [entry.fail, entry.kind, false],
      ]),
    );
  });

  test('exit 0 when every entry holds', async () => {
    const passing = ['expectations:', ...ENTRIES.map((entry) => FILE_LINES[entry.pass - 1]), ''].join('\n');
    const dir = workspace({ 'expect.yaml': passing });
    const result = await runCli(['test', ESTATE, '--expect', path.join(dir, 'expect.yaml')]);
    expect(result.stderr).toContain('6 expectations: 6 passed, 0 failed');
    expect(result.code).toBe(0);
    const junit = await runCli(['test', ESTATE, '--expect', path.join(dir, 'expect.yaml'), '--format', 'sarif']);
    expect(JSON.parse(junit.stdout).runs[0].results).toEqual([]);
  });
});

describe('an expectations file that cannot be used is a usage error (exit 2) naming file, line and field', () => {
  async function refused(text: string): Promise<string> {
    const dir = workspace({ 'expect.yaml': text });
    const result = await runCli(['test', ESTATE, '--expect', path.join(dir, 'expect.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    return result.stderr.replace(`${path.join(dir, 'expect.yaml')}`, 'expect.yaml');
  }

  test('schema problems: an unknown field, an allow without port, an unknown kind, a port out of range, a protocol without port', async () => {
    const stderr = await refused(
      [
        'expectations:',
        '  - allow: { from: shop/web, to: shop/api, prot: 8080 }',
        '  - permit: { from: shop/web, to: shop/api }',
        '  - deny:',
        '      from: shop/web',
        '      to: shop/api',
        '      port: 70000',
        '  - notExposed: { protocol: UDP }',
        '',
      ].join('\n'),
    );
    expect(stderr).toContain('expect.yaml: 5 problems:');
    expect(stderr).toContain('expect.yaml:2: expectations[0].allow.prot: unknown field; valid fields here are "from", "to", "port", "protocol", "name"');
    expect(stderr).toContain('expect.yaml:2: expectations[0].allow.port: required');
    expect(stderr).toContain('expect.yaml:3: expectations[1].permit: unknown field');
    expect(stderr).toContain('expect.yaml:7: expectations[2].deny.port: must be <= 65535');
    expect(stderr).toContain('expect.yaml:8: expectations[3].notExposed.protocol: needs port too');
  });

  test('references the inputs do not have, each at its line, with close names suggested', async () => {
    const stderr = await refused(
      [
        'expectations:',
        '  - allow: { from: shop/wbe, to: shop/api, port: 8080 }',
        '  - isolated: { namespace: shoq }',
        '  - only: { to: shop/api, from: [shop/app=nope] }',
        '  - deny: { from: 10.0.0.0/8, to: 192.168.0.0/16 }',
        '',
      ].join('\n'),
    );
    expect(stderr).toContain('expect.yaml:2: expectations[0].allow.from: no endpoint "shop/wbe" in the inputs; did you mean shop/web?');
    expect(stderr).toContain('expect.yaml:3: expectations[1].isolated.namespace: no namespace "shoq" in the inputs; did you mean shop?');
    expect(stderr).toContain('expect.yaml:4: expectations[2].only.from[0]: "shop/app=nope" selects no endpoint in the inputs');
    expect(stderr).toContain('expect.yaml:5: expectations[3].deny.from: from and to are both outside the cluster');
  });

  test('YAML that does not parse, and a file that cannot be read', async () => {
    expect(await refused('expectations:\n  - allow: { from: shop/web\n')).toMatch(/^netpol: expect\.yaml:\d+: not valid YAML: /);
    const missing = await runCli(['test', ESTATE, '--expect', '/nonexistent/expect.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^netpol: \/nonexistent\/expect\.yaml: cannot be read: /);
  });

  test('--expect is required', async () => {
    const result = await runCli(['test', ESTATE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--expect <file>' not specified");
  });
});

describe('netpol test with a CNI profile', () => {
  test('--cni flannel warns beside the verdicts that no policy is enforced; the verdicts and exit code are those of the policies', async () => {
    const result = await runCli(['test', ESTATE, '--expect', EXPECTATIONS, '--cni', 'flannel', '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the verdicts below assume the policies are enforced as written; with --cni flannel:');
    expect(result.stderr).toContain('[cni-no-enforcement]');
    expect(JSON.parse(result.stdout)).toMatchObject({ passed: 6, failed: 6 });
  });
});

describe('objects left out of the analysis as invalid', () => {
  const INVALID = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad-port, namespace: shop}\nspec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - port: 70000\n';

  test('fail the run whatever the verdicts, and are in the JUnit, SARIF (at their lines) and JSON reports', async () => {
    const dir = workspace({ 'invalid.yaml': INVALID, 'expect.yaml': 'expectations:\n  - allow: { from: shop/web, to: shop/api, port: 8080 }\n' });
    const args = ['test', ESTATE, path.join(dir, 'invalid.yaml'), '--expect', path.join(dir, 'expect.yaml')];
    const text = await runCli(args);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^PASS /);
    expect(text.stderr).toContain('[api-port]');

    const junit = await runCli([...args, '--format', 'junit']);
    expect(junit.code).toBe(1);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });
    const { testsuites } = parser.parse(junit.stdout);
    expect(testsuites).toMatchObject({ tests: '2', failures: '1' });
    expect(testsuites.testsuite[1].testcase[0].failure).toMatchObject({ message: '1 error left objects out of the analysis' });
    expect(testsuites.testsuite[1].testcase[0].failure['#text']).toContain('NetworkPolicy shop/bad-port: spec.ingress[0].ports[0].port');

    const sarif = await runCli([...args, '--format', 'sarif']);
    const log = JSON.parse(sarif.stdout);
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['api-port']);
    expect(log.runs[0].results).toHaveLength(1);
    expect(log.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 8, startColumn: 11 });

    const json = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    expect(json).toMatchObject({ passed: 1, failed: 0, inputErrors: [expect.stringContaining('NetworkPolicy shop/bad-port: spec.ingress[0].ports[0].port: error: [api-port]')] });
  });
});
