'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { PROFILES_DIR, ROOT } = require('./paths');
const { round } = require('./stats');

/**
 * Runs a Node command once under `--cpu-prof` and summarises where its time went: self time
 * per file and per function, largest first. `target` is { command, args, cwd, env } where
 * command must be the node binary. The raw profile is kept as PROFILES_DIR/<name>.cpuprofile
 * (open it in Chrome DevTools or speedscope).
 */
function profileNodeCommand(target, name) {
  if (target.command !== process.execPath) {
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-prof-'));
  try {
    const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...target.args], {
      cwd: target.cwd,
      env: target.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const files = fs.readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
    if (files.length === 0) {
      return { error: `no profile written (exit ${child.status}): ${(child.stderr ?? '').slice(0, 500)}` };
    }
    // The largest profile is the process doing the work (a CLI may spawn helpers).
    const largest = files.map((file) => path.join(dir, file)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    const kept = path.join(PROFILES_DIR, `${name}.cpuprofile`);
    fs.mkdirSync(PROFILES_DIR, { recursive: true });
    fs.copyFileSync(largest, kept);
    return { file: path.relative(ROOT, kept), ...summarise(JSON.parse(fs.readFileSync(largest, 'utf8'))) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function summarise(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map();
  const byFile = new Map();
  let totalMicros = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id).callFrame;
    if (frame.functionName === '(idle)') {
      continue; // waiting for I/O is not CPU time
    }
    const file = displayFile(frame.url);
    const fn = functionKey(frame);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    byFile.set(file, (byFile.get(file) ?? 0) + micros);
    totalMicros += micros;
  }
  const projectInclusive = inclusiveProjectTime(profile, byId, selfMicros);
  const top = (map, count) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, count)
      .map(([name, micros]) => ({ name, ms: round(micros / 1000), percent: round((100 * micros) / totalMicros) }));
  return {
    totalMs: round(totalMicros / 1000),
    files: top(byFile, 12),
    functions: top(byFunction, 20),
    projectInclusive: top(projectInclusive, 15),
  };
}

function functionKey({ functionName, url, lineNumber }) {
  const file = displayFile(url);
  return `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
}

/**
 * Inclusive time (self plus callees) of the project's own compiled functions (build/), each
 * counted once per sample even when recursive: this is what says which of our functions
 * drive the library time that self time shows.
 */
function inclusiveProjectTime(profile, byId, selfMicros) {
  const parentOf = new Map();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parentOf.set(child, node.id);
    }
  }
  const inclusive = new Map();
  for (const [id, micros] of selfMicros) {
    const seen = new Set();
    for (let current = id; current !== undefined; current = parentOf.get(current)) {
      const frame = byId.get(current).callFrame;
      if (displayFile(frame.url).startsWith('build/')) {
        seen.add(functionKey(frame));
      }
    }
    for (const key of seen) {
      inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
    }
  }
  return inclusive;
}

function displayFile(url) {
  if (!url) {
    return '(native / vm)';
  }
  const file = url.startsWith('file://') ? url.slice('file://'.length) : url;
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
}

/** The command as a reader can rerun it: repository paths relative, temporary dirs abbreviated. */
function displayCommand(args) {
  const shown = args.map((arg) =>
    arg.startsWith(ROOT) ? path.relative(ROOT, arg) : arg.replace(/^.*\/netpol-bench-[a-z0-9-]+-[A-Za-z0-9]{6}\//, '<generated estate>/'),
  );
  return `node ${shown.join(' ')}`;
}

/** PROFILE.md: one section per failed goal of this run with its profile summary, in run order. */
function profileMarkdown(failures) {
  const lines = ['# Profiles of failed benchmark goals', ''];
  if (failures.length === 0) {
    lines.push('Every goal of this run passed; nothing to profile.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    'Written by `npm run bench` for each goal that failed: one run under `node --cpu-prof`,',
    'self time (time spent in the function itself, not its callees) by file and by function,',
    'and the time of the project\'s own functions including what they call.',
    '',
  );
  for (const { benchmark, goal, command, summary } of failures) {
    lines.push(`## ${benchmark}: ${goal.goal}`, '');
    lines.push(`Measured ${goal.value} ${goal.unit}, goal ${goal.bound} ${goal.limit} ${goal.unit}.`, '');
    lines.push(`Command: \`${command}\``, '');
    if (!summary) {
      lines.push('Not profiled (not a Node process).', '');
      continue;
    }
    if (summary.error) {
      lines.push(`Profiling failed: ${summary.error}`, '');
      continue;
    }
    lines.push(`Sampled CPU time: ${summary.totalMs} ms. Raw profile: \`${summary.file}\`.`, '', '| File | Self ms | % |', '| --- | ---: | ---: |');
    for (const entry of summary.files) {
      lines.push(`| ${entry.name} | ${entry.ms} | ${entry.percent} |`);
    }
    lines.push('', '| Function | Self ms | % |', '| --- | ---: | ---: |');
    for (const entry of summary.functions) {
      lines.push(`| \`${entry.name}\` | ${entry.ms} | ${entry.percent} |`);
    }
    lines.push('', '| Project function (build/), inclusive of callees | Total ms | % |', '| --- | ---: | ---: |');
    for (const entry of summary.projectInclusive) {
      lines.push(`| \`${entry.name}\` | ${entry.ms} | ${entry.percent} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Profiles every failed goal that names a Node command; call it while the goal's inputs
 * (temporary estates) still exist.
 */
function profileFailedGoals(goals) {
  const summaries = new Map();
  const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return goals
    .filter((goal) => !goal.pass && goal.profile)
    .map((goal) => {
      const key = goal.profile.args.join(' ');
      if (!summaries.has(key)) {
        console.log(`  profiling: ${displayCommand(goal.profile.args)}`);
        summaries.set(key, profileNodeCommand(goal.profile, slug(goal.goal)));
      }
      return { goal, summary: summaries.get(key) };
    });
}

module.exports = { profileNodeCommand, profileFailedGoals, profileMarkdown, displayCommand };
