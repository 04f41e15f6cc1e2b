// Checks the YAML the consumer app synthesized: the classic allow-api-to-db policy, exactly.
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
  'NetworkPolicy production/web-https',
]);
const policy = documents.find((d) => d.metadata.name === 'allow-api-to-db');
assert.deepStrictEqual(policy.spec, {
  podSelector: { matchLabels: { app: 'postgres' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web-api' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
});
console.log(`${names.length} NetworkPolicies, allow-api-to-db as expected`);
