'use strict';

const fs = require('fs');
const path = require('path');
const { profileFailedGoals } = require('../harness/cpu-profile');
const { compareDocuments } = require('../harness/compare-documents');
const { checkGoal } = require('../harness/goal');
const { measureChild, runMeasured } = require('../harness/measure');
const { resultRow } = require('../harness/result-row');
const { round } = require('../harness/stats');
const { temporaryDir } = require('../estate/write-estate');
const { POLICY_NAMES } = require('../estate/synth-estate-plan');

const CHILD = path.join(__dirname, '..', 'children', 'synth-child.js');

/**
 * synth: N namespace charts x 7 constructs through the DSL (validation at synth included)
 * against the same objects written as raw `k8s.KubeNetworkPolicy`. The two must synthesize
 * the same documents before anything is timed.
 */
function runSynth({ quick }) {
  const charts = quick ? 200 : 1000;
  const runs = quick ? 1 : 3;
  const dir = temporaryDir('synth');
  try {
    const dslFile = path.join(dir, 'dsl.yaml');
    const rawFile = path.join(dir, 'raw.yaml');
    runMeasured(process.execPath, [CHILD, 'dsl', String(charts), dslFile]);
    runMeasured(process.execPath, [CHILD, 'raw', String(charts), rawFile]);
    const difference = compareDocuments('DSL', fs.readFileSync(dslFile, 'utf8'), 'raw', fs.readFileSync(rawFile, 'utf8'));
    if (difference) {
      throw new Error(`synth: the DSL and the raw objects do not synthesize the same YAML, so timing them means nothing.\n${difference}`);
    }
    console.log(`  checked: DSL and raw synthesize the same ${charts * POLICY_NAMES.length} documents`);

    const dsl = measureChild(CHILD, ['dsl', String(charts)], { runs });
    const raw = measureChild(CHILD, ['raw', String(charts)], { runs });
    const ratio = round(dsl.medianMs / raw.medianMs, 2);
    const sizes = { charts, constructsPerChart: POLICY_NAMES.length, documents: charts * POLICY_NAMES.length };
    console.log(`  DSL ${dsl.medianMs} ms, raw ${raw.medianMs} ms (build + synthYaml, in-process, median of ${runs})`);
    const goals = [
      checkGoal({
        goal: 'DSL / raw synth time',
        value: ratio,
        limit: 1.2,
        bound: 'at most',
        unit: 'x',
        profile: { command: process.execPath, args: [CHILD, 'dsl', String(charts)] },
      }),
    ];
    return {
      sizes,
      rows: [
        resultRow('DSL build + synthYaml', dsl, { baseline: 'raw L1', ratio }),
        resultRow('raw k8s.KubeNetworkPolicy build + synthYaml (baseline)', raw),
      ],
      goals,
      profiles: profileFailedGoals(goals),
      notes: [
        'Times are measured inside the child process around building the App and app.synthYaml() (which runs every construct validation); module loading is excluded and reported as process time.',
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { name: 'synth', run: runSynth };
