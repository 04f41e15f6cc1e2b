import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The real `cdk8s synth` with NetpolValidation configured in cdk8s.yaml (local-path form),
 * on the fixture project. The plugin is loaded from the compiled package (`npm run build`,
 * which `npm test` runs first). npm is pointed at an unreachable registry and told to stay
 * offline, so a plugin install attempt (the npm-package form) would fail the test.
 */

const repo = path.resolve(__dirname, '../..');
const project = path.join(repo, 'test/fixtures/plugin-project');
const cdk8sCli = path.join(path.dirname(require.resolve('cdk8s-cli/package.json')), 'bin/cdk8s');
const outdirs: string[] = [];

interface SynthRun {
  readonly status: number | null;
  readonly output: string;
  readonly outdir: string;
}

function synth(appFile: string): SynthRun {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-plugin-'));
  outdirs.push(outdir);
  const result = spawnSync(
    process.execPath,
    [cdk8sCli, 'synth', '--app', `node -r ts-node/register/transpile-only ${appFile}`, '--output', outdir],
    {
      cwd: project,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK8S_CHECK_UPGRADE: 'false',
        npm_config_offline: 'true',
        npm_config_registry: 'http://127.0.0.1:9/',
        FORCE_COLOR: '0',
      },
      timeout: 120_000,
    },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, outdir };
}

jest.setTimeout(180_000);

beforeAll(() => {
  if (!fs.existsSync(path.join(repo, 'build/plugin/index.js'))) {
    throw new Error('build/plugin/index.js is missing: run `npm run build` before this test');
  }
});

afterAll(() => {
  for (const outdir of outdirs) {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

describe('cdk8s synth with the NetpolValidation plugin', () => {
  test('fails on NetworkPolicies the API server rejects, written as a raw ApiObject and a KubeNetworkPolicy', () => {
    const run = synth('invalid-app.ts');
    const manifest = path.join(run.outdir, 'legacy.k8s.yaml');
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('Validation failed');
    expect(run.output).toContain(
      'error: NetworkPolicy legacy/raw-bad-port: spec.ingress[0].ports[0].port: [api-port] Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(run.output).toMatch(/error: NetworkPolicy legacy\/l1-bad-except: spec\.egress\[0\]\.to\[0\]\.ipBlock\.except\[0\]: .*10\.1\.0\.0\/24/);
    expect(run.output).toContain(`Manifest Path: ${manifest}`);
    // cdk8s maps the resource name back to the construct that emitted it.
    expect(run.output).toContain('Construct Path: legacy/raw-bad-port');
    expect(run.output).toContain('Construct Path: legacy/l1-bad-except');
  });

  test('passes on a valid app mixing our constructs, cdk8s-plus-28 and a hand-written policy', () => {
    const run = synth('valid-app.ts');
    expect(run.output).toContain('Validations ended succesfully');
    expect(run.status).toBe(0);
    expect(run.output).not.toMatch(/(error|warning): NetworkPolicy/);
    expect(fs.readFileSync(path.join(run.outdir, 'hand-written.k8s.yaml'), 'utf8')).toContain('name: web-egress-https');
  });

  test('passes on the example app (apps/main.ts), strict', () => {
    const run = synth(path.join(repo, 'apps/main.ts'));
    expect(run.output).toContain('Validations ended succesfully');
    expect(run.status).toBe(0);
    expect(fs.readdirSync(run.outdir).sort()).toContain('shop.k8s.yaml');
  });

  test('strict: true (the fixture) turns a lint warning into a failed synth', () => {
    const run = synth('warning-app.ts');
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/warning: NetworkPolicy lint\/empty-from: spec\.ingress\[0\]\.from: \[empty-list\] is an empty list/);
    expect(run.output).toContain(`Manifest Path: ${path.join(run.outdir, 'lint.k8s.yaml')}`);
  });
});
