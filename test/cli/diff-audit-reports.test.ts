import { XMLValidator } from 'fast-xml-parser';
import * as fs from 'fs';
import * as path from 'path';
import { useTempDir } from '../manifests/temp-dir';
import { junitParser, validateSarif } from './report-schemas';
import { runCli } from './run-cli';

const SHOP = path.join(__dirname, '..', 'fixtures', 'diff');
const ESTATE = path.join(__dirname, '..', 'fixtures', 'flows', 'estate.yaml');
const scratch = useTempDir('netpol-gate-reports-');

/** A side of the diff: fixture files of test/fixtures/diff copied as workloads.yaml and policies.yaml. */
function side(name: string, workloads: string, policies: string): string {
  const dir = path.join(scratch(), name);
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(SHOP, workloads), path.join(dir, 'workloads.yaml'));
  fs.copyFileSync(path.join(SHOP, policies), path.join(dir, 'policies.yaml'));
  return dir;
}

/** The repository-relative URI SARIF writes for a file (relative to the working directory). */
const uri = (file: string): string => path.relative(process.cwd(), file).split(path.sep).join('/');

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations?: { physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }; message: { text: string } }[];
}

function sarifOf(stdout: string): { rules: { id: string; defaultConfiguration: { level: string }; help?: { markdown: string } }[]; results: SarifResult[] } {
  const log = JSON.parse(stdout);
  expect(validateSarif(log)).toBe(true);
  expect(validateSarif.errors ?? []).toEqual([]);
  return { rules: log.runs[0].tool.driver.rules, results: log.runs[0].results };
}

describe('netpol diff --format sarif', () => {
  test('each flow a gate counts is a result at the rule of the new side that allows it; asked gates are errors, the others notes', async () => {
    const before = side('exposed-before', 'workloads.yaml', 'policies.yaml');
    const after = side('exposed-after', 'workloads-plus-worker.yaml', 'policies-exposed-api.yaml');
    const result = await runCli(['diff', before, after, '--format', 'sarif', '--fail-on-exposure']);
    expect(result.code).toBe(1);
    const { rules, results } = sarifOf(result.stdout);
    expect(rules.map((rule) => rule.id)).toEqual(['diff-flow-added', 'diff-flow-removed', 'diff-flow-exposed']);
    expect(rules[0].defaultConfiguration).toEqual({ level: 'warning' });
    expect(rules[0].help?.markdown).toMatch(/^# diff-flow-added\n/);
    expect(results.map((each) => `${each.ruleId} ${each.level}: ${each.message.text.split(';')[0]}`)).toEqual([
      'diff-flow-added note: any IPv4 -> shop/api: TCP 8080 newly allowed (policy change)',
      'diff-flow-added note: shop/web -> shop/worker: TCP 8080 newly allowed (workload added)',
      'diff-flow-exposed error: any IPv4 -> shop/api: TCP 8080 newly allowed from outside the cluster (policy change)',
    ]);
    const exposed = results[2];
    // policies-exposed-api.yaml line 74: `    - from: [{ipBlock: {cidr: 0.0.0.0/0}}]` of api-from-internet.
    expect(exposed.locations?.[0].physicalLocation).toEqual({ artifactLocation: { uri: uri(path.join(after, 'policies.yaml')) }, region: { startLine: 74, startColumn: 7 } });
    expect(exposed.message.text).toContain('NetworkPolicy shop/api-from-internet spec.ingress[0] allows ingress to shop/api');
    expect(exposed.relatedLocations?.[0]).toMatchObject({ physicalLocation: { region: { startLine: 68 } }, message: { text: 'NetworkPolicy shop/api-from-internet' } });
    // The worker is new: both sides allow it, both rules are named (the egress of web first).
    expect(results[1].message.text).toContain('NetworkPolicy shop/web-to-backend spec.egress[0] allows egress from shop/web');
    expect(results[1].relatedLocations?.map((related) => related.message.text)).toContain('NetworkPolicy shop/backend-from-web spec.ingress[0] allows ingress to shop/worker');
  });

  test('a flow that worked and is now denied points at the policies of the new side that isolate it', async () => {
    const before = side('removed-before', 'workloads.yaml', 'policies.yaml');
    const after = side('removed-after', 'workloads.yaml', 'policies-no-db.yaml');
    const result = await runCli(['diff', before, after, '--format', 'sarif', '--fail-on-removed']);
    expect(result.code).toBe(1);
    const { results } = sarifOf(result.stdout);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ruleId: 'diff-flow-removed', level: 'error' });
    expect(results[0].message.text).toMatch(/^shop\/api -> shop\/db: TCP 5432 that worked now denied \(policy change\); NetworkPolicy shop\/\S+ spec\.podSelector isolates shop\/api for egress$/);
    const isolating = results[0].relatedLocations?.map((related) => related.message.text) ?? [];
    expect(isolating).toContain('NetworkPolicy shop/default-deny-all spec.podSelector isolates shop/db for ingress');
    const defaultDeny = results[0].relatedLocations?.find((related) => related.message.text.startsWith('NetworkPolicy shop/default-deny-all spec.podSelector'));
    expect(defaultDeny?.physicalLocation).toEqual({ artifactLocation: { uri: uri(path.join(after, 'policies.yaml')) }, region: { startLine: 5, startColumn: 3 } });
  });

  test('no change is a valid log with the three rules and no results', async () => {
    const before = side('same-before', 'workloads.yaml', 'policies.yaml');
    const after = side('same-after', 'workloads.yaml', 'policies.yaml');
    const result = await runCli(['diff', before, after, '--format', 'sarif', '--fail-on-added']);
    expect(result.code).toBe(0);
    expect(sarifOf(result.stdout).results).toEqual([]);
  });
});

