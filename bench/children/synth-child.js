'use strict';

/**
 * Child process of the synth benchmark: `node synth-child.js dsl|raw CHARTS [OUT_DIR]`.
 * Builds the estate with the DSL or with raw L1 objects and runs `app.synth()` (what
 * `cdk8s synth` runs: every construct validation, one YAML file per chart) into OUT_DIR (kept)
 * or a temporary directory (removed). Prints `{"ms": ...}`, timing only the build and the
 * synthesis (module loading is the cli-start benchmark's topic).
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { App } = require('cdk8s');
const { BUILD } = require('../harness/paths');
const { buildDslEstate } = require('../estate/synth-estate-dsl');
const { buildRawEstate } = require('../estate/synth-estate-raw');

const [mode, chartsText, outDir] = process.argv.slice(2);
const charts = Number(chartsText);
if (!['dsl', 'raw'].includes(mode) || !Number.isInteger(charts) || charts < 1) {
  console.error('usage: synth-child.js dsl|raw CHARTS [OUT_DIR]');
  process.exit(2);
}
const lib = mode === 'dsl' ? require(BUILD) : undefined;
const outdir = outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-synth-out-'));

const started = process.hrtime.bigint();
const app = new App({ outdir });
if (lib) {
  buildDslEstate(lib, app, charts);
} else {
  buildRawEstate(app, charts);
}
app.synth();
const ms = Number(process.hrtime.bigint() - started) / 1e6;

if (!outDir) {
  fs.rmSync(outdir, { recursive: true, force: true });
}
console.log(JSON.stringify({ ms }));
