import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { buildClusterModel, loadManifests } from '../../lib/manifests';
import { RULES, RULE_IDS, RuleId, isAcknowledgeable, validateClusterNetworkPolicy } from '../../lib/validate';
import { readFlows } from '../../lib/flows';
import { auditFlows, checkManifestSet, diffManifestSets, loadAnalysisModel, reviewFindings } from '../../lib/workflows';

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

/** Writes `text` to a fresh temporary file named `name`. */
function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'netpol-rule-')), name);
  writeFileSync(file, text);
  return file;
}

/** The gates a diff page's example fails: its first YAML block is the state before, the second the state after. */
async function gatesOfDiffExample(text: string): Promise<Set<string>> {
  const [before, after] = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => tempFile('state.yaml', match[1]));
  const load = async (paths: readonly string[]) => loadAnalysisModel((await loadManifests(paths, { defaultNamespace: 'default' })).objects);
  const outcome = await diffManifestSets({ old: [before], new: [after], failOnAdded: true, failOnRemoved: true, failOnExposure: true }, load);
  return new Set(outcome.gates.filter((gate) => gate.flows.length > 0).map((gate) => gate.rule));
}

/** Whether an audit page's example (its YAML block the estate, its CSV block the flows) denies some flow. */
async function auditExampleDenies(text: string): Promise<boolean> {
  const estate = tempFile('estate.yaml', /```yaml\n([\s\S]*?)```/.exec(text)?.[1] ?? '');
  const flows = tempFile('flows.csv', /```csv\n([\s\S]*?)```/.exec(text)?.[1] ?? '');
  const model = loadAnalysisModel((await loadManifests([estate], { defaultNamespace: 'default' })).objects).model;
  return auditFlows(model, await readFlows([flows])).flows.some((flow) => flow.verdict === 'denied');
}

/** The gates of diff and audit: their examples are two states, or an estate and flows. */
const isGate = (rule: string): boolean => rule.startsWith('diff-') || rule.startsWith('audit-');

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

  const withYaml = RULE_IDS.filter((rule) => /```yaml\n/.test(page(rule)) && !isGate(rule));
  test.each(withYaml)('%s: the YAML example of its page triggers it', async (rule: RuleId) => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(page(rule))?.[1] ?? '';
    expect(await rulesOfExample(yaml)).toContain(rule);
  });

  test.each(RULE_IDS.filter((rule) => rule.startsWith('diff-')))('%s: the two states of its page fail its gate', async (rule) => {
    expect(await gatesOfDiffExample(page(rule))).toContain(rule);
  });

  test('audit-flow-denied: the flows of its page are denied by its estate', async () => {
    expect(await auditExampleDenies(page('audit-flow-denied'))).toBe(true);
  });

  test('the gates of diff and audit cannot be acknowledged', () => {
    expect(RULE_IDS.filter(isGate).filter(isAcknowledgeable)).toEqual([]);
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
