import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { buildClusterModel, loadManifests } from '../../lib/manifests';
import { RULES, RULE_IDS, RuleId, isAcknowledgeable, validateClusterNetworkPolicy } from '../../lib/validate';
import { checkManifestSet, reviewFindings } from '../../lib/workflows';

const RULES_DIR = path.join(__dirname, '..', '..', 'docs', 'rules');
const pages = readdirSync(RULES_DIR).filter((file) => file.endsWith('.md'));

function page(rule: string): string {
  return readFileSync(path.join(RULES_DIR, `${rule}.md`), 'utf8');
}

/**
 * The rules found in the YAML example of a page: `netpol validate`'s, the admin tier's, and the
 * warnings on how pods became endpoints (which reach, explain and graph print).
 */
async function rulesOfExample(yaml: string): Promise<Set<string>> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'netpol-rule-')), 'example.yaml');
  writeFileSync(file, yaml);
  try {
    const loaded = await loadManifests([file], { defaultNamespace: 'default' });
    const { findings } = reviewFindings(checkManifestSet(loaded.objects), loaded.objects, { today: '2026-01-01' });
    const admin = loaded.objects.filter((object) => object.kind === 'ClusterNetworkPolicy').flatMap((object) => validateClusterNetworkPolicy(object.raw));
    const endpointWarnings = buildClusterModel(loaded.objects).endpointWarnings;
    return new Set([...findings, ...admin, ...endpointWarnings].map((finding) => finding.rule));
  } catch {
    // loadManifests refuses unreadable input (a ManifestError): the CLI reports manifest-unreadable.
    return new Set(['manifest-unreadable']);
  }
}

describe('the rule catalogue and docs/rules/', () => {
  test('every rule id has a page, and every page a rule id', () => {
    expect(pages.map((file) => file.replace(/\.md$/, '')).sort()).toEqual([...RULE_IDS]);
  });

  test.each(RULE_IDS)('%s: its page has the title, level, meaning, example, fix and how to acknowledge it', (rule) => {
    const text = page(rule);
    expect(text.startsWith(`# ${rule}\n`)).toBe(true);
    expect(text).toContain(`Default level: **${RULES[rule].level}**`);
    for (const section of ['## What it means', '## Why it matters', '## Example', '## Fix', '## Acknowledging it']) {
      expect(text).toContain(section);
    }
    expect(text.includes('It cannot be acknowledged')).toBe(!isAcknowledgeable(rule));
  });

  const withYaml = RULE_IDS.filter((rule) => /```yaml\n/.test(page(rule)));
  test.each(withYaml)('%s: the YAML example of its page triggers it', async (rule: RuleId) => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(page(rule))?.[1] ?? '';
    expect(await rulesOfExample(yaml)).toContain(rule);
  });

  test('ids follow the scheme: api-* are the API server errors and cannot be acknowledged; cni-* are warnings', () => {
    for (const rule of RULE_IDS) {
      expect(rule).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      if (rule.startsWith('api-')) {
        expect([RULES[rule].level, isAcknowledgeable(rule)]).toEqual(['error', false]);
      }
      if (rule.startsWith('cni-')) {
        expect(RULES[rule].level).toBe('warning');
      }
    }
  });
});
