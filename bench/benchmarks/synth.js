'use strict';

const fs = require('fs');
const path = require('path');
const { profileFailedGoals } = require('../harness/cpu-profile');
const { compareDocuments } = require('../harness/compare-documents');
const { checkGoal } = require('../harness/goal');
const { measureChildrenInTurns } = require('../harness/measure');
const { resultRow } = require('../harness/result-row');
const { round } = require('../harness/stats');
const { temporaryDir } = require('../estate/write-estate');
const { POLICY_NAMES } = require('../estate/synth-estate-plan');

const CHILD = path.join(__dirname, '..', 'children', 'synth-child.js');
/** The issue's goals: DSL / raw L1 at the largest size, per shape. */
const RATIO_LIMIT = { interleaved: 1.3, 'app-synth': 1.2 };
/**
 * Growth of the DSL's interleaved time from the smallest to the largest size, as the exponent
 * k of time ~ charts^k: 1 is linear, the whole-app pass per chart this replaced was near 2.
 */
const GROWTH_LIMIT = 1.2;

/** What each shape runs, for row labels. */
const SHAPE_TEXT = {
  interleaved: 'each chart built then chart.toJson()',
  'app-synth': 'all charts built then app.synth()',
};
/** What each build is, for row labels. */
const BUILD_TEXT = {
  dsl: 'DSL (NamespacePolicyChart)',
  raw: 'raw k8s.KubeNetworkPolicy in cdk8s Charts (baseline)',
  'raw-floor': 'raw k8s.KubeNetworkPolicy, charts render only themselves (linear floor)',
};

/** All YAML files a child wrote, concatenated in file-name order. */
function synthesizedYaml(dir) {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
    .join('---\n');
}

function sizeText(charts) {
  return `${charts} charts, ${charts * POLICY_NAMES.length} policies`;
}

/** The exponent k of time ~ charts^k: the least-squares slope of log time over log charts. */
function growthExponent(points) {
  const xs = points.map((point) => Math.log(point.charts));
  const ys = points.map((point) => Math.log(point.ms));
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  const covariance = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0);
  const variance = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return covariance / variance;
}

/**
 * synth: namespace charts of 7 constructs through the DSL against the same objects written
 * as raw `k8s.KubeNetworkPolicy`, in two shapes: rendering each chart as it is built
 * (interleaved) and `app.synth()` once. Two raw baselines run in the same run: cdk8s's own
 * Charts (whose `toJson()` resolves dependencies over and validates the whole app, so their
 * time grows quadratically), and charts that render only themselves (the linear floor). At
 * every size the three must produce the same documents before their times mean anything.
 */
function runSynth({ quick }) {
  const sizes = quick ? [25, 50, 100] : [250, 500, 1000];
  const runs = quick ? 1 : 5;
  const root = temporaryDir('synth');
  const rows = [];
  const goals = [];
  const notes = [
    'Times are measured inside the child process around building the App and rendering it (chart.toJson() per chart, or app.synth(): every construct validation, one YAML file per chart); module loading is excluded.',
    "cdk8s's Chart.toJson() is App._synthChart(), which resolves dependencies over and validates the WHOLE app (node_modules/cdk8s/lib/app.js), and app.synth() calls it once per chart: " +
      'raw L1 objects in cdk8s Charts therefore grow quadratically in both shapes, and the DSL / raw ratio falls as charts are added. ' +
      "NamespacePolicyChart renders itself with dependencies and validation confined to the chart, and the app-wide checks are an index checked per namespace, so the DSL's time is linear; " +
      "the 'linear floor' rows (the same L1 objects in charts that only render themselves, no whole-app pass) show the DSL's constant factor over building and rendering the objects alone.",
  ];
  try {
    for (const shape of ['interleaved', 'app-synth']) {
      const dslTimes = [];
      for (const charts of sizes) {
        const builds = ['dsl', 'raw', 'raw-floor'];
        const out = (build) => path.join(root, `${shape}-${build}-${charts}`);
        const measured = measureChildrenInTurns(CHILD, Object.fromEntries(builds.map((build) => [build, [shape, build, String(charts), out(build)]])), { runs });
        const outputs = Object.fromEntries(builds.map((build) => [build, synthesizedYaml(out(build))]));
        for (const build of ['raw', 'raw-floor']) {
          const difference = compareDocuments('DSL', outputs.dsl, build, outputs[build]);
          if (difference) {
            throw new Error(`synth: ${shape} at ${charts} charts: the DSL and ${build} do not produce the same YAML, so timing them means nothing.\n${difference}`);
          }
        }
        const { dsl, raw } = measured;
        const floor = measured['raw-floor'];
        const ratio = round(dsl.medianMs / raw.medianMs, 2);
        const floorRatio = round(dsl.medianMs / floor.medianMs, 2);
        console.log(
          `  ${shape}, ${sizeText(charts)}: same documents; DSL ${dsl.medianMs} ms, raw ${raw.medianMs} ms (x${ratio}), floor ${floor.medianMs} ms (x${floorRatio})`,
        );
        const size = sizeText(charts);
        rows.push(
          resultRow(`${SHAPE_TEXT[shape]}: ${BUILD_TEXT.dsl}`, dsl, { size, baseline: 'raw L1 in cdk8s Charts', ratio }),
          resultRow(`${SHAPE_TEXT[shape]}: ${BUILD_TEXT.raw}`, raw, { size }),
          resultRow(`${SHAPE_TEXT[shape]}: ${BUILD_TEXT['raw-floor']}`, floor, { size }),
          { measure: `${SHAPE_TEXT[shape]}: DSL / linear floor`, size, medianMs: dsl.medianMs, runs: dsl.runs, baseline: 'linear floor', ratio: floorRatio },
        );
        dslTimes.push({ charts, ms: dsl.medianMs, ratio });
      }
      const first = dslTimes[0];
      const last = dslTimes[dslTimes.length - 1];
      const exponent = round(growthExponent(dslTimes), 2);
      notes.push(
        `${shape}: from ${first.charts} to ${last.charts} charts (x${last.charts / first.charts}) the DSL's time grew x${round(last.ms / first.ms, 2)} ` +
          `(least-squares time ~ charts^${exponent} over ${sizes.join(', ')}); DSL / raw went ${dslTimes.map((entry) => `x${entry.ratio}`).join(', ')}.`,
      );
      const profile = { command: process.execPath, args: [CHILD, shape, 'dsl', String(last.charts)] };
      goals.push(
        checkGoal({
          goal: `${SHAPE_TEXT[shape]}: DSL / raw L1 in cdk8s Charts at ${last.charts} charts`,
          value: last.ratio,
          limit: RATIO_LIMIT[shape],
          bound: 'at most',
          unit: 'x',
          profile,
        }),
      );
      if (shape === 'interleaved') {
        goals.push(
          checkGoal({
            goal: `${SHAPE_TEXT[shape]}: DSL growth exponent k (time ~ charts^k) over ${sizes.join(', ')} charts`,
            value: exponent,
            limit: GROWTH_LIMIT,
            bound: 'at most',
            unit: '',
            profile,
          }),
        );
      }
    }
    return { sizes: { charts: sizes[sizes.length - 1], constructsPerChart: POLICY_NAMES.length }, rows, goals, profiles: profileFailedGoals(goals), notes };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

module.exports = { name: 'synth', run: runSynth };
