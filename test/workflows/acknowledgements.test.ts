import { ManifestFinding, ManifestObject, parseDocuments, readManifestObject } from '../../lib/manifests';
import { readNetpolConfig, reviewFindings } from '../../lib/workflows';

function objects(text: string, file = 'p.yaml'): ManifestObject[] {
  return parseDocuments(text, file).map(({ documentIndex, value }) => readManifestObject(value, { file, documentIndex }, 'default'));
}

function finding(rule: ManifestFinding['rule'], overrides: Partial<ManifestFinding> = {}): ManifestFinding {
  return { severity: 'warning', rule, path: 'spec', message: 'm', file: 'p.yaml', documentIndex: 0, kind: 'NetworkPolicy', namespace: 'shop', name: 'web', ...overrides };
}

const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec: {podSelector: {}}\n';

describe('reviewFindings', () => {
  test('a config entry holds through its expires day and not after it', () => {
    const config = readNetpolConfig('acknowledge:\n  - rule: blocked-dns\n    reason: r\n    expires: 2026-06-30\n', '.netpol.yaml');
    const review = (today: string) => reviewFindings([finding('blocked-dns')], objects(POLICY), { config, today }).findings[0];
    expect(review('2026-06-30').acknowledged).toEqual({ by: 'config', reason: 'r', expires: '2026-06-30', where: '.netpol.yaml:2' });
    const after = review('2026-07-01');
    expect(after.acknowledged).toBeUndefined();
    expect(after.expiredAcknowledgement).toEqual({ by: 'config', reason: 'r', expires: '2026-06-30', where: '.netpol.yaml:2' });
  });

  test('matches are whole-string globs on kind, namespace, name and file; other rules are untouched', () => {
    const config = readNetpolConfig(
      'acknowledge:\n  - rule: blocked-dns\n    match: {kind: NetworkPolicy, namespace: "sh*", name: "w?b", file: "*.yaml"}\n    reason: r\n',
      '.netpol.yaml',
    );
    const result = reviewFindings(
      [finding('blocked-dns'), finding('blocked-dns', { name: 'webs' }), finding('blocked-dns', { namespace: 'shopping-2', file: 'dir/p.yaml' }), finding('empty-list')],
      [],
      { config, today: '2026-01-01' },
    );
    expect(result.findings.map((entry) => entry.acknowledged !== undefined)).toEqual([true, false, false, false]);
    expect(result.unusedAcknowledgements).toEqual([]);
  });

  test('a namespace glob never matches a cluster-scoped object; an entry that matched nothing is reported unused', () => {
    const config = readNetpolConfig('acknowledge:\n  - rule: namespace-ignored\n    match: {namespace: "*"}\n    reason: r\n', '.netpol.yaml');
    const result = reviewFindings([finding('namespace-ignored', { kind: 'ClusterNetworkPolicy', namespace: undefined })], [], { config, today: '2026-01-01' });
    expect(result.findings[0].acknowledged).toBeUndefined();
    expect(result.unusedAcknowledgements.map((entry) => entry.where)).toEqual(['.netpol.yaml:2']);
  });

  test('the annotation acknowledges the findings of its object only, with the reason annotation or a default', () => {
    const annotated = POLICY.replace('namespace: shop}', 'namespace: shop, annotations: {netpol.dev/acknowledge: " blocked-dns ,empty-list"}}');
    const result = reviewFindings(
      [finding('blocked-dns'), finding('empty-list'), finding('null-entry'), finding('blocked-dns', { documentIndex: 1, name: 'other' })],
      objects(`${annotated}---\n${POLICY.replace('name: web', 'name: other')}`),
      { today: '2026-01-01' },
    );
    expect(result.findings.map((entry) => entry.acknowledged?.reason)).toEqual(['annotation netpol.dev/acknowledge', 'annotation netpol.dev/acknowledge', undefined, undefined]);
  });

  test('an annotation entry that is no acknowledgeable rule is a finding on the annotation', () => {
    const annotated = POLICY.replace('namespace: shop}', 'namespace: shop, annotations: {netpol.dev/acknowledge: "api-port,blocked-dsn"}}');
    const result = reviewFindings([], objects(annotated), { today: '2026-01-01' });
    expect(result.findings.map((entry) => [entry.rule, entry.path, entry.name, entry.message])).toEqual([
      ['invalid-acknowledgement', 'metadata.annotations', 'web', expect.stringContaining('"api-port" is not a rule id that can be acknowledged')],
      ['invalid-acknowledgement', 'metadata.annotations', 'web', expect.stringContaining('"blocked-dsn" is not a rule id')],
    ]);
  });
});