describe('netpol diff --format junit', () => {
  test('one case per gate: asked and counting fails with the flows and where, not asked prints them, none passes', async () => {
    const before = side('junit-before', 'workloads.yaml', 'policies.yaml');
    const after = side('junit-after', 'workloads-plus-worker.yaml', 'policies-exposed-api.yaml');
    const result = await runCli(['diff', before, after, '--format', 'junit', '--fail-on-added']);
    expect(result.code).toBe(1);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const { testsuites } = junitParser.parse(result.stdout);
    expect(testsuites).toMatchObject({ name: 'netpol diff', tests: '3', failures: '1', errors: '0', skipped: '0' });
    const [added, removed, exposed] = testsuites.testsuite[0].testcase;
    expect(added).toMatchObject({ name: expect.stringMatching(/^diff-flow-added: .*\(--fail-on-added\)$/), failure: { message: '--fail-on-added: 2 flows newly allowed', type: 'diff-flow-added' } });
    expect(added.file).toBe(path.join(after, 'policies.yaml'));
    expect(added.failure['#text']).toContain('shop/web -> shop/worker: TCP 8080 newly allowed (workload added)\n  at NetworkPolicy shop/web-to-backend spec.egress[0] (allows egress from shop/web; ');
    expect(removed).not.toHaveProperty('failure');
    expect(removed).not.toHaveProperty('system-out');
    expect(exposed).not.toHaveProperty('failure');
    expect(exposed['system-out']).toMatch(/^--fail-on-exposure not given; 1 flow newly allowed from outside the cluster:\nany IPv4 -> shop\/api: TCP 8080/);
  });
});

