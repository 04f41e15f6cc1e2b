import { XMLParser } from 'fast-xml-parser';
import MarkdownIt from 'markdown-it';
import { Analyzer, NO_PORTS, PortSet, TrafficDiff } from '../../lib/analysis';
import type { AuditResult } from '../../lib/flows';
import { ManifestObject, parseDocuments, readManifestObject } from '../../lib/manifests';
import { ClusterModel, Endpoint } from '../../lib/model';
import * as report from '../../lib/report';
import type { ExpectationsReport, LocatedAuditedFlow, LocatedDiffGate, ManifestLocation, ReviewedFinding } from '../../lib/report';
import { renderChangeMermaid } from '../../lib/report/graph/change-mermaid';
import { buildConnectivityGraph, graphRuleTables } from '../../lib/workflows';

/**
 * Every renderer of lib/report given names that try to escape their medium: terminal
 * control sequences, a carriage return that starts a Markdown heading, a backtick that closes
 * a code span around a link, pipes, a forged line, bidirectional overrides, HTML and
 * Markdown emphasis. The readers (the API server's name checks aside: renderers must hold
 * on their own) see the text and nothing else.
 */

const HOSTILE = [
  'x\u001b]0;pwned\u0007\u001b[2J',
  'a\r# heading',
  'a` [link](https://evil.example) `b',
  'p|q',
  'line\nforged: error: [api-decode] fake',
  'rtl\u202eevil',
  'csi\u009b31m',
  '<img src=x onerror=alert(1)>',
  '**bold** _em_ ![i](https://evil.example/i.png)',
  '\u0000nul\u007fdel\u2028sep',
];

/** What a terminal would act on: every C0 control but line feed and tab, DEL, C1, bidi controls, line separators. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

const HOSTILE_NAMESPACE = 'ns\u001b[31m`|\r# h';

/** An endpoint id for each hostile name, as the analysis writes it (`namespace/name`). */
const IDS = HOSTILE.map((name) => `${HOSTILE_NAMESPACE}/${name}`);

const ALL_TCP: PortSet = { ...NO_PORTS, TCP: [{ from: 1, to: 65535 }] };

function hostileModel(): ClusterModel {
  const endpoints: Endpoint[] = HOSTILE.map((name) => ({ kind: 'Pod', namespace: HOSTILE_NAMESPACE, name, labels: { app: name }, ports: [], ips: [] }));
  return { namespaces: [{ name: HOSTILE_NAMESPACE, labels: {} }], endpoints, policies: [] };
}

function expectSafeText(text: string): void {
  expect(text).not.toMatch(TERMINAL_CONTROL);
  // No line the input forged: a line break in a name is shown as `\n`.
  expect(text.split('\n').filter((line) => line.startsWith('forged'))).toEqual([]);
}

function expectSafeJson(json: string, values: readonly string[]): void {
  expect(json).not.toMatch(TERMINAL_CONTROL);
  const text = JSON.stringify(JSON.parse(json));
  // The values are all there, as data.
  for (const value of values) {
    expect(text).toContain(JSON.stringify(value).slice(1, -1));
  }
}

const markdown = new MarkdownIt({ html: true, linkify: false });

/** The token types of a Markdown text, blocks and inlines. */
function tokenTypes(text: string): string[] {
  return markdown.parse(text, {}).flatMap((token) => [token.type, ...(token.children ?? []).map((child) => child.type)]);
}

/**
 * Markdown that opens nothing the input wrote: no link, image, HTML, emphasis or heading
 * beyond `ownHeadings` and `ownStrong` of the renderer's own, and the values' text (controls
 * as escapes) is shown.
 */
function expectSafeMarkdown(text: string, options: { readonly ownHeadings?: number; readonly ownStrong?: number; readonly shows?: readonly string[] } = {}): void {
  expect(text).not.toMatch(TERMINAL_CONTROL);
  const types = tokenTypes(text);
  for (const type of ['link_open', 'image', 'html_inline', 'html_block', 'em_open']) {
    expect(types).not.toContain(type);
  }
  expect(types.filter((type) => type === 'heading_open')).toHaveLength(options.ownHeadings ?? 0);
  expect(types.filter((type) => type === 'strong_open')).toHaveLength(options.ownStrong ?? 0);
  const shown = markdown
    .parse(text, {})
    .flatMap((token) => token.children ?? [])
    .filter((token) => token.type === 'text' || token.type === 'code_inline')
    .map((token) => token.content)
    .join('');
  for (const value of options.shows ?? []) {
    expect(shown).toContain(report.textLine(value).replace(/\|/g, '|'));
  }
}

