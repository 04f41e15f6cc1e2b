import { execFileSync, spawnSync } from 'child_process';
import { XMLValidator } from 'fast-xml-parser';
import * as fs from 'fs';
import * as path from 'path';
import { junitParser, validateSarif } from '../cli/report-schemas';
import { useTempDir } from '../manifests/temp-dir';

/**
 * bin/netpol-ci, the steps the GitHub Action (action.yml) and the GitLab template
 * (ci/gitlab/netpol.gitlab-ci.yml) both run, on a git repository with two commits of the
 * example app: the base as it is, the change opening the payment provider's egress to every
 * public IPv4 address. netpol is this checkout's build (npm test builds before jest).
 */
const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'bin', 'netpol-ci');
const NETPOL = `node ${path.join(ROOT, 'build', 'cli', 'main.js')}`;
const SYNTH = 'node -r ts-node/register/transpile-only apps/main.ts';
const scratch = useTempDir('netpol-ci-');

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

/** A repository holding the example app (apps/, the lib/ it imports, cdk8s.yaml, tsconfig.json) in two commits; `main` is the first. */
function exampleRepo(name: string): string {
  const repo = path.join(scratch(), name);
  fs.mkdirSync(repo);
  for (const entry of ['apps', 'lib']) {
    fs.cpSync(path.join(ROOT, entry), path.join(repo, entry), { recursive: true, filter: (source) => !source.endsWith('.png') });
  }
  for (const file of ['cdk8s.yaml', 'tsconfig.json']) {
    fs.copyFileSync(path.join(ROOT, file), path.join(repo, file));
  }
  fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules\ndist\nnetpol-reports\n');
  // The dependencies of the app: the script links them into the base checkout as well.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'the example app');
  git(repo, 'checkout', '-qb', 'change');
  const policies = path.join(repo, 'apps', 'shop-policies.ts');
  const text = fs.readFileSync(policies, 'utf8');
  expect(text).toContain("to: IpRange.cidr('203.0.113.0/24'),");
  fs.writeFileSync(policies, text.replace("to: IpRange.cidr('203.0.113.0/24'),", "to: IpRange.cidr('0.0.0.0/0'),"));
  git(repo, 'commit', '-qam', 'payments may reach any address on 443');
  return repo;
}

function runScript(repo: string, args: readonly string[], netpol = NETPOL): { code: number; stderr: string } {
  const result = spawnSync(SCRIPT, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, NETPOL: netpol, GITHUB_OUTPUT: path.join(repo, 'github-output') } });
  return { code: result.status ?? -1, stderr: result.stderr };
}

function sarif(file: string): { results: { ruleId: string; level: string; message: { text: string }; locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] } {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(validateSarif(log)).toBe(true);
  expect(validateSarif.errors ?? []).toEqual([]);
  return log.runs[0];
}

function junit(file: string): { testsuites: Record<string, any> } {
  const text = fs.readFileSync(file, 'utf8');
  expect(XMLValidator.validate(text)).toBe(true);
  return junitParser.parse(text);
}

