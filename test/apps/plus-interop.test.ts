import { App } from 'cdk8s';
import { StorefrontChart } from '../../apps/plus-interop';
import { Analyzer } from '../../lib/analysis/analyzer';
import { buildClusterModel, loadManifests } from '../../lib/manifests';
import { lintModel } from '../../lib/validate';
import { useTempDir } from '../manifests/temp-dir';

/**
 * The cdk8s-plus-28 app is synthesized to files and read back as `netpol` reads any
 * manifests: its Deployments must be the endpoints, and the flows exactly the intended ones.
 */
const outdir = useTempDir('plus-interop-');

async function synthesizedBuild() {
  const app = new App({ outdir: outdir() });
  new StorefrontChart(app, 'storefront');
  app.synth();
  return buildClusterModel((await loadManifests([outdir()])).objects);
}

test('the Deployments are the endpoints, with their labels and named ports', async () => {
  const { model } = await synthesizedBuild();
  expect(model.endpoints.map((endpoint) => [endpoint.namespace, endpoint.name, endpoint.kind])).toEqual([
    ['storefront', 'catalog', 'Deployment'],
    ['storefront', 'frontend', 'Deployment'],
    ['storefront', 'postgres', 'Deployment'],
  ]);
  const postgres = model.endpoints.find((endpoint) => endpoint.name === 'postgres');
  expect(postgres?.labels).toMatchObject({ app: 'postgres' });
  expect(postgres?.ports).toEqual([{ name: 'serve', port: 5432, protocol: 'TCP' }]);
});

test('every policy is valid and lint-clean, and selects the Deployment it was given', async () => {
  const { model, findings, rejected } = await synthesizedBuild();
  expect(rejected).toEqual([]);
  expect(findings).toEqual([]);
  expect(lintModel(model)).toEqual([]);
  const selector = (name: string) => model.policies.find((entry) => entry.policy.metadata.name === name)?.policy.spec.podSelector;
  expect(selector('postgres-from-catalog')).toEqual({ matchLabels: { app: 'postgres' } });
  expect(selector('frontend-to-catalog')).toEqual({ matchLabels: { app: 'frontend' } });
});

test('only frontend -> catalog on 8080 and catalog -> postgres on 5432 are allowed', async () => {
  const analyzer = new Analyzer((await synthesizedBuild()).model);
  expect(analyzer.reach({ port: 8080, protocol: 'TCP' }).allowed).toEqual([['storefront/frontend', 'storefront/catalog']]);
  expect(analyzer.reach({ port: 5432, protocol: 'TCP' }).allowed).toEqual([['storefront/catalog', 'storefront/postgres']]);
  expect(analyzer.portMatrix().map(({ from, to }) => `${from} -> ${to}`)).toEqual([
    'storefront/catalog -> storefront/postgres',
    'storefront/frontend -> storefront/catalog',
  ]);
  const frontend = { kind: 'endpoint', id: 'storefront/frontend' } as const;
  const postgres = { kind: 'endpoint', id: 'storefront/postgres' } as const;
  const skipCatalog = analyzer.explain(frontend, postgres, { port: 5432, protocol: 'TCP' });
  expect(skipCatalog.allowed).toBe(false);
  expect(skipCatalog.egress?.selectedBy).toEqual(['storefront/allow-dns', 'storefront/default-deny-all', 'storefront/frontend-to-catalog']);
});
