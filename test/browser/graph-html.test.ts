import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Testing } from 'cdk8s';
import { Browser, Page, chromium } from 'playwright-core';
import { defineEstate } from '../../apps/estate';
import { memoryIO } from '../../lib/cli/io';
import { run } from '../../lib/cli/main';
import { renderHtmlGraph } from '../../lib/report/graph/html';
import { buildConnectivityGraph } from '../../lib/workflows';
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

/** Evaluated in the page (the test's own compile has no DOM types). */
const NO_SIDEWAYS_SCROLL = 'document.documentElement.scrollWidth <= document.documentElement.clientWidth';

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
  let appFile: string;

  beforeAll(async () => {
    const analyzer = shopAnalyzer();
    const graph = buildConnectivityGraph(analyzer, { externals: [INTERNET] });
    file = path.join(tempDir(), 'report.html');
    fs.writeFileSync(file, renderHtmlGraph(graph, analyzer.ruleTables(INTERNET.addresses)));
    // The example app's page, as a user makes it: `cdk8s synth`, then `netpol graph --format html`.
    const app = Testing.app({ outdir: path.join(tempDir(), 'dist') });
    defineEstate(app);
    app.synth();
    appFile = path.join(tempDir(), 'app-report.html');
    const cli = memoryIO();
    expect(await run(['graph', app.outdir, '--format', 'html', '-o', appFile], cli.io)).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** A page at 1400 px that records console errors, page errors and every request. */
  async function openPage(pageFile = file): Promise<{ page: Page; problems: string[]; requests: string[]; url: string }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(pageFile).href;
    await page.goto(url);
    return { page, problems, requests, url };
  }

  const texts = (page: Page, selector: string, attribute: string): Promise<(string | null)[]> =>
    page.$$eval(selector, (elements, name) => elements.map((element) => element.getAttribute(name)), attribute);

  test('opens on the namespaces, opens one in place, shows a workload, explains a clicked flow', async () => {
    const { page, problems, requests, url } = await openPage();

    // The overview: one box per namespace, the outside peer, folded arrows with counts.
    expect(await texts(page, 'svg#overview .namespace', 'data-namespace')).toEqual(['monitoring', 'shop']);
    expect(await texts(page, 'svg#overview .node', 'data-id')).toEqual([INTERNET.label]);
    expect(await page.textContent('svg#overview .namespace[data-namespace="shop"]')).toContain('3 workloads, 2 flows inside');
    const folded = await page.$$eval('svg#overview .edge', (edges) => edges.map((edge) => `${edge.getAttribute('data-from')}>${edge.getAttribute('data-to')} ${edge.querySelector('text')?.textContent}`));
    expect(folded).toContain('ns:0>ns:1 3 flows');
    expect(folded).toHaveLength(5);
    // Nothing is wider than the window.
    expect(await page.evaluate(NO_SIDEWAYS_SCROLL)).toBe(true);

    // Opening shop in place: its workloads in a box, the other namespace stays folded.
    await page.click('svg#overview .namespace[data-namespace="shop"]');
    expect(await texts(page, 'svg#overview .cluster', 'data-namespace')).toEqual(['shop']);
    expect(await texts(page, 'svg#overview .node', 'data-id')).toEqual(['shop/api', 'shop/db', 'shop/web-1.v2', INTERNET.label]);
    expect(await texts(page, 'svg#overview .namespace', 'data-namespace')).toEqual(['monitoring']);
    const outer = (await page.locator('svg#overview .cluster rect').boundingBox())!;
    for (const id of ['shop/api', 'shop/db', 'shop/web-1.v2']) {
      const inner = (await page.locator(`svg#overview .node[data-id="${id}"] rect`).boundingBox())!;
      expect(inner.x).toBeGreaterThanOrEqual(outer.x);
      expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
      expect(inner.y).toBeGreaterThanOrEqual(outer.y);
      expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height);
    }

    // An arrow between two workloads explains itself, computed in the page.
    // Dispatched on the arrow itself: where the layout puts other arrows must not matter.
    await page.locator('svg#overview .edge[data-from="w:1"][data-to="w:2"] .hit').dispatchEvent('click');
    const explanation = await page.textContent('#explanation');
    expect(explanation).toContain('shop/api -> shop/db on TCP/5432: ALLOWED');
    expect(explanation).toContain('allowed by: shop/api spec.egress[0]');
    expect(explanation).toContain('allowed by: shop/db spec.ingress[0]');

    // A workload's view: who may reach it, it, whom it may reach, with ports and policies.
    await page.click('svg#overview .node[data-id="shop/db"]');
    expect(await page.getAttribute('#workload-view .workload', 'data-id')).toBe('shop/db');
    const inbound = await page.$$eval('#workload-view .inbound .flow', (flows) => flows.map((flow) => flow.textContent));
    expect(inbound).toEqual([
      'prometheusTCP 9090, UDP 8125-8126egress: not isolated · ingress: shop/allow-metrics',
      'apiTCP 5432egress: shop/api · ingress: shop/db',
    ]);
    expect(await page.$$eval('#workload-view .outbound .flow', (flows) => flows.length)).toBe(0);
    expect(await page.textContent('#workload-view .self-card')).toContain('ingress: isolated by shop/allow-metrics, shop/db, shop/default-deny');
    await page.click('#workload-view .inbound .flow[data-from="monitoring/prometheus"]');
    expect(await page.textContent('#explanation')).toContain('monitoring/prometheus -> shop/db on UDP/8125: ALLOWED');

    // Folding shop back.
    await page.click('svg#overview .cluster text');
    expect(await texts(page, 'svg#overview .namespace', 'data-namespace')).toEqual(['monitoring', 'shop']);

    // The port matrix and the isolation table are there.
    expect(await page.$$eval('#matrix-table tbody tr', (rows) => rows.length)).toBe(5);
    expect(await page.$$eval('#isolation-table tbody tr', (rows) => rows.length)).toBe(4);
    expect(await page.evaluate(NO_SIDEWAYS_SCROLL)).toBe(true);

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  }, 60_000);

  test('with admin-tier policies a click says its explanation covers only the NetworkPolicy rules; ambiguous pairs draw no arrow', async () => {
    const estate = path.join(__dirname, '..', 'fixtures', 'admin-tier', 'ambiguous-estate.yaml');
    const tieredFile = path.join(tempDir(), 'tiered.html');
    expect(await run(['graph', estate, '--format', 'html', '-o', tieredFile], memoryIO().io)).toBe(0);
    const { page, problems } = await openPage(tieredFile);
    // Namespaces a (ns:0) and b (ns:1): b/server reaches a/client; a/client -> b/server is ambiguous on every port.
    const folded = await page.$$eval('svg#overview .edge', (edges) => edges.map((edge) => `${edge.getAttribute('data-from')}>${edge.getAttribute('data-to')}`));
    expect(folded).toEqual(['ns:1>ns:0']);
    await page.locator('svg#overview .edge[data-from="ns:1"][data-to="ns:0"] .hit').dispatchEvent('click');
    const explanation = await page.textContent('#explanation');
    expect(explanation).toContain('b/server -> a/client on TCP/1: ALLOWED');
    expect(explanation).toContain('2 admin-tier policies decide flows before and after the NetworkPolicies');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test('the example app: the namespace overview and a workload view, within 1400 px', async () => {
    const { page, problems, requests, url } = await openPage(appFile);
    expect(await texts(page, 'svg#overview .namespace', 'data-namespace')).toEqual(['monitoring', 'shop', 'storefront']);
    expect(await page.textContent('svg#overview .namespace[data-namespace="shop"]')).toContain('4 workloads, 3 flows inside');
    expect(await page.textContent('svg#overview .namespace[data-namespace="monitoring"]')).toContain('1 workload, 0 flows inside');
    expect(await page.evaluate(NO_SIDEWAYS_SCROLL)).toBe(true);

    await page.click('svg#overview .namespace[data-namespace="shop"]');
    await page.click('svg#overview .node[data-id="shop/api"]');
    expect(await page.getAttribute('#workload-view .workload', 'data-id')).toBe('shop/api');
    const inbound = await page.$$eval('#workload-view .inbound .flow', (flows) => flows.map((flow) => flow.getAttribute('data-from')));
    expect(inbound).toEqual(['monitoring/prometheus', 'shop/web']);
    expect(await page.textContent('#workload-view .inbound .flow[data-from="shop/web"]')).toContain('TCP 8080');
    expect(await page.evaluate(NO_SIDEWAYS_SCROLL)).toBe(true);

    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  }, 60_000);
});
