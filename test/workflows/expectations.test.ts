import Ajv from 'ajv';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { loadManifests } from '../../lib/manifests';
import type { ClusterModel } from '../../lib/model';
import { EXPECTATION_KINDS, ExpectationOutcome } from '../../lib/report';
import { EXPECTATIONS_SCHEMA_PATH, ExpectationsFileError, checkExpectations, endpointSet, loadAnalysisModel, readExpectationsFile } from '../../lib/workflows';

const ESTATE = path.join(__dirname, '..', 'fixtures', 'expectations', 'shop.yaml');

/** The shop estate, plus the manifests given. */
async function model(extra = ''): Promise<ClusterModel> {
  const dir = mkdtempSync(path.join(tmpdir(), 'netpol-expectations-'));
  const file = path.join(dir, 'extra.yaml');
  writeFileSync(file, extra);
  const loaded = await loadManifests(extra ? [ESTATE, file] : [ESTATE]);
  return loadAnalysisModel(loaded.objects).model;
}

/** The outcome of each entry of an expectations text over the model. */
function check(text: string, over: ClusterModel): ExpectationOutcome[] {
  return [...checkExpectations(readExpectationsFile(text, 'expect.yaml'), over).outcomes];
}

function refusal(text: string, over: ClusterModel): string {
  try {
    checkExpectations(readExpectationsFile(text, 'expect.yaml'), over);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpectationsFileError);
    expect((error as ExpectationsFileError).code).toBe('INVALID_EXPECTATIONS');
    return (error as Error).message;
  }
  throw new Error('expected the expectations to be refused');
}

describe('the JSON Schema of the expectations file', () => {
  const schema = JSON.parse(readFileSync(EXPECTATIONS_SCHEMA_PATH, 'utf8'));

  test('is a valid draft-07 schema (ajv in strict mode compiles it) and lists exactly the kinds', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(Object.keys(schema.definitions.expectation.properties)).toEqual([...EXPECTATION_KINDS]);
  });

  test('is shipped in the package', () => {
    const files = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).files as string[];
    expect(files).toContain('schemas/*.json');
  });
});

describe('endpoint references', () => {
  test('*, a namespace, a name, label terms in a namespace or in every one, an IP, a CIDR split where ipBlocks split it', async () => {
    const over = await model();
    const ids = (value: string) => {
      const set = endpointSet({ field: 'to' }, value, over);
      return set.kind === 'endpoints' ? set.ids : set.addresses;
    };
    expect(ids('*')).toEqual(['jobs/batch', 'shop/api', 'shop/postgres', 'shop/web']);
    expect(ids('shop')).toEqual(['shop/api', 'shop/postgres', 'shop/web']);
    expect(ids('shop/web')).toEqual(['shop/web']);
    expect(ids('shop/tier=backend')).toEqual(['shop/api']);
    expect(ids('*/app=batch')).toEqual(['jobs/batch']);
    expect(ids('203.0.113.9')).toEqual(['203.0.113.9']);
    // api-egress-https excepts 10.0.0.0/8 from 0.0.0.0/0: 10.0.0.0/7 is two runs.
    expect(ids('10.0.0.0/7')).toEqual(['10.0.0.0', '11.0.0.0']);
    expect(() => endpointSet({ field: 'to' }, 'shop/app', over)).toThrow('to: no endpoint "shop/app" in the inputs');
    expect(() => endpointSet({ field: 'to' }, 'shop/app=web,tier', over)).toThrow('to: "shop/app=web,tier" has a term "tier" that is not key=value');
  });
});

