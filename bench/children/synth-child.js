'use strict';

/**
 * Child process of the synth benchmark: `node synth-child.js dsl|raw CHARTS [OUT_FILE]`.
 * Builds the estate with the DSL or with raw L1 objects, synthesizes it to YAML in memory
 * (cdk8s runs every construct validation on the way), and prints `{"ms": ..., "documents": ...}`
 * timing only the build and the synthesis (module loading is the cli-start benchmark's topic).
 */

const fs = require('fs');
const { App } = require('cdk8s');
const { BUILD } = require('../harness/paths');
const { buildDslEstate } = require('../estate/synth-estate-dsl');
const { buildRawEstate } = require('../estate/synth-estate-raw');

const [mode, chartsText, outFile] = process.argv.slice(2);
const charts = Number(chartsText);
if (!['dsl', 'raw'].includes(mode) || !Number.isInteger(charts) || charts < 1) {
  console.error('usage: synth-child.js dsl|raw CHARTS [OUT_FILE]');
  process.exit(2);
}
const lib = mode === 'dsl' ? require(BUILD) : undefined;

const started = process.hrtime.bigint();
const app = new App({ outdir: fs.mkdtempSync('/tmp/netpol-bench-synth-out-') });
if (lib) {
  buildDslEstate(lib, app, charts);
} else {
  buildRawEstate(app, charts);
}
const yaml = app.synthYaml();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
fs.rmSync(app.outdir, { recursive: true, force: true });

if (outFile) {
  fs.writeFileSync(outFile, yaml);
}
const documents = yaml.split(/^---$/m).filter((doc) => doc.trim() !== '').length;
console.log(JSON.stringify({ ms, documents }));
