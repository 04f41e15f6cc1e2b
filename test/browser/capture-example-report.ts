/**
 * Regenerates apps/example-report.png, the README's picture of `netpol graph --format html`:
 *   npx cdk8s synth --no-check-upgrade && npx ts-node test/browser/capture-example-report.ts
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium } from 'playwright-core';
import { run } from '../../lib/cli/main';

const ROOT = path.join(__dirname, '..', '..');

async function capture(): Promise<void> {
  const html = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-example-')), 'report.html');
  process.chdir(ROOT);
  const code = await run(['graph', 'dist', '--external', '203.0.113.0/24', '--format', 'html', '-o', html]);
  if (code !== 0) {
    throw new Error(`netpol graph exited with ${code}; run \`npx cdk8s synth --no-check-upgrade\` first`);
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(pathToFileURL(html).href);
  await page.dispatchEvent('svg .edge[data-from="shop/api"][data-to="shop/postgres"]', 'click');
  await page.screenshot({ path: path.join(ROOT, 'apps', 'example-report.png'), fullPage: true });
  await browser.close();
}

capture().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
