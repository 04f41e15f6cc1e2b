'use strict';

/**
 * Child process of the synth benchmark: `node synth-child.js SHAPE BUILD CHARTS [OUT_DIR]`.
 * Builds the estate one namespace chart at a time with BUILD:
 *
 * - `dsl`: the project's DSL in NamespacePolicyCharts;
 * - `raw`: raw L1 `k8s.KubeNetworkPolicy` objects in plain cdk8s Charts (cdk8s's own
 *   `Chart.toJson()`, which resolves dependencies over and validates the whole app per chart);
 * - `raw-floor`: the same L1 objects in charts that render only their own objects (no
 *   whole-app pass): the linear floor;
 *
 * and renders it in one of two shapes:
 *
 * - `app-synth`: every chart built, then `app.synth()` (what `cdk8s synth` runs: every construct
 *   validation, one YAML file per chart) into OUT_DIR;
 * - `interleaved`: each chart rendered with `chart.toJson()` (what `Testing.synth(chart)` calls)
 *   right after it is built, as a test or a generator that renders as it goes does; the
 *   documents are written to OUT_DIR/interleaved.k8s.yaml.
 *
 * OUT_DIR is kept; without it a temporary directory is used and removed. Prints `{"ms": ...}`,
 * timing only the build and the rendering (module loading is the cli-start benchmark's topic).
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { App, Yaml } = require('cdk8s');
const { BUILD } = require('../harness/paths');
const { buildDslChart } = require('../estate/synth-estate-dsl');
const { buildRawChart } = require('../estate/synth-estate-raw');

const SHAPES = ['app-synth', 'interleaved'];
const BUILDS = {
  dsl: () => {
    const lib = require(BUILD);
    return (app, index) => buildDslChart(lib, app, index);
  },
  raw: () => buildRawChart,
  'raw-floor': () => (app, index) => buildRawChart(app, index, { selfRendering: true }),
};
const [shape, build, chartsText, outDir] = process.argv.slice(2);
const charts = Number(chartsText);
if (!SHAPES.includes(shape) || !(build in BUILDS) || !Number.isInteger(charts) || charts < 1) {
  console.error(`usage: synth-child.js ${SHAPES.join('|')} ${Object.keys(BUILDS).join('|')} CHARTS [OUT_DIR]`);
  process.exit(2);
}
const buildChart = BUILDS[build]();
const outdir = outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-synth-out-'));

const started = process.hrtime.bigint();
const app = new App({ outdir });
const rendered = [];
for (let i = 0; i < charts; i++) {
  const chart = buildChart(app, i);
  if (shape === 'interleaved') {
    rendered.push(...chart.toJson());
  }
}
if (shape === 'app-synth') {
  app.synth();
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;

if (shape === 'interleaved') {
  fs.mkdirSync(outdir, { recursive: true });
  Yaml.save(path.join(outdir, 'interleaved.k8s.yaml'), rendered);
}
if (!outDir) {
  fs.rmSync(outdir, { recursive: true, force: true });
}
console.log(JSON.stringify({ ms }));
