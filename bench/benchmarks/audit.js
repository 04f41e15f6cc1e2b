'use strict';

const fs = require('fs');
const path = require('path');
const { profileFailedGoals } = require('../harness/cpu-profile');
const { checkGoal } = require('../harness/goal');
const { measureCommand } = require('../harness/measure');
const { CLI } = require('../harness/paths');
const { resultRow } = require('../harness/result-row');
const { round } = require('../harness/stats');
const { analyzeEstate, analyzeEstateSizes } = require('../estate/analyze-estate');
const { temporaryDir, writeEstate } = require('../estate/write-estate');
const { writeFlows } = require('../estate/write-flows');

const CHILD = path.join(__dirname, '..', 'children', 'parse-flows-child.js');
const FLOOR_RATIO_LIMIT = 2;
const RSS_LIMIT_MIB = 300;
const NAMESPACES = 50;

function plan(quick) {
  return quick ? { flows: 100_000, runs: 1 } : { flows: 1_000_000, runs: 2 };
}

/**
 * audit: `netpol audit` of a Hubble export (jsonpb lines) against the parse floor, reading
 * the same file line by line with JSON.parse alone, measured in the same run; both whole
 * processes under /usr/bin/time (peak RSS).
 */
function runAudit({ quick }) {
  const { flows, runs } = plan(quick);
  const root = temporaryDir('audit');
  try {
    const dir = writeEstate(analyzeEstate(NAMESPACES), path.join(root, 'estate'));
    const file = path.join(root, 'flows.jsonl');
    const bytes = writeFlows(file, flows, NAMESPACES);
    const { endpoints, policies } = analyzeEstateSizes(NAMESPACES);
    const size = `${flows.toLocaleString('en-US')} flow lines (${round(bytes / 1048576)} MiB), ${NAMESPACES} ns, ${endpoints} endpoints, ${policies} policies`;
    console.log(`  ${size}`);

    const floor = measureCommand(process.execPath, [CHILD, file], { runs });
    const parsed = JSON.parse(floor.stdout);
    if (parsed.lines !== flows) {
      throw new Error(`audit: the parse floor read ${parsed.lines} lines, ${flows} were written`);
    }
    console.log(`  floor: readline + JSON.parse ${floor.medianMs} ms, ${floor.peakRssMiB} MiB`);
    const args = [CLI, 'audit', dir, '--flows', file, '--format', 'json', '--quiet'];
    const audit = measureCommand(process.execPath, args, { runs });
    const summary = JSON.parse(audit.stdout).summary;
    const ratio = round(audit.medianMs / floor.medianMs, 2);
    console.log(`  netpol audit: ${audit.medianMs} ms, ${ratio}x floor, ${audit.peakRssMiB} MiB; ${summary.groups} groups, ${summary.denied} denied`);
    const profile = { command: process.execPath, args };
    const goals = [
      checkGoal({ goal: 'netpol audit / parse floor', value: ratio, limit: FLOOR_RATIO_LIMIT, bound: 'at most', unit: 'x', profile }),
      checkGoal({ goal: 'netpol audit peak RSS', value: audit.peakRssMiB, limit: RSS_LIMIT_MIB, bound: 'at most', unit: 'MiB', profile }),
    ];
    return {
      sizes: { flows, bytes, namespaces: NAMESPACES, endpoints, policies },
      rows: [
        resultRow('readline + JSON.parse per line (parse floor)', floor, { size, note: `heap ${round(parsed.heapUsedMiB)} MiB at the end` }),
        resultRow('netpol audit --flows FILE --format json', audit, { size, baseline: 'parse floor', ratio, note: `${summary.groups} groups, ${summary.denied} denied` }),
      ],
      goals,
      profiles: profileFailedGoals(goals),
      notes: [
        'Whole processes: netpol audit also starts, reads and validates the estate, judges the groups and prints JSON.',
        'The file is streamed (readline over a file stream); peak RSS is the kernel\'s maximum resident set (/usr/bin/time -v).',
      ],
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

module.exports = { name: 'audit', run: runAudit };
