import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing, Yaml } from 'cdk8s';
import { Analyzer, formatPortSet } from '../../lib/analysis';
import { declaredWorkloads } from '../../lib/constructs';
import { buildClusterModel, loadManifests } from '../../lib/manifests';
import { defineEstate } from '../../apps/estate';
import { runCli } from '../cli/run-cli';
import { useTempDir } from '../manifests/temp-dir';

const OUTPUT_FILES = [
  'monitoring-workloads.k8s.yaml',
  'monitoring.k8s.yaml',
  'platform.k8s.yaml',
  'shop-workloads.k8s.yaml',
  'shop.k8s.yaml',
  'storefront.k8s.yaml',
];

interface Policy {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: { podSelector: unknown; policyTypes: string[] };
}

const scratch = useTempDir('netpol-app-');

function estate() {
  const app = Testing.app();
  defineEstate(app);
  return app;
}

describe('the example app', () => {
  test('synthesizes one file per chart, with no warnings', () => {
    const app = estate();
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      app.synth();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
    }
    expect(fs.readdirSync(app.outdir).sort()).toEqual(OUTPUT_FILES);
    for (const file of OUTPUT_FILES) {
      expect(fs.readFileSync(path.join(app.outdir, file), 'utf8')).toMatchSnapshot(file);
    }
  });

  test('every namespace starts from the zero-trust baseline', () => {
    const app = estate();
    const policies = app.charts.flatMap((chart) => Testing.synth(chart) as Policy[]).filter((o) => o.kind === 'NetworkPolicy');
    for (const namespace of ['shop', 'monitoring', 'storefront']) {
      const names = policies.filter((p) => p.metadata.namespace === namespace).map((p) => p.metadata.name);
      expect(names.slice(0, 2)).toEqual(['default-deny-all', 'allow-dns']);
    }
  });

  test('its workloads are declared endpoints for analysis and tests', () => {
    // shop/postgres is referred to only through its Service, which declares no endpoint of its
    // own (a Service is a selector); its Deployment is in shop-workloads.
    expect(declaredWorkloads(estate()).map((w) => `${w.namespace}/${w.name}`)).toEqual([
      'ingress-nginx/ingress-nginx',
      'kube-system/kube-dns',
      'monitoring/prometheus',
      'shop/api',
      'shop/payments',
      'shop/web',
      'storefront/catalog',
      'storefront/frontend',
      'storefront/postgres',
    ]);
  });

  test('the synthesized files allow exactly the flows the app documents', async () => {
    const app = estate();
    app.synth();
    const loaded = await loadManifests([app.outdir]);
    const { model, findings } = buildClusterModel(loaded.objects);
    expect(findings).toEqual([]);
    const flows = new Analyzer(model).portMatrix().map((entry) => `${entry.from} -> ${entry.to}: ${formatPortSet(entry.ports)}`);
    expect(flows).toEqual([
      'monitoring/prometheus -> shop/api: TCP 9090',
      'monitoring/prometheus -> shop/payments: TCP 9090',
      // The platform's admin-tier Accept: Prometheus scrapes postgres too, whatever shop allows.
      'monitoring/prometheus -> shop/postgres: TCP 9090',
      'monitoring/prometheus -> shop/web: TCP 9090',
      'shop/api -> shop/payments: TCP 8443',
      'shop/api -> shop/postgres: TCP 5432',
      'shop/web -> shop/api: TCP 8080',
      'storefront/catalog -> storefront/postgres: TCP 5432',
      'storefront/frontend -> storefront/catalog: TCP 8080',
    ]);
  });

  test('the cdk8s entry point (apps/main.ts) writes the same files', () => {
    const outdir = scratch();
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'apps/main.ts'], {
      cwd: path.join(__dirname, '../..'),
      env: { ...process.env, CDK8S_OUTDIR: outdir },
      stdio: 'pipe',
    });
    const app = estate();
    app.synth();
    for (const file of OUTPUT_FILES) {
      expect(Yaml.load(path.join(outdir, file))).toEqual(Yaml.load(path.join(app.outdir, file)));
    }
  });

  test("netpol reach shows the ingress controller's flows to the shop's web and the storefront's frontend, on their target ports", async () => {
    const app = estate();
    app.synth();
    const controller = 'ingress-nginx/app.kubernetes.io/name=ingress-nginx';
    const named = await runCli(['reach', app.outdir, '--format', 'json', '--ingress-controller', controller]);
    // The web Service's port 80 (named http) delivers to the container port http, 8080.
    expect(JSON.parse(named.stdout).ingressController).toEqual([
      { via: 'Ingress shop/shop', backend: 'svc/shop/web:http', from: controller, to: 'shop/web', port: 8080, protocol: 'TCP', allowed: true },
      { via: 'Ingress storefront/storefront', backend: 'svc/storefront/frontend:8080', from: controller, to: 'storefront/frontend', port: 8080, protocol: 'TCP', allowed: true },
    ]);
    // Unnamed, the controller is the placeholder: both backends admit only ingress-nginx's pods.
    const placeholder = await runCli(['reach', app.outdir, '--format', 'json']);
    expect(JSON.parse(placeholder.stdout).ingressController.map((row: { from: string; allowed: boolean }) => [row.from, row.allowed])).toEqual([
      ['{ingress-controller}', false],
      ['{ingress-controller}', false],
    ]);
  });

  test('netpol validate finds nothing to warn about in the Services: every policy opens their target ports', async () => {
    const app = estate();
    app.synth();
    const result = await runCli(['validate', app.outdir]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toMatch(/^0 errors, 0 warnings in \d+ objects from 6 files\n?$/);
  });
});

describe('the example app run as `cdk8s synth` runs it', () => {
  /** Runs test/fixtures/apps/invalid-estate.ts (apps/main.ts plus one invalid policy) in a child process. */
  function runInvalid(invalid: string): { status: number | null; stderr: string; written: string[] } {
    const outdir = path.join(scratch(), `invalid-${invalid}`);
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', 'fixtures', 'apps', 'invalid-estate.ts')], {
      env: { ...process.env, INVALID: invalid, CDK8S_OUTDIR: outdir },
      encoding: 'utf8',
    });
    return { status: result.status, stderr: result.stderr, written: fs.existsSync(outdir) ? fs.readdirSync(outdir) : [] };
  }

  test.each([
    ['id', `[broken/Api-From-Web] metadata.name: Invalid value: "Api-From-Web": the construct id is the policy's metadata.name, so it must be a lowercase DNS name, such as "api-from-web"`],
    ['label-key', `[broken/api-from-web] spec.ingress[0].from[0].podSelector.matchLabels: Invalid value: "example.com/team/app": a label key has at most one '/'`],
  ])('an invalid policy (%s) fails the run with its error printed once, without a stack trace, and no file written', (invalid, message) => {
    const { status, stderr, written } = runInvalid(invalid);
    expect(status).toBe(1);
    expect(stderr.split(message)).toHaveLength(2);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(written).toEqual([]);
  });
});
