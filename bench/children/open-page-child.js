'use strict';

/**
 * Child process of the graph benchmark: `node open-page-child.js FILE`. Launches headless
 * Chromium (untimed), then times opening the HTML page: from navigation until the namespace
 * overview is drawn (an SVG or the namespace list, whichever the page chose). Prints one JSON
 * report: `ms`, and the page's console and page errors.
 */

const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';
const OPEN_TIMEOUT_MS = 60_000;

async function main() {
  const [file] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const started = process.hrtime.bigint();
    await page.goto(pathToFileURL(file).href, { timeout: OPEN_TIMEOUT_MS });
    await page.waitForSelector('svg#overview > *, #tiles .tile', { timeout: OPEN_TIMEOUT_MS });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(JSON.stringify({ ms, errors }));
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
