import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Browser, chromium } from 'playwright-core';
import { buildConnectivityGraph } from '../../lib/report/graph-build';
import { explainFlows } from '../../lib/report/graph-explain';
import { renderHtmlGraph } from '../../lib/report/graph-html';
import { useTempDir } from '../manifests/temp-dir';
import { INTERNET, shopAnalyzer } from '../report/graph-fixture';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED: the HTML report browser test needs Chromium at ${CHROMIUM} (CI installs Debian's chromium)`);
}
const describeInBrowser = hasChromium ? describe : describe.skip;

describeInBrowser('HTML graph page in headless Chromium', () => {
  const tempDir = useTempDir('netpol-graph-');
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    const analyzer = shopAnalyzer();
    const graph = buildConnectivityGraph(analyzer, { externals: [INTERNET] });
    file = path.join(tempDir(), 'report.html');
    fs.writeFileSync(file, renderHtmlGraph(graph, explainFlows(analyzer, graph)));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('draws namespaces, nodes and edges, requests nothing but the file, and explains a clicked edge', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));

    const url = pathToFileURL(file).href;
    await page.goto(url);

    expect(await page.$$eval('svg .namespace', (groups) => groups.map((group) => group.getAttribute('data-namespace')))).toEqual([
      'monitoring',
      'shop',
    ]);
    expect(await page.$$eval('svg .outside text', (texts) => texts.map((text) => text.textContent))).toEqual(['outside the cluster']);
    expect(await page.$$eval('svg .node', (nodes) => nodes.map((node) => node.getAttribute('data-id')))).toEqual([
      'monitoring/prometheus',
      'shop/api',
      'shop/db',
      'shop/web-1.v2',
      INTERNET.label,
    ]);
    expect(await page.$$eval('svg .node.ingress-open', (nodes) => nodes.map((node) => node.getAttribute('data-id')))).toEqual([
      'monitoring/prometheus',
    ]);
    const edges = await page.$$eval('svg .edge', (groups) =>
      groups.map((group) => `${group.getAttribute('data-from')}>${group.getAttribute('data-to')} ${group.querySelector('text')?.textContent}`),
    );
    expect(edges).toContain('shop/api>shop/db TCP 5432');
    expect(edges).toContain(`shop/web-1.v2>${INTERNET.label} TCP 443`);
    expect(edges).toHaveLength(9);

    // Every node was placed inside its group's box by the layout.
    for (const [selector, ids] of [
      ['svg .namespace[data-namespace="shop"] rect', ['shop/api', 'shop/db', 'shop/web-1.v2']],
      ['svg .outside rect', [INTERNET.label]],
    ] as const) {
      const outer = (await page.locator(selector).boundingBox())!;
      for (const id of ids) {
        const inner = (await page.locator(`svg .node[data-id="${id}"] rect`).boundingBox())!;
        expect(inner.x).toBeGreaterThanOrEqual(outer.x);
        expect(inner.y).toBeGreaterThanOrEqual(outer.y);
        expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
        expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height);
      }
    }

    await page.click('svg .edge[data-from="shop/api"][data-to="shop/db"] .hit', { force: true });
    const explanation = await page.textContent('#explanation');
    expect(explanation).toContain('shop/api -> shop/db on TCP/5432: ALLOWED');
    expect(explanation).toContain('allowed by: shop/api spec.egress[0]');
    expect(explanation).toContain('allowed by: shop/db spec.ingress[0]');
    expect(await page.$$eval('svg .edge.selected', (groups) => groups.map((group) => group.getAttribute('data-to')))).toEqual(['shop/db']);

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  }, 60_000);
});