describe('checkExpectations', () => {
  test('a CIDR is judged on every address of it: allow needs all, deny none', async () => {
    const over = await model();
    const outcomes = check(
      [
        'expectations:',
        '  - deny: { from: shop/api, to: 10.0.0.0/8, port: 443 }',
        '  - deny: { from: shop/api, to: 10.0.0.0/7, port: 443 }',
        '  - allow: { from: shop/api, to: 11.0.0.0/8, port: 443 }',
        '  - allow: { from: shop/api, to: 0.0.0.0/0, port: 443 }',
        '',
      ].join('\n'),
      over,
    );
    expect(outcomes.map((outcome) => outcome.passed)).toEqual([true, false, true, false]);
    expect(outcomes[1].summary).toBe('1 of 2 flows not denied: shop/api -> 11.0.0.0 (external) is allowed on TCP/443');
    // The five excepted ranges of the eleven runs of 0.0.0.0/0 are denied.
    expect(outcomes[3].summary).toMatch(/^5 of 11 flows not allowed: shop\/api -> 10\.0\.0\.0 \(external\) is denied on TCP\/443; /);
  });

  test('deny without a port means every port of every protocol; with protocol, that protocol only', async () => {
    const over = await model();
    const outcomes = check(
      ['expectations:', '  - deny: { from: shop/api, to: shop/postgres }', '  - deny: { from: shop/api, to: shop/postgres, port: 5432, protocol: UDP }', ''].join('\n'),
      over,
    );
    expect(outcomes.map((outcome) => outcome.passed)).toEqual([false, true]);
    expect(outcomes[0].summary).toBe('shop/api -> shop/postgres is allowed on TCP 5432');
    expect(outcomes[0].details[0]).toMatch(/^shop\/api -> shop\/postgres on TCP\/5432: ALLOWED\n/);
  });

  test('only over several destinations names each; a destination reaching itself is left out', async () => {
    const over = await model();
    const [outcome] = check('expectations:\n  - only: { to: shop, from: [shop/api] }\n', over);
    expect(outcome.passed).toBe(false);
    // shop/postgres holds; shop/api is not asked to reach itself.
    expect(outcome.details.map((detail) => detail.split('\n')[0])).toEqual([
      'shop/api: also reachable from shop/web on TCP 8080',
      'shop/web: not reachable from shop/api on any port',
      'shop/web: also reachable from outside the cluster (e.g. 0.0.0.0) on TCP 8080',
    ]);
    expect(outcome.details[1]).toBe(
      [
        'shop/web: not reachable from shop/api on any port',
        '  shop/api -> shop/web: DENIED on every port',
        '  egress from shop/api: isolated by shop/api-egress-https, shop/api-to-postgres, shop/default-deny-all',
        '  ingress to shop/web: isolated by shop/default-deny-all, shop/web-from-internet',
      ].join('\n'),
    );
  });

  test('default deny is the shape: podSelector {}, the direction in the (defaulted) policyTypes, no rules for it', async () => {
    const over = await model(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata: {name: allow-all-in, namespace: jobs}',
        'spec: {podSelector: {}, ingress: [{}]}',
        '---',
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        // Egress rules and no policyTypes: Ingress too, with no ingress rules (a default deny for ingress).
        'metadata: {name: egress-only-rules, namespace: jobs}',
        'spec: {podSelector: {}, egress: [{ports: [{port: 53, protocol: UDP}]}]}',
        '',
      ].join('\n'),
    );
    const outcomes = check(
      ['expectations:', '  - everyNamespace: { hasDefaultDeny: ingress }', '  - everyNamespace: { hasDefaultDeny: egress, except: [kube-system] }', ''].join('\n'),
      over,
    );
    expect(outcomes[0]).toMatchObject({ passed: true, summary: 'all 2 namespaces have a default deny for ingress' });
    expect(outcomes[1]).toMatchObject({ passed: false, summary: 'no default deny for egress in jobs (kube-system excepted but not in the inputs)' });
    expect(outcomes[1].details).toEqual([
      'jobs: no default deny for egress (a NetworkPolicy with podSelector: {}, Egress in its policyTypes and no egress rules); its policies: allow-all-in, egress-only-rules',
    ]);
  });

  test('what cannot be checked is refused at its line: pods and namespace both, an endpoint to itself, an outside source of only', async () => {
    const over = await model();
    const message = refusal(
      [
        'expectations:',
        '  - isolated: { pods: shop/web, namespace: shop }',
        '  - deny: { from: shop/web, to: shop/web }',
        '  - only:',
        '      to: shop/web',
        '      from: [203.0.113.0/24]',
        '  - notExposed: { namespace: shop/web }',
        '',
      ].join('\n'),
      over,
    );
    expect(message).toBe(
      [
        'expect.yaml: 4 problems:',
        '  expect.yaml:2: expectations[0].isolated.namespace: give pods or namespace, not both',
        '  expect.yaml:3: expectations[1].deny.to: names no flow: an endpoint to itself is not judged (policies cannot block it)',
        '  expect.yaml:6: expectations[2].only.from[0]: "203.0.113.0/24" is outside the cluster; only lists endpoints, and no address outside the cluster may reach the destination (use allow and deny entries for outside sources)',
        '  expect.yaml:7: expectations[3].notExposed.namespace: "shop/web" is not a namespace name; use pods for namespace/name',
      ].join('\n'),
    );
  });

  test('an empty file, or one without expectations, is refused; an empty list passes nothing and fails nothing', async () => {
    const over = await model();
    expect(refusal('', over)).toBe('expect.yaml:1: expectations: required');
    expect(check('expectations: []\n', over)).toEqual([]);
  });
});

describe('a flow the admin tier leaves undefined', () => {
  /** Ambiguous 1 (docs/admin-tier.md): two Admin-tier policies of one priority, Accept and Deny, on a/client -> b/server. */
  const ambiguous: ClusterModel = {
    namespaces: [],
    endpoints: ['a/client', 'b/server'].map((id) => ({ namespace: id.split('/')[0], name: id.split('/')[1], kind: 'Pod', labels: {}, ports: [], ips: [] })),
    policies: [],
    adminTierPolicies: (['Accept', 'Deny'] as const).map((action) => ({
      policy: {
        apiVersion: 'policy.networking.k8s.io/v1alpha2' as const,
        kind: 'ClusterNetworkPolicy' as const,
        metadata: { name: action.toLowerCase() },
        spec: { tier: 'Admin' as const, priority: 10, subject: { namespaces: {} }, ingress: [{ action, from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } }] }] },
      },
    })),
  };

  test('is neither allowed nor denied, and the failure says it is ambiguous', () => {
    const outcomes = check(
      [
        'expectations:',
        '  - allow: { from: a/client, to: b/server, port: 80 }',
        '  - deny: { from: a/client, to: b/server, port: 80 }',
        '  - deny: { from: a/client, to: b/server }',
        '  - only: { to: b/server, from: [] }',
        '',
      ].join('\n'),
      ambiguous,
    );
    expect(outcomes.map((outcome) => outcome.passed)).toEqual([false, false, false, false]);
    expect(outcomes[0].summary).toBe('a/client -> b/server is ambiguous on TCP/80');
    expect(outcomes[1].summary).toBe('a/client -> b/server is allowed ambiguously on TCP/80');
    expect(outcomes[1].details[0]).toMatch(/^a\/client -> b\/server on TCP\/80: AMBIGUOUS\n/);
    expect(outcomes[3].summary).toBe('b/server is not reachable only from nothing on any port: also reachable from a/client ambiguously on every port; also reachable from outside the cluster (e.g. 0.0.0.0) on every port');
  });
});