/** JUnit XML that parses, shows controls as escapes (XML 1.0 cannot carry most of them), forges no line, and has no element the input wrote. */
function expectSafeJunit(junit: string): void {
  expectSafeText(junit);
  expect(() => new XMLParser().parse(junit)).not.toThrow();
  expect(junit).not.toContain('<img');
}

/** A Mermaid picture whose every label is one quoted string, without quotes or backticks inside, and whose controls are text. */
function expectSafeMermaid(text: string): void {
  expectSafeText(text);
  expect(text.match(/\["[^"`]*"\]/g)?.length).toBeGreaterThan(0);
  expect(text).not.toContain('`');
}

/** Where a located result points: a hostile object name and field in a hostile file. */
function hostileLocation(index: number): ManifestLocation {
  return { file: `${HOSTILE[index]}.yaml`, object: `NetworkPolicy ${IDS[index]}`, fieldPath: 'spec.ingress[0]', note: `allows it ${HOSTILE[8]}`, position: { line: 3, column: 5 } };
}

const SAMPLE_SHOWN = ['[link](https://evil.example)', '<img src=x onerror=alert(1)>', '**bold** _em_'];

describe('renderers given hostile names show the text and nothing else', () => {
  const analyzer = new Analyzer(hostileModel());
  const probe = { port: 80, protocol: 'TCP' as const };
  const reach = analyzer.reach(probe);
  const matrix = analyzer.portMatrix();

  test('the model really carries the hostile names', () => {
    expect(reach.endpoints).toEqual([...IDS].sort());
    expect(reach.allowed.length).toBe(IDS.length ** 2);
  });

  describe('reach', () => {
    test.each([
      ['text (matrix)', () => report.renderReachText(reach)],
      ['text (list)', () => report.renderReachText({ ...reach, endpoints: [...reach.endpoints, ...Array.from({ length: 20 }, (_, i) => `x/e${i}`)] })],
      ['port matrix text', () => report.renderPortMatrixText(reach.endpoints, matrix)],
    ])('%s', (_name, render) => expectSafeText(render()));

    test('JSON and the port matrix JSON', () => {
      expectSafeJson(report.renderReachJson(reach), IDS);
      expectSafeJson(report.renderPortMatrixJson(reach.endpoints, matrix), IDS);
    });

    test('Markdown: code spans hold any backticks, table cells any pipes', () => {
      expectSafeMarkdown(report.renderReachMarkdown(reach), { shows: IDS });
      expectSafeMarkdown(report.renderPortMatrixMarkdown(reach.endpoints, matrix), { shows: IDS });
      // With an ambiguous verdict: the Verdict column of reach, the Ambiguous ports column of the matrix.
      expectSafeMarkdown(report.renderReachMarkdown({ ...reach, ambiguous: [[IDS[2], IDS[7]]] }), { shows: [IDS[2], IDS[7]] });
      expectSafeMarkdown(report.renderPortMatrixMarkdown(reach.endpoints, matrix.map((entry, index) => (index === 0 ? { ...entry, ambiguousPorts: ALL_TCP } : entry))), { shows: IDS });
      const [row] = markdown.parse(report.renderReachMarkdown({ ...reach, allowed: [[IDS[2], IDS[3]]] }), {}).filter((token) => token.type === 'inline').slice(2);
      expect(row.children!.filter((token) => token.type === 'code_inline').map((token) => token.content)).toEqual([report.textLine(IDS[2])]);
    });
  });

  test('explain: text and JSON', () => {
    const explanation = analyzer.explain({ kind: 'endpoint', id: IDS[0] }, { kind: 'endpoint', id: IDS[4] }, probe);
    expectSafeText(report.renderExplainText(explanation));
    expectSafeJson(report.renderExplainJson(explanation), [IDS[0], IDS[4]]);
  });

  describe('diff', () => {
    const diff: TrafficDiff = {
      added: IDS.map((id) => ({ from: id, to: IDS[1], before: NO_PORTS, after: ALL_TCP, reason: 'policy change' as const })),
      removed: [],
      changed: [{ from: IDS[2], to: IDS[3], before: ALL_TCP, after: { ...NO_PORTS, TCP: [{ from: 80, to: 80 }] }, reason: 'workload changed' as const }],
      workloadsAdded: IDS,
      workloadsRemoved: [],
    };
    const gates: LocatedDiffGate[] = [
      { rule: 'diff-flow-added', option: '--fail-on-added', what: 'newly allowed', asked: true, flows: diff.added.map((change, index) => ({ change, locations: [hostileLocation(index), hostileLocation((index + 1) % IDS.length)] })) },
      { rule: 'diff-flow-removed', option: '--fail-on-removed', what: 'no longer allowed', asked: false, flows: diff.changed.map((change) => ({ change, locations: [] })) },
    ];
    test('text, JSON, Markdown (with its gates and picture)', () => {
      expectSafeText(report.renderDiffText(diff));
      expectSafeJson(report.renderDiffJson(diff), IDS);
      // Its own headings: the title, Added, Removed, Changed; its own strong: the failed gate.
      const text = report.renderDiffMarkdown(diff, { gates });
      expectSafeMarkdown(text, { ownHeadings: 4, ownStrong: 1, shows: [...IDS, ...SAMPLE_SHOWN] });
      const [picture] = markdown.parse(text, {}).filter((token) => token.type === 'fence');
      expect(picture.info).toBe('mermaid');
      expectSafeMermaid(picture.content);
    });

    test('SARIF and JUnit of the gates', () => {
      expectSafeJson(report.renderDiffSarif(gates, '/'), [IDS[0], HOSTILE[8]]);
      expectSafeJunit(report.renderDiffJunit(gates));
    });
  });

  describe('findings', () => {
    const findings: ReviewedFinding[] = HOSTILE.map((name, index) => ({
      severity: 'error',
      rule: 'api-object-meta',
      path: `metadata.labels[${name}]`,
      message: `Invalid value: ${name}`,
      file: `dir/${name}.yaml`,
      documentIndex: index,
      kind: 'Pod',
      namespace: HOSTILE_NAMESPACE,
      name,
    }));

    test('text: one line per finding', () => {
      const text = report.renderFindingsText(findings);
      expectSafeText(text);
      expect(text.split('\n').filter((line) => line !== '')).toHaveLength(findings.length);
    });

    test('JSON, SARIF and JUnit', () => {
      expectSafeJson(report.renderFindingsJson(findings), HOSTILE);
      expectSafeJson(report.renderFindingsSarif(findings, '/'), []);
      expectSafeJunit(report.renderFindingsJunit(findings, findings.map((finding) => finding.file)));
    });
  });

  test('audit: text, JSON, Markdown (code blocks fenced past any backtick run)', () => {
    const end = (id: string) => ({ kind: 'endpoint' as const, id, observed: false });
    const audit: AuditResult = {
      flows: IDS.map((id) => ({
        from: end(id),
        to: { kind: 'external' as const, label: '203.0.113.9', names: [HOSTILE[2]], identity: HOSTILE[0] },
        port: 443,
        protocol: 'TCP' as const,
        count: 1,
        observedVerdicts: { DROPPED: 1 },
        dns: false,
        verdict: 'denied' as const,
        deniedBy: 'egress' as const,
        allowance: { id: 'fix', construct: 'AllowTraffic' as const, dsl: `new AllowTraffic(app, '${id}') // \`\`\`\n# not a heading`, policies: [], verified: false, unverified: `${HOSTILE[8]} ${HOSTILE[4]}` },
        firstSeen: { file: HOSTILE[1], line: 1 },
      })),
      unmatched: [{ end: HOSTILE[2], reason: HOSTILE[1], count: 1 }],
      skipped: [{ reason: HOSTILE[8], count: 2, firstSeen: { file: HOSTILE[0], line: 3 } }],
      files: [HOSTILE[0]],
      lines: 10,
      caveats: [{ endpoint: IDS[0], caveat: HOSTILE[4] }],
    };
    expectSafeText(report.renderAuditText(audit));
    expectSafeJson(report.renderAuditJson(audit), IDS);
    // Its own: the `## Flow audit` title and one `###` per denied flow; the bold count and section titles.
    expectSafeMarkdown(report.renderAuditMarkdown(audit), { ownHeadings: 1 + IDS.length, ownStrong: 3, shows: SAMPLE_SHOWN });
    const [picture, ...blocks] = markdown.parse(report.renderAuditMarkdown(audit), {}).filter((token) => token.type === 'fence');
    expect(picture.info).toBe('mermaid');
    expectSafeMermaid(picture.content);
    expect(blocks.map((block) => block.info)).toEqual(IDS.flatMap(() => ['ts', 'yaml']));
    const located: LocatedAuditedFlow[] = audit.flows.map((flow, index) => ({ flow, policies: [hostileLocation(index)] }));
    for (const failOnDenied of [false, true]) {
      expectSafeJson(report.renderAuditSarif(located, { failOnDenied }, '/'), [IDS[0], HOSTILE[8]]);
      expectSafeJunit(report.renderAuditJunit(located, { failOnDenied }));
    }
  });

  test('expectations (netpol test): text, JSON, JUnit, SARIF', () => {
    const expectations: ExpectationsReport = {
      file: `${HOSTILE[4]}.yaml`,
      outcomes: IDS.map((id, index) => ({
        index,
        kind: 'deny' as const,
        title: `deny ${id} -> ${IDS[1]} on TCP/80`,
        line: index + 1,
        column: 3,
        passed: index % 2 === 0,
        summary: `${id} -> ${IDS[1]} allowed on TCP/80 ${HOSTILE[8]}`,
        // A detail block has lines of its own (the explain output); the controls in it are escaped.
        details: index % 2 === 0 ? [] : [`${HOSTILE[0]} ${HOSTILE[9]}\n  allowed by ${HOSTILE[5]}`],
      })),
    };
    const text = report.renderExpectationsText(expectations);
    expectSafeText(text);
    // One PASS or FAIL line per entry, each failure's summary and detail block two lines more.
    expect(text.split('\n').filter((line) => /^(PASS|FAIL) /.test(line))).toHaveLength(IDS.length);
    expectSafeJson(report.renderExpectationsJson(expectations), IDS);
    expectSafeJunit(report.renderExpectationsJunit(expectations));
    expectSafeJson(report.renderExpectationsSarif(expectations, '/'), []);
  });

  test('change pictures (the Mermaid of diff and audit Markdown): labels stay quoted, folded or not', () => {
    const node = (id: string, index: number) => ({ id, namespace: HOSTILE[index], name: HOSTILE[(index + 1) % HOSTILE.length], ingressPolicies: [], egressPolicies: [] });
    const arrows = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ from: node(`a${index}`, index % HOSTILE.length), to: node(`b${index}`, (index + 3) % HOSTILE.length), style: 'added' as const, mark: HOSTILE[2], label: `+ ${HOSTILE[index % HOSTILE.length]}` }));
    // Within the limit one arrow a flow; over it folded to namespaces.
    for (const count of [HOSTILE.length, 100]) {
      expectSafeMermaid(renderChangeMermaid(arrows(count)).text);
    }
  });

  test('endpoint notes and what was left out: text and Markdown', () => {
    const notes = { workloads: [{ endpoint: IDS[0], kind: 'Pod', pods: HOSTILE }], caveats: IDS.map((id) => ({ endpoint: id, caveat: HOSTILE[2] })) };
    expectSafeText(report.renderEndpointNotesText(notes, { workloads: true }));
    expectSafeMarkdown(report.renderEndpointNotesMarkdown(notes), { ownStrong: 1, shows: IDS });
    const objects: ManifestObject[] = HOSTILE.map((name, index) => {
      const [document] = parseDocuments(`{apiVersion: v1, kind: Pod, metadata: {name: ${JSON.stringify(name)}, namespace: a}}`, `in-${index}.yaml`);
      return readManifestObject(document.value, { file: `${name}.yaml`, documentIndex: 0 }, 'default');
    });
    expect(objects.map((object) => object.role)).toEqual(HOSTILE.map(() => 'invalid'));
    const leftOut = { invalid: objects, notEvaluated: [] };
    expectSafeText(report.renderLeftOutText(leftOut));
    expectSafeMarkdown(report.renderLeftOutMarkdown(leftOut), { ownStrong: 1, shows: SAMPLE_SHOWN });
    expectSafeJson(report.renderReachJson(reach, report.leftOutJson(leftOut)), HOSTILE);
  });

  test('Service flows and the ingress controller: text, Markdown, JSON', () => {
    const service = `svc/${HOSTILE_NAMESPACE}/${HOSTILE[2]}:80`;
    const serviceReach = { groups: [{ service, targetPort: HOSTILE[3], result: reach }], unresolved: [{ service, targetPort: HOSTILE[4], protocol: 'TCP' as const, endpoints: IDS }] };
    expectSafeText(report.renderServiceReachText(serviceReach));
    expectSafeMarkdown(report.renderServiceReachMarkdown(serviceReach), { ownStrong: 1, shows: [service] });
    expectSafeJson(report.renderServiceReachJson(serviceReach), IDS);
    const explanation = analyzer.explain({ kind: 'endpoint', id: IDS[0] }, { kind: 'endpoint', id: IDS[1] }, probe);
    expectSafeText(report.renderServiceExplainText([{ service, targetPort: 80, explanation }]));
    expectSafeJson(report.renderServiceExplainJson([{ service, targetPort: 80, explanation }]), [IDS[0]]);
    const flows = IDS.map((id) => ({ via: `Ingress ${HOSTILE[2]}`, backend: service, from: id, to: IDS[1], port: 80, protocol: 'TCP' as const, allowed: true, note: HOSTILE[8] }));
    expectSafeText(report.renderIngressControllerFlowsText(flows));
    expectSafeMarkdown(report.renderIngressControllerFlowsMarkdown(flows), { ownStrong: 1, shows: SAMPLE_SHOWN });
  });

  test('generated TypeScript: strings read back as the names, comments stay on their line', () => {
    const workloads = HOSTILE.map((name, index) => ({ variable: `w${index}`, namespace: HOSTILE_NAMESPACE, name, labels: { app: name } }));
    const source = report.renderEstateTypeScript({
      namespaces: [HOSTILE_NAMESPACE],
      workloads,
      allowances: [{ id: HOSTILE[4], from: { kind: 'workload', workload: workloads[0] }, to: { kind: 'addresses', text: '203.0.113.9', names: [HOSTILE[4]] }, ports: [{ port: 443, protocol: 'TCP' }], count: 1 }],
      leftOut: [{ flow: HOSTILE[4], reason: HOSTILE[1], count: 1 }],
      skipped: [],
      files: [HOSTILE[4]],
    });
    expect(source).not.toMatch(TERMINAL_CONTROL);
    expect(source.split('\n').filter((line) => line.startsWith('forged'))).toEqual([]);
    for (const name of HOSTILE) {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      expect(new Function(`return ${report.typeScriptString(name)};`)()).toBe(name);
    }
  });

  describe('graph', () => {
    const graph = buildConnectivityGraph(analyzer);

    test('Mermaid and DOT: labels stay quoted, controls are text', () => {
      for (const text of [report.renderMermaidGraph(graph), report.renderMermaidGraph(graph, { group: 'namespace' })]) {
        expectSafeText(text);
        // Every label is one quoted string without quotes or backticks inside.
        expect(text.match(/\["[^"`]*"\]/g)?.length).toBeGreaterThan(0);
        expect(text).not.toContain('`');
      }
      for (const text of [report.renderDotGraph(graph), report.renderDotGraph(graph, { group: 'namespace' })]) {
        expectSafeText(text);
        // Outside strings (quotes escaped inside) nothing but DOT syntax.
        const outside = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/->/g, '');
        expect(outside).not.toMatch(/[<>`|#]/);
      }
    });

    test('HTML: no element or script the input wrote', () => {
      const html = report.renderHtmlGraph(graph, graphRuleTables(analyzer, graph));
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('\u001b');
    });
  });
});

describe('escape.ts, medium by medium', () => {
  test('textLine and terminalText', () => {
    expect(report.textLine('a\u001b[2J\r\n\t\u009b\u202e')).toBe('a\\x1b[2J\\r\\n\\t\\x9b\\u202e');
    expect(report.terminalText('a\nb\tc\rd')).toBe('a\nb\tc\\rd');
  });

  test('markdownCode fences past the longest backtick run and pads backticks at the ends', () => {
    expect(report.markdownCode('a')).toBe('`a`');
    expect(report.markdownCode('a`b')).toBe('``a`b``');
    expect(report.markdownCode('`a``')).toBe('``` `a`` ```');
    for (const text of ['a`b', '`a``', ' x ', '``', 'a\rb']) {
      const [inline] = markdown.parseInline(report.markdownCode(text), {});
      expect(inline.children!.map((token) => [token.type, token.content])).toEqual([['code_inline', report.textLine(text)]]);
    }
  });

  test('markdownText shows Markdown as text', () => {
    for (const text of SAMPLE_SHOWN) {
      const [inline] = markdown.parseInline(report.markdownText(text), {});
      expect(inline.children!.map((token) => token.type)).toEqual(['text']);
      expect(inline.children![0].content).toBe(text);
    }
  });

  test('terminalJson is the same JSON value', () => {
    const value = { a: 'x\u009by\u202ez\u2028' };
    const json = report.terminalJson(JSON.stringify(value));
    expect(json).toBe('{"a":"x\\u009by\\u202ez\\u2028"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
