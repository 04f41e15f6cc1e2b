#!/usr/bin/env node
'use strict';

/**
 * `npm run bench` (which builds first): runs the benchmarks, prints PASS/FAIL per goal and
 * writes bench/results.json and bench/results.md (tracked: the numbers are the result). A
 * failed goal is profiled into bench/profiles/ (ignored by git: profiles change every run):
 * the raw .cpuprofile files and their summary, PROFILE.md.
 *
 *   node bench/run.js [--only NAME[,NAME]] [--quick] [--strict]
 *
 * --only    run only these benchmarks (synth, analyze, graph, cli-start, cdk8s-synth, audit, hostile); the others'
 *           previous results are kept in the results files, as are those of a benchmark
 *           that breaks (exit status 2).
 * --quick   smaller estates and single runs, to check the harness; marked "quick" in results.
 * --strict  exit 1 when a goal fails (by default a missed goal is reported, not an error:
 *           the numbers are the result).
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { displayCommand, profileMarkdown } = require('./harness/cpu-profile');
const { CLI, PROFILES_DIR } = require('./harness/paths');
const { resultsMarkdown } = require('./harness/results-markdown');
const { sortedJson } = require('./harness/sorted-json');

const BENCHMARKS = [
  require('./benchmarks/synth'),
  require('./benchmarks/analyze'),
  require('./benchmarks/graph'),
  require('./benchmarks/cli-start'),
  require('./benchmarks/cdk8s-synth'),
  require('./benchmarks/audit'),
  require('./benchmarks/hostile'),
];
const RESULTS_JSON = path.join(__dirname, 'results.json');
const RESULTS_MD = path.join(__dirname, 'results.md');
const PROFILE_MD = path.join(PROFILES_DIR, 'PROFILE.md');

function parseArguments(argv) {
  const options = { only: undefined, quick: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--quick') {
      options.quick = true;
    } else if (argument === '--strict') {
      options.strict = true;
    } else if (argument === '--only' || argument.startsWith('--only=')) {
      const value = argument === '--only' ? argv[++i] : argument.slice('--only='.length);
      options.only = (value ?? '').split(',').filter((name) => name !== '');
    } else {
      usage(`unknown argument ${JSON.stringify(argument)}`);
    }
  }
  const known = BENCHMARKS.map((benchmark) => benchmark.name);
  for (const name of options.only ?? []) {
    if (!known.includes(name)) {
      usage(`unknown benchmark ${JSON.stringify(name)}: valid are ${known.join(', ')}`);
    }
  }
  if (options.only && options.only.length === 0) {
    usage('--only needs a benchmark name');
  }
  return options;
}

function usage(problem) {
  const names = BENCHMARKS.map((benchmark) => benchmark.name).join(', ');
  console.error(`bench: ${problem}\nusage: node bench/run.js [--only NAME[,NAME]] [--quick] [--strict]   (benchmarks: ${names})`);
  process.exit(2);
}

function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', node: process.version };
}

function previousResults() {
  try {
    const kept = JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8')).benchmarks ?? {};
    // Results written before profiles moved to bench/profiles/ carried them inline.
    return Object.fromEntries(Object.entries(kept).map(([name, { profiles, ...result }]) => [name, result]));
  } catch {
    return {};
  }
}

/** A goal as results record it: the command to profile it with is not a result. */
function withoutProfileTarget({ profile, ...goal }) {
  return goal;
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  if (!fs.existsSync(CLI)) {
    console.error(`bench: ${path.relative(process.cwd(), CLI)} is missing; run \`npm run build\` (npm run bench does)`);
    process.exit(2);
  }
  const selected = BENCHMARKS.filter((benchmark) => !options.only || options.only.includes(benchmark.name));
  const benchmarks = previousResults();
  let broken = false;
  const started = Date.now();
  // Profiles are of this run only: the previous run's would describe code that may be gone.
  fs.rmSync(PROFILES_DIR, { recursive: true, force: true });
  fs.mkdirSync(PROFILES_DIR, { recursive: true });
  const profiled = [];
  for (const benchmark of selected) {
    console.log(`\n== ${benchmark.name}${options.quick ? ' (quick)' : ''}`);
    try {
      const { profiles = [], ...result } = benchmark.run({ quick: options.quick });
      benchmarks[benchmark.name] = { ...result, quick: options.quick, goals: result.goals.map(withoutProfileTarget) };
      profiled.push(
        ...profiles.map(({ goal, summary }) => ({ benchmark: benchmark.name, goal: withoutProfileTarget(goal), command: displayCommand(goal.profile.args), summary })),
      );
    } catch (error) {
      broken = true;
      console.error(`  ERROR ${benchmark.name}: ${error.message}`);
      if (benchmarks[benchmark.name]) {
        console.error(`  (bench/results.* keep the previous results of ${benchmark.name})`);
      }
    }
  }
  const ordered = {};
  for (const { name } of BENCHMARKS) {
    if (benchmarks[name]) {
      ordered[name] = benchmarks[name];
    }
  }
  const results = { machine: machine(), benchmarks: ordered };
  fs.writeFileSync(RESULTS_JSON, sortedJson(results));
  fs.writeFileSync(RESULTS_MD, resultsMarkdown(results));
  fs.writeFileSync(PROFILE_MD, profileMarkdown(profiled));
  const goals = Object.values(ordered).flatMap((benchmark) => benchmark.goals);
  const failed = goals.filter((goal) => !goal.pass).length;
  console.log(
    `\n${goals.length - failed}/${goals.length} goals passed in ${Math.round((Date.now() - started) / 1000)} s; ` +
      `wrote bench/results.json, bench/results.md${profiled.length > 0 ? ', bench/profiles/' : ''}`,
  );
  process.exitCode = broken ? 2 : failed > 0 && options.strict ? 1 : 0;
}

main();
