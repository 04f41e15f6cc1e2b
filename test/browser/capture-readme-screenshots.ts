/**
 * Regenerates the README's pictures of `netpol graph --format html` for the example app,
 * apps/graph-overview.png and apps/graph-workload.png, at 1400 px:
 *   npx ts-node test/browser/capture-readme-screenshots.ts
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Testing } from 'cdk8s';
import { chromium } from 'playwright-core';
import { defineEstate } from '../../apps/estate';
import { run } from '../../lib/cli/main';

const ROOT = path.join(__dirname, '..', '..');

async function capture(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-example-'));
  const app = Testing.app({ outdir: path.join(dir, 'dist') });
  defineEstate(app);
  app.synth();
  const html = path.join(dir, 'report.html');
  // From the app's directory, so the page is titled `netpol graph dist` as after `cdk8s synth`.
  process.chdir(dir);
  const code = await run(['graph', 'dist', '--external', '203.0.113.0/24', '--format', 'html', '-o', html]);
  if (code !== 0) {
    throw new Error(`netpol graph exited with ${code}`);
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(html).href);
    // The overview with shop opened in place and one of its arrows explained.
    await page.click('svg#overview .namespace[data-namespace="shop"]');
    await page.locator('svg#overview .edge[data-from="w:2"]').first().dispatchEvent('click');
    await page.screenshot({ path: path.join(ROOT, 'apps', 'graph-overview.png') });
    // The view of shop/api with one of the flows that reach it explained.
    await page.selectOption('#workload-select', { label: 'shop/api' });
    await page.click('#workload-view .inbound .flow[data-from="shop/web"]');
    await page.evaluate("document.getElementById('workload-section').scrollIntoView()");
    await page.screenshot({ path: path.join(ROOT, 'apps', 'graph-workload.png') });
  } finally {
    await browser.close();
  }
}

capture().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