describe('bin/netpol-ci on two commits of the example app', () => {
  test('synth, validate, diff against main: SARIF valid and at the new rule, JUnit parseable, the comment with the diff, exit 1 on the added-flow gate', () => {
    const repo = exampleRepo('app');
    const run = runScript(repo, ['--synth', SYNTH, '--paths', 'dist', '--base-ref', 'main', '--fail-on', 'added,removed', '--out', 'netpol-reports', '--codequality']);
    expect(run.stderr).toContain('netpol-ci: diff against main: exit 1');
    expect(run.code).toBe(1);
    const out = path.join(repo, 'netpol-reports');
    expect(fs.readdirSync(out).sort()).toEqual(
      expect.arrayContaining(['codequality.json', 'comment.md', 'diff.junit.xml', 'diff.md', 'diff.sarif', 'validate.junit.xml', 'validate.sarif', 'validate.txt']),
    );
    expect(fs.existsSync(path.join(out, 'test.junit.xml'))).toBe(false);

    // validate: the example app is clean of errors.
    expect(run.stderr).toContain('netpol-ci: validate: exit 0');
    expect(sarif(path.join(out, 'validate.sarif')).results.filter((result) => result.level === 'error')).toEqual([]);
    expect(junit(path.join(out, 'validate.junit.xml')).testsuites).toMatchObject({ name: 'netpol validate', failures: '0' });

    // diff: payments -> the outside on 443 is newly allowed, at the egress rule of payments-to-provider in dist/.
    const diff = sarif(path.join(out, 'diff.sarif'));
    const added = diff.results.filter((result) => result.ruleId === 'diff-flow-added');
    expect(added.map((result) => result.message.text.split(';')[0])).toEqual([
      // Every public and private address but those allowed before (the admin tier still denies the metadata address).
      'shop/payments -> public IPv4 except 203.0.113.0/24 + 10.0.0.0/8 + 172.16.0.0/12 + 192.168.0.0/16 + 169.254.0.0/16 except 169.254.169.254/32 + 100.64.0.0/10: TCP 443 newly allowed (policy change)',
    ]);
    expect(added[0].level).toBe('error');
    const where = added[0].locations![0].physicalLocation;
    expect(where.artifactLocation.uri).toBe('dist/shop.k8s.yaml');
    const line = fs.readFileSync(path.join(repo, 'dist', 'shop.k8s.yaml'), 'utf8').split('\n')[where.region.startLine - 1];
    expect(line).toMatch(/^ {4}- (to|ports):/);
    expect(added[0].message.text).toContain('NetworkPolicy shop/payments-to-provider spec.egress[0] allows egress from shop/payments');
    const gates = junit(path.join(out, 'diff.junit.xml')).testsuites;
    expect(gates).toMatchObject({ name: 'netpol diff', tests: '3', failures: '1' });

    // The comment: the marker the action updates by, the steps, the diff with its picture.
    const comment = fs.readFileSync(path.join(out, 'comment.md'), 'utf8');
    expect(comment.startsWith('<!-- netpol-ci -->\n## netpol\n')).toBe(true);
    expect(comment).toContain('| validate `dist` | passed |');
    expect(comment).toContain('| diff against `main` | **failed** |');
    expect(comment).toContain('## Traffic diff');
    expect(comment).toMatch(/```mermaid\nflowchart LR\n[\s\S]*n_shop_2f_payments -->\|"\+ TCP 443"\| n_public_20_IPv4/);
    expect(comment.length).toBeLessThanOrEqual(65_536);

    // GitLab code quality: one issue per validate result, at its file and line.
    const issues = JSON.parse(fs.readFileSync(path.join(out, 'codequality.json'), 'utf8')) as { check_name: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.length).toBe(sarif(path.join(out, 'validate.sarif')).results.length);
    issues.forEach((issue) => expect(issue.location.path).toMatch(/^dist\//));

    // The action reads these outputs; the base checkout is gone.
    expect(fs.readFileSync(path.join(repo, 'github-output'), 'utf8')).toBe(`exit-code=1\nout=${out}\ncomment=${out}/comment.md\n`);
    expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  }, 180_000);

  test('--expect runs `netpol test <paths> --expect FILE --format junit` and its exit code counts; no --base-ref, no diff', () => {
    const repo = exampleRepo('expect');
    // One expectation that holds and one that does not: the default deny isolates shop, so web never reaches db.
    fs.writeFileSync(
      path.join(repo, 'expectations.yaml'),
      'expectations:\n  - isolated: { namespace: shop, direction: both }\n  - allow: { from: shop/web, to: shop/db, port: 5432 }\n',
    );
    fs.mkdirSync(path.join(repo, 'dist'));
    for (const file of ['policies.yaml', 'workloads.yaml']) {
      fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'diff', file), path.join(repo, 'dist', file));
    }
    const run = runScript(repo, ['--paths', 'dist', '--expect', 'expectations.yaml', '--out', 'reports']);
    expect(run.stderr).toContain('netpol-ci: test --expect expectations.yaml: exit 1');
    expect(run.code).toBe(1);
    const suites = junit(path.join(repo, 'reports', 'test.junit.xml')).testsuites;
    expect(suites).toMatchObject({ failures: '1', tests: '2' });
    expect(fs.existsSync(path.join(repo, 'reports', 'diff.md'))).toBe(false);
    const comment = fs.readFileSync(path.join(repo, 'reports', 'comment.md'), 'utf8');
    expect(comment).toContain('| test `expectations.yaml` | **failed** |');
    expect(comment).not.toContain('diff against');
  }, 60_000);

  test('bad usage is exit 2 with the valid choices', () => {
    const repo = exampleRepo('usage');
    const run = runScript(repo, ['--fail-on', 'added,everything']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('netpol-ci: --fail-on: unknown gate "everything" (valid: added, removed, exposure)');
  }, 60_000);
});
