// Checks the YAML the consumer app synthesized: the classic allow-api-to-db policy and the
// policies of the cdk8s-plus Deployment, exactly.
const fs = require('fs');
const assert = require('assert');
const { parseAllDocuments } = require('yaml');

const documents = parseAllDocuments(fs.readFileSync('dist/production.k8s.yaml', 'utf8')).map((d) => d.toJS());
const names = documents.map((d) => `${d.kind} ${d.metadata.namespace}/${d.metadata.name}`);
assert.deepStrictEqual(names.sort(), [
  'NetworkPolicy production/allow-api-to-db',
  'NetworkPolicy production/allow-dns',
  'NetworkPolicy production/allow-scrape',
  'NetworkPolicy production/api-egress-db',
  'NetworkPolicy production/default-deny-all',
  'NetworkPolicy production/web-from-frontend',
  'NetworkPolicy production/web-https',
]);
const policy = documents.find((d) => d.metadata.name === 'allow-api-to-db');
assert.deepStrictEqual(policy.spec, {
  podSelector: { matchLabels: { app: 'postgres' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web-api' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
});
// The cdk8s-plus Deployment is the pods of a whole policy in its namespace, by its own labels,
// and a peer in production with both selectors.
const storefront = parseAllDocuments(fs.readFileSync('dist/storefront.k8s.yaml', 'utf8')).map((d) => d.toJS());
assert.deepStrictEqual(
  storefront.map((d) => `${d.kind} ${d.metadata.namespace}/${d.metadata.name}`.replace(/-[0-9a-f]{8}$/, '-<hash>')).sort(),
  [
    'Deployment storefront/storefront-catalog-<hash>',
    'Deployment storefront/storefront-frontend-<hash>',
    'NetworkPolicy storefront/catalog-from-frontend',
    'NetworkPolicy storefront/frontend-allow-list',
    'Service storefront/storefront-catalog-service-<hash>',
  ],
);
const frontend = storefront.find((d) => d.metadata.name === 'frontend-allow-list');
assert.deepStrictEqual(frontend.spec.podSelector, { matchLabels: { app: 'frontend' } });
assert.deepStrictEqual(frontend.spec.policyTypes, ['Ingress', 'Egress']);
assert.deepStrictEqual(frontend.spec.egress[1], {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'production' } }, podSelector: { matchLabels: { app: 'web-api' } } }],
  ports: [{ protocol: 'TCP', port: 8080 }],
});
// The cdk8s-plus Service: its selector as the pods, and its target port (not its port 80), both ways.
const catalogService = storefront.find((d) => d.kind === 'Service');
assert.deepStrictEqual(catalogService.spec.ports, [{ port: 80, targetPort: 8080 }]);
const catalogFromFrontend = storefront.find((d) => d.metadata.name === 'catalog-from-frontend');
assert.deepStrictEqual(catalogFromFrontend.spec, {
  podSelector: { matchLabels: catalogService.spec.selector },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
});
assert.deepStrictEqual(frontend.spec.egress[2], { to: [{ podSelector: { matchLabels: catalogService.spec.selector } }], ports: [{ protocol: 'TCP', port: 8080 }] });
const fromFrontend = documents.find((d) => d.metadata.name === 'web-from-frontend');
assert.deepStrictEqual(fromFrontend.spec.ingress, [
  {
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'storefront' } }, podSelector: { matchLabels: { app: 'frontend' } } }],
    ports: [{ protocol: 'TCP', port: 8080 }],
  },
]);
console.log(`${names.length} objects, allow-api-to-db and the cdk8s-plus Deployment's and Service's policies as expected`);
