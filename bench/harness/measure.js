'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { median, round } = require('./stats');

const TIME = '/usr/bin/time';
const MAX_OUTPUT = 512 * 1024 * 1024;

/** Peak RSS in MiB from `/usr/bin/time -v` output. */
function peakRssMiB(timeReport) {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(timeReport);
  if (!match) {
    throw new Error(`bench: /usr/bin/time -v printed no "Maximum resident set size" line:\n${timeReport}`);
  }
  return Number(match[1]) / 1024;
}

/**
 * Runs one child process under `/usr/bin/time -v` and returns its wall time (measured here,
 * around the spawn) and peak RSS (from the kernel's accounting via time).
 *
 * options: cwd, env, discardStdout (send stdout to /dev/null, for huge outputs),
 * allowedStatuses (default [0]).
 */
function runMeasured(command, args, options = {}) {
  const report = path.join(os.tmpdir(), `netpol-bench-time-${process.pid}.txt`);
  const stdoutFd = options.discardStdout ? fs.openSync('/dev/null', 'w') : 'pipe';
  const started = process.hrtime.bigint();
  const child = spawnSync(TIME, ['-v', '-o', report, command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', stdoutFd, 'pipe'],
    maxBuffer: MAX_OUTPUT,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (typeof stdoutFd === 'number') {
    fs.closeSync(stdoutFd);
  }
  const allowed = options.allowedStatuses ?? [0];
  if (child.error || !allowed.includes(child.status)) {
    const shown = [command, ...args].join(' ');
    throw new Error(
      `bench: \`${shown}\` exited with ${child.status ?? child.error}` +
        ` (expected ${allowed.join(' or ')}):\n${(child.stderr ?? '').slice(0, 4000)}`,
    );
  }
  const rss = peakRssMiB(fs.readFileSync(report, 'utf8'));
  fs.rmSync(report, { force: true });
  return { ms, peakRssMiB: rss, status: child.status, stdout: child.stdout ?? '', stderr: child.stderr };
}

/**
 * Runs a command `runs` times. `timeOf(run)` picks the time that counts for a run (the
 * process's wall time by default). Returns every counted time, their median, the median
 * process wall time, the worst peak RSS, and every run (stdout included).
 */
function repeatMeasured(command, args, options, timeOf = (run) => run.ms) {
  const runs = options.runs ?? 3;
  const done = [];
  for (let i = 0; i < runs; i++) {
    done.push(runMeasured(command, args, options));
  }
  return summarise(done, timeOf);
}

/** The counted times of finished runs, their median, the median wall time and the worst peak RSS. */
function summarise(done, timeOf) {
  const times = done.map(timeOf);
  return {
    runs: done.length,
    runsMs: times.map((ms) => round(ms)),
    medianMs: round(median(times)),
    processMedianMs: round(median(done.map((run) => run.ms))),
    peakRssMiB: round(Math.max(...done.map((run) => run.peakRssMiB))),
    done,
  };
}

/** Times a whole command; `stdout` and `stderr` are the last run's, for checking answers. */
function measureCommand(command, args, options = {}) {
  const { done, processMedianMs, ...measured } = repeatMeasured(command, args, options);
  const last = done[done.length - 1];
  return { ...measured, stdout: last.stdout, stderr: last.stderr ?? '' };
}

/**
 * Runs a bench child script that times its own work in-process and prints one JSON object
 * with a `ms` field; the median is of that field over fresh processes (module loading is
 * in `processMedianMs` only). `reports` holds every run's JSON report.
 */
function measureChild(script, args, options = {}) {
  const reports = [];
  const { done, ...measured } = repeatMeasured(process.execPath, [script, ...args], options, (run) => {
    const report = parseReport(script, run.stdout);
    reports.push(report);
    return report.ms;
  });
  return { ...measured, reports };
}

/**
 * measureChild for several argument lists of one script, run in turns (one run of each, then
 * the next round) so that a change in the machine's load falls on all of them alike, which
 * matters when their ratio is the result. Returns one measureChild result per key of `argsByName`.
 */
function measureChildrenInTurns(script, argsByName, options = {}) {
  const runs = options.runs ?? 3;
  const names = Object.keys(argsByName);
  const finished = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      finished[name].push(runMeasured(process.execPath, [script, ...argsByName[name]], options));
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const reports = [];
      const { done, ...measured } = summarise(finished[name], (run) => {
        const report = parseReport(script, run.stdout);
        reports.push(report);
        return report.ms;
      });
      return [name, { ...measured, reports }];
    }),
  );
}

function parseReport(script, stdout) {
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(lastLine);
  } catch {
    throw new Error(`bench: ${path.basename(script)} printed no JSON report; its stdout ended with:\n${stdout.slice(-2000)}`);
  }
}

module.exports = { runMeasured, measureCommand, measureChild, measureChildrenInTurns };
