import { promises as fs } from 'fs';
import * as path from 'path';
import type { FlowChange, TrafficDiff } from '../../lib/analysis';
import { MARKDOWN_REPORT_BUDGET, PR_COMMENT_LIMIT, renderDiffMarkdown } from '../../lib/report';
import { runCli } from '../cli/run-cli';
import { useTempDir } from '../manifests/temp-dir';

const scratch = useTempDir('netpol-markdown-budget-');

const tcp = (port: number) => ({ TCP: [{ from: port, to: port }], UDP: [], SCTP: [] });
const none = { TCP: [], UDP: [], SCTP: [] };

/** `count` flows from `count` clients in namespaces ns-0..ns-9 to one server, each on its own port. */
function flows(count: number, kind: 'added' | 'removed'): FlowChange[] {
  return Array.from({ length: count }, (_, index) => ({
    from: `ns-${index % 10}/client-${String(index).padStart(5, '0')}`,
    to: 'shop/api',
    before: kind === 'added' ? none : tcp(1000 + index),
    after: kind === 'added' ? tcp(1000 + index) : none,
    reason: 'policy change' as const,
  }));
}

describe('Markdown reports fit a pull-request comment', () => {
  test('the limits: GitHub refuses comment bodies over 65,536 characters; a report takes at most 60,000 by default', () => {
    expect(PR_COMMENT_LIMIT).toBe(65_536);
    expect(MARKDOWN_REPORT_BUDGET).toBeLessThan(PR_COMMENT_LIMIT);
  });

  test('a diff of 3,000 added and 2,000 removed flows stays within the budget, with "N more" lines and a picture folded to namespaces', () => {
    const diff: TrafficDiff = { added: flows(3000, 'added'), removed: flows(2000, 'removed'), changed: [], workloadsAdded: [], workloadsRemoved: [] };
    const text = renderDiffMarkdown(diff);
    expect(text.length).toBeLessThanOrEqual(MARKDOWN_REPORT_BUDGET);
    expect(text).toContain('3000 flows added, 2000 removed, 0 changed.');
    const more = /_… and ([\d,]+) more added flows \(the JSON report lists them all\)\._/.exec(text);
    expect(more).not.toBeNull();
    const listed = text.split('\n').filter((line) => /^\| `ns-\d\/client-\d+` \| `shop\/api` \| TCP \d+ \|/.test(line));
    const removedMore = /_… and ([\d,]+) more removed flows/.exec(text);
    // Every flow is either listed or counted.
    expect(listed.length + Number(more![1].replace(/,/g, '')) + Number(removedMore?.[1].replace(/,/g, '') ?? 0)).toBe(5000);
    // 5,000 arrows fold to one per pair of namespaces and kind: 10 added and 10 removed.
    const mermaid = /```mermaid\n([\s\S]*?)```/.exec(text)![1];
    expect(mermaid).toContain('n_ns_2d_0 -->|"+ 300 flows"| n_shop');
    expect(mermaid.split('\n').filter((line) => / (-->|-\.->)\|/.test(line))).toHaveLength(20);
  });

  test('a smaller maxLength is honoured too', () => {
    const diff: TrafficDiff = { added: flows(500, 'added'), removed: [], changed: [], workloadsAdded: Array.from({ length: 500 }, (_, i) => `ns-1/w-${i}`), workloadsRemoved: [] };
    const text = renderDiffMarkdown(diff, { maxLength: 8_000 });
    expect(text.length).toBeLessThanOrEqual(8_000);
    expect(text).toMatch(/workloads added: `ns-1\/w-0`.* and [\d,]+ more\n$/);
  });

  test('an audit of 1,000 denied flow groups stays within the budget and counts the fixes it leaves out', async () => {
    const file = path.join(scratch(), 'many.csv');
    const lines = ['from,to,port,protocol', ...Array.from({ length: 1000 }, (_, index) => `shop/web,shop/db,${10000 + index},TCP`)];
    await fs.writeFile(file, lines.join('\n') + '\n');
    const estate = path.join(__dirname, '..', 'fixtures', 'flows', 'estate.yaml');
    const result = await runCli(['audit', estate, '--flows', file, '--format', 'markdown']);
    expect(result.stdout.length).toBeLessThanOrEqual(MARKDOWN_REPORT_BUDGET);
    expect(result.stdout).toContain('**1000 denied**');
    expect(result.stdout).toMatch(/_… and [\d,]+ more denied flows \(the JSON report lists them all\)\._/);
    expect(result.stdout).toMatch(/_… and [\d,]+ more fixes of denied flows/);
    // 1,000 arrows between two workloads of one namespace fold to one.
    expect(result.stdout).toContain('n_shop -.->|"denied 1000 flows"| n_shop');
  });
});
