'use strict';

const fs = require('fs');
const path = require('path');
const { profileFailedGoals } = require('../harness/cpu-profile');
const { checkGoal } = require('../harness/goal');
const { measureCommand } = require('../harness/measure');
const { CLI } = require('../harness/paths');
const { resultRow } = require('../harness/result-row');
const { round } = require('../harness/stats');
const { temporaryDir } = require('../estate/write-estate');
const { writeAliasFanOut, writeOpenPods, writeTinyDocuments } = require('../estate/write-hostile');

const TIME_LIMIT_MS = 10_000;
const RSS_LIMIT_MIB = 1024;

/**
 * The hostile inputs of issue #15, each run through netpol as a user would: what it must end
 * with (a refusal naming the flag that raises the limit passed, or the right answer) is checked
 * on every run; the goals are its time and peak RSS.
 */
function cases(dir, quick) {
  const fanOut = path.join(dir, 'alias-fan-out.yaml');
  const fanOutBytes = writeAliasFanOut(fanOut, { peers: 20_000, aliases: 999 });
  const tiny = path.join(dir, 'tiny-documents.yaml');
  const documents = quick ? 200_000 : 1_000_000;
  const tinyBytes = writeTinyDocuments(tiny, documents);
  const pods = quick ? [4000] : [4000, 10_000];
  const podFiles = pods.map((count) => {
    const file = path.join(dir, `open-${count}.yaml`);
    return { count, file, bytes: writeOpenPods(file, count) };
  });
  const mib = (bytes) => `${round(bytes / 1048576)} MiB`;
  const refused = (flag) => ({ status: 2, check: (run) => run.stderr.includes(`raise the limit with ${flag}`), expected: `refused, naming ${flag}` });
  const counted = (endpoints) => ({
    status: 0,
    check: (run) => run.stdout.trim() === JSON.stringify({ endpoints, allowed: endpoints * endpoints }),
    expected: `{"endpoints":${endpoints},"allowed":${endpoints * endpoints}}`,
  });
  return [
    { measure: 'validate: 999 aliases to a 20,000-peer list', size: `one policy, ${mib(fanOutBytes)}`, args: ['validate', fanOut], outcome: refused('--max-yaml-nodes') },
    { measure: 'reach: 999 aliases to a 20,000-peer list', size: `one policy, ${mib(fanOutBytes)}`, args: ['reach', fanOut], outcome: refused('--max-yaml-nodes') },
    {
      measure: `validate: ${documents.toLocaleString('en-US')} tiny documents`,
      size: `${documents.toLocaleString('en-US')} ConfigMaps, ${mib(tinyBytes)}`,
      args: ['validate', tiny],
      outcome: refused('--max-documents'),
    },
    { measure: 'validate /proc/self/pagemap (0 bytes on stat, no end)', size: 'the process address space', args: ['validate', '/proc/self/pagemap'], outcome: refused('--max-input-bytes') },
    ...podFiles.flatMap(({ count, file, bytes }) => [
      {
        measure: `reach --format summary: ${count.toLocaleString('en-US')} pods, no policy`,
        size: `${count.toLocaleString('en-US')} pods, ${mib(bytes)}`,
        args: ['reach', file, '--format', 'summary'],
        outcome: counted(count),
      },
      {
        measure: `reach --port 80 --format summary: ${count.toLocaleString('en-US')} pods, no policy`,
        size: `${count.toLocaleString('en-US')} pods, ${mib(bytes)}`,
        args: ['reach', file, '--port', '80', '--format', 'summary'],
        outcome: counted(count),
      },
    ]),
  ];
}

/** hostile: the inputs that exhausted time or memory before the limits, each within 10 s and 1 GiB or refused. */
function runHostile({ quick }) {
  const runs = quick ? 1 : 3;
  const dir = temporaryDir('hostile');
  try {
    const rows = [];
    const goals = [];
    for (const { measure, size, args, outcome } of cases(dir, quick)) {
      const command = [CLI, ...args, '--quiet'];
      const measured = measureCommand(process.execPath, command, { runs, allowedStatuses: [outcome.status] });
      if (!outcome.check(measured)) {
        throw new Error(`hostile: ${measure}: expected ${outcome.expected}, got ${JSON.stringify((measured.stdout || measured.stderr).slice(0, 300))}`);
      }
      console.log(`  ${measure}: ${measured.medianMs} ms, ${measured.peakRssMiB} MiB (${outcome.expected})`);
      rows.push(resultRow(measure, measured, { size, note: outcome.expected }));
      const profile = { command: process.execPath, args: command };
      goals.push(
        checkGoal({ goal: `${measure}: time`, value: measured.medianMs, limit: TIME_LIMIT_MS, bound: 'at most', unit: 'ms', profile }),
        checkGoal({ goal: `${measure}: peak RSS`, value: measured.peakRssMiB, limit: RSS_LIMIT_MIB, bound: 'at most', unit: 'MiB', profile }),
      );
    }
    return {
      sizes: {},
      rows,
      goals,
      profiles: profileFailedGoals(goals),
      notes: [
        'Whole processes with the default limits; each run is checked to end as noted (refused with exit 2 naming the flag, or the right counts).',
        'The inputs are generated at run time (estate/write-hostile.js) and removed after.',
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { name: 'hostile', run: runHostile };
