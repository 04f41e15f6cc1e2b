'use strict';

const fs = require('fs');
const path = require('path');
const { profileFailedGoals } = require('../harness/cpu-profile');
const { checkGoal } = require('../harness/goal');
const { measureChild, measureCommand } = require('../harness/measure');
const { CLI } = require('../harness/paths');
const { resultRow } = require('../harness/result-row');
const { round } = require('../harness/stats');
const { analyzeEstate, analyzeEstateSizes } = require('../estate/analyze-estate');
const { temporaryDir, writeEstate } = require('../estate/write-estate');

const OPEN_CHILD = path.join(__dirname, '..', 'children', 'open-page-child.js');
const CHROMIUM = '/usr/bin/chromium';
const FLOOR_RATIO_LIMIT = 2;
const RSS_LIMIT_MIB = 300;
/** "Under 5 MB", in decimal megabytes. */
const PAGE_LIMIT_MB = 5;
const OPEN_LIMIT_MS = 3000;

function plan(quick) {
  return quick ? { namespaces: 100, runs: 1 } : { namespaces: 500, runs: 3 };
}

function sizeText(namespaces) {
  const { endpoints, policies } = analyzeEstateSizes(namespaces);
  return `${namespaces} ns, ${endpoints} endpoints, ${policies} policies`;
}

/**
 * graph: `netpol graph --format html` (and `--group namespace` Mermaid) on the analyze
 * estate against `netpol validate` on the same files, measured in the same run; the page's
 * size, and the time headless Chromium takes to open it.
 */
function runGraph({ quick }) {
  const { namespaces, runs } = plan(quick);
  const root = temporaryDir('graph');
  try {
    const dir = writeEstate(analyzeEstate(namespaces), path.join(root, 'estate'));
    const page = path.join(root, 'report.html');
    const size = sizeText(namespaces);
    const rows = [];
    const goals = [];
    const notes = ['Ratios compare processes measured in the same run on the same files; the machine is shared, so absolute times vary across runs.'];

    const floor = measureCommand(process.execPath, [CLI, 'validate', dir, '--format', 'json'], { runs, discardStdout: true });
    console.log(`  floor: netpol validate ${floor.medianMs} ms (${size})`);
    rows.push(resultRow('netpol validate --format json (parse floor)', floor, { size }));

    const htmlArgs = [CLI, 'graph', dir, '--format', 'html', '-o', page];
    const html = measureCommand(process.execPath, htmlArgs, { runs });
    const htmlRatio = round(html.medianMs / floor.medianMs, 2);
    const pageMB = round(fs.statSync(page).size / 1e6, 2);
    console.log(`  graph --format html: ${html.medianMs} ms, ${htmlRatio}x floor, ${html.peakRssMiB} MiB, page ${pageMB} MB`);
    rows.push(resultRow('graph --format html -o FILE', html, { size, baseline: 'parse floor', ratio: htmlRatio, note: `page ${pageMB} MB` }));
    const profile = { command: process.execPath, args: htmlArgs };
    goals.push(
      checkGoal({ goal: 'graph --format html / parse floor', value: htmlRatio, limit: FLOOR_RATIO_LIMIT, bound: 'at most', unit: 'x', profile }),
      checkGoal({ goal: 'graph --format html peak RSS', value: html.peakRssMiB, limit: RSS_LIMIT_MIB, bound: 'at most', unit: 'MiB', profile }),
      checkGoal({ goal: 'graph --format html page size', value: pageMB, limit: PAGE_LIMIT_MB, bound: 'at most', unit: 'MB' }),
    );

    const folded = measureCommand(process.execPath, [CLI, 'graph', dir, '--group', 'namespace'], { runs, discardStdout: true });
    const foldedRatio = round(folded.medianMs / floor.medianMs, 2);
    console.log(`  graph --group namespace (mermaid): ${folded.medianMs} ms, ${foldedRatio}x floor, ${folded.peakRssMiB} MiB`);
    rows.push(resultRow('graph --group namespace (mermaid) > /dev/null', folded, { size, baseline: 'parse floor', ratio: foldedRatio }));

    if (fs.existsSync(CHROMIUM)) {
      const opened = measureChild(OPEN_CHILD, [page], { runs });
      const errors = opened.reports.flatMap((report) => report.errors);
      console.log(`  headless Chromium opens the page: ${opened.medianMs} ms, ${errors.length} console errors`);
      // The process's RSS is the bench child's, not the browser's: not shown.
      rows.push(resultRow('headless Chromium: open the page until the overview is drawn', { ...opened, peakRssMiB: undefined }, { size, note: `page ${pageMB} MB` }));
      goals.push(
        checkGoal({ goal: 'headless Chromium opens the page', value: opened.medianMs, limit: OPEN_LIMIT_MS, bound: 'at most', unit: 'ms' }),
        checkGoal({ goal: 'console and page errors while opening', value: errors.length, limit: 0, bound: 'at most', unit: 'errors' }),
      );
    } else {
      notes.push(`No Chromium at ${CHROMIUM}: the page's opening time was not measured.`);
    }
    return { sizes: analyzeEstateSizes(namespaces), rows, goals, profiles: profileFailedGoals(goals), notes };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

module.exports = { name: 'graph', run: runGraph };
