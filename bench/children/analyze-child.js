'use strict';

/**
 * Child process of the analyze benchmark: `node analyze-child.js DIR [--no-reference]`.
 * Loads the estate with the library (load + validate + model, untimed), then times, in
 * process, the engine (`new Analyzer(model)` plus one `reach` per probe) and the simple
 * reference evaluator from test/analysis/reference-evaluator.ts on the same probes, and
 * checks both give the same allowed pairs. Prints one JSON report; `ms` is the reference's
 * time (or the engine's with --no-reference).
 */

const path = require('path');
const { BUILD, ROOT } = require('../harness/paths');

const PROBES = [
  { port: 8080, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 9090, protocol: 'TCP' },
];

function elapsedMs(started) {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function pairsKey(pairs) {
  return pairs.map(([from, to]) => `${from}>${to}`).join('\n');
}

async function main() {
  const [dir, flag] = process.argv.slice(2);
  const withReference = flag !== '--no-reference';
  const { loadManifests, buildClusterModel } = require(path.join(BUILD, 'manifests'));
  const { Analyzer } = require(path.join(BUILD, 'analysis', 'analyzer'));
  let ReferenceEvaluator;
  if (withReference) {
    // The reference is TypeScript under test/; compile it on load, types not checked.
    require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
    ({ ReferenceEvaluator } = require(path.join(ROOT, 'test', 'analysis', 'reference-evaluator')));
  }

  const { objects } = await loadManifests([dir]);
  const { model, rejected } = buildClusterModel(objects);
  if (rejected.length > 0) {
    throw new Error(`${rejected.length} policies of the generated estate are invalid, e.g. ${JSON.stringify(rejected[0].errors[0])}`);
  }

  let started = process.hrtime.bigint();
  const analyzer = new Analyzer(model);
  const engine = PROBES.map((probe) => analyzer.reach(probe).allowed);
  const engineMs = elapsedMs(started);

  const probes = PROBES.map((probe, i) => ({ ...probe, allowed: engine[i].length }));
  let referenceMs;
  if (withReference) {
    started = process.hrtime.bigint();
    const reference = new ReferenceEvaluator(model);
    const answers = PROBES.map((probe) => reference.reach(probe));
    referenceMs = elapsedMs(started);
    answers.forEach((pairs, i) => {
      probes[i].referenceAllowed = pairs.length;
      probes[i].same = pairsKey(pairs) === pairsKey(engine[i]);
    });
  }
  const sizes = { namespaces: model.namespaces.length, endpoints: model.endpoints.length, policies: model.policies.length };
  console.log(JSON.stringify({ ms: referenceMs ?? engineMs, engineMs, referenceMs, probes, sizes }));
}

main().catch((error) => {
  console.error(`analyze-child: ${error.message}`);
  process.exit(1);
});