describe('netpol diff --format markdown', () => {
  test('the totals, the gates and the Mermaid picture of what changed come before the tables', async () => {
    const before = side('md-before', 'workloads.yaml', 'policies.yaml');
    const after = side('md-after', 'workloads-minus-db.yaml', 'policies-exposed-api.yaml');
    const result = await runCli(['diff', before, after, '--format', 'markdown', '--fail-on-exposure']);
    expect(result.code).toBe(1);
    const text = result.stdout;
    expect(text).toMatch(/^## Traffic diff\n\n1 flow added, 1 removed, 0 changed\.\n\n- not asked: `--fail-on-added` \(rule `diff-flow-added`\): 1 flow newly allowed\n/);
    expect(text).toContain('- **failed**: `--fail-on-exposure` (rule `diff-flow-exposed`): 1 flow newly allowed from outside the cluster\n');
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    expect(mermaid.split('\n')).toEqual(
      expect.arrayContaining(['flowchart LR', '  n_any_20_IPv4 -->|"+ TCP 8080"| n_shop_2f_api', '  n_shop_2f_api -.->|"- TCP 5432"| n_shop_2f_db', '  linkStyle 0 stroke:#1a7f37', '  linkStyle 1 stroke:#cf222e']),
    );
    expect(text.indexOf('```mermaid')).toBeLessThan(text.indexOf('### Added flows (1)'));
  });
});

describe('netpol audit --format sarif|junit', () => {
  const flowsFile = (): string => {
    const file = path.join(scratch(), 'flows.csv');
    fs.writeFileSync(file, 'from,to,port,protocol,count\nshop/web,shop/db,5432,TCP,7\nshop/web,shop/api,8080,TCP,3\nshop/nope,shop/api,8080,TCP,1\n');
    return file;
  };

  test('SARIF: one result per denied group, at the flow file line it was first seen, with the isolating policies as related locations', async () => {
    const result = await runCli(['audit', ESTATE, '--flows', flowsFile(), '--format', 'sarif', '--fail-on-denied']);
    expect(result.code).toBe(1);
    const { rules, results } = sarifOf(result.stdout);
    expect(rules.map((rule) => [rule.id, rule.defaultConfiguration.level])).toEqual([['audit-flow-denied', 'warning']]);
    expect(results).toHaveLength(1);
    const [denied] = results;
    expect(denied).toMatchObject({ ruleId: 'audit-flow-denied', level: 'error' });
    expect(denied.message.text).toMatch(/^shop\/web -> shop\/db on TCP\/5432: 7 observed, denied by both; .*allow it with: new AllowTraffic\(app, 'web-to-db-5432'/);
    expect(denied.locations?.[0].physicalLocation).toEqual({ artifactLocation: { uri: uri(flowsFile()) }, region: { startLine: 2, startColumn: 1 } });
    const estateText = fs.readFileSync(ESTATE, 'utf8').split('\n');
    for (const related of denied.relatedLocations ?? []) {
      expect(related.physicalLocation.artifactLocation.uri).toBe(uri(ESTATE));
      // Each points at the podSelector of the policy it names.
      const line = related.physicalLocation.region!.startLine;
      expect(estateText[line - 1]).toMatch(/^ {2}podSelector:/);
      const name = /NetworkPolicy shop\/(\S+)/.exec(related.message.text)![1];
      expect(estateText.slice(0, line).reverse().find((text) => /name: /.test(text))).toContain(name);
    }
    expect(denied.relatedLocations?.map((related) => related.message.text)).toEqual([
      expect.stringMatching(/^NetworkPolicy shop\/\S+ isolates egress from shop\/web; no rule allows the flow$/),
      expect.stringMatching(/^NetworkPolicy shop\/\S+ isolates ingress to shop\/db; no rule allows the flow$/),
    ]);
    const lenient = sarifOf((await runCli(['audit', ESTATE, '--flows', flowsFile(), '--format', 'sarif'])).stdout);
    expect(lenient.results[0].level).toBe('warning');
  });

  test('SARIF with flows on standard input: the result is located at the first policy that denies it', async () => {
    const flows = fs.readFileSync(flowsFile(), 'utf8');
    const { results } = sarifOf((await runCli(['audit', ESTATE, '--flows', '-', '--format', 'sarif'], flows)).stdout);
    expect(results[0].locations?.[0].physicalLocation?.artifactLocation.uri).toBe(uri(ESTATE));
    expect(results[0].relatedLocations).toHaveLength(1);
  });

  test('Markdown: the picture of the flows the policies would deny comes before their table', async () => {
    const result = await runCli(['audit', ESTATE, '--flows', flowsFile(), '--format', 'markdown']);
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(result.stdout)?.[1] ?? '';
    expect(mermaid.split('\n')).toEqual(expect.arrayContaining(['  n_shop_2f_web -.->|"denied TCP/5432"| n_shop_2f_db', '  linkStyle 0 stroke:#cf222e']));
    // Allowed and not judged flows are not drawn.
    expect(mermaid).not.toContain('n_shop_2f_api');
    expect(result.stdout.indexOf('```mermaid')).toBeLessThan(result.stdout.indexOf('| Source | Destination |'));
  });

  test('JUnit: one case per flow group; denied fails with --fail-on-denied (passes and prints without), not judged is skipped', async () => {
    const result = await runCli(['audit', ESTATE, '--flows', flowsFile(), '--format', 'junit', '--fail-on-denied']);
    expect(result.code).toBe(1);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const { testsuites } = junitParser.parse(result.stdout);
    expect(testsuites).toMatchObject({ name: 'netpol audit', tests: '3', failures: '1', skipped: '1' });
    const cases = testsuites.testsuite[0].testcase as Record<string, any>[];
    expect(cases.map((each) => [each.name, each.line])).toEqual([
      ['shop/web -> shop/db on TCP/5432', '2'],
      ['shop/nope -> shop/api on TCP/8080', '4'],
      ['shop/web -> shop/api on TCP/8080', '3'],
    ]);
    expect(cases[0].failure).toMatchObject({ type: 'audit-flow-denied' });
    expect(cases[0].failure['#text']).toMatch(/^shop\/web -> shop\/db on TCP\/5432: 7 observed, denied by both\n {2}at NetworkPolicy shop\//);
    expect(cases[1].skipped).toEqual({ message: 'not judged: shop/nope: no endpoint shop/nope in the inputs' });
    const lenient = junitParser.parse((await runCli(['audit', ESTATE, '--flows', flowsFile(), '--format', 'junit'])).stdout);
    expect(lenient.testsuites).toMatchObject({ failures: '0' });
    expect(lenient.testsuites.testsuite[0].testcase[0]['system-out']).toMatch(/denied by both/);
  });
});
