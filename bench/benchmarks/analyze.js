'use strict';

const fs = require('fs');
const path = require('path');
const { profileFailedGoals } = require('../harness/cpu-profile');
const { checkGoal } = require('../harness/goal');
const { measureChild, measureCommand } = require('../harness/measure');
const { CLI } = require('../harness/paths');
const { resultRow } = require('../harness/result-row');
const { median, round } = require('../harness/stats');
const { analyzeEstate, analyzeEstateSizes } = require('../estate/analyze-estate');
const { temporaryDir, writeEstate } = require('../estate/write-estate');

const CHILD = path.join(__dirname, '..', 'children', 'analyze-child.js');
const PROBE_LIMIT_MS = 1000;
const FLOOR_RATIO_LIMIT = 2;
const RSS_LIMIT_MIB = 1024;
const REFERENCE_SPEEDUP = 20;
/** The estate variant with the platform's ClusterNetworkPolicies. */
const ADMIN_TIER = { adminTier: true };

/** Sizes in application namespaces (10 Deployments, 5 policies each). */
function plan(quick) {
  return quick
    ? { main: 100, scaling: [20, 50, 100], reference: [5, 10], runs: 1 }
    : { main: 500, scaling: [50, 200, 500, 1000], reference: [10, 20], runs: 3 };
}

function sizeText(namespaces, options = {}) {
  const { endpoints, policies, adminPolicies, baselinePolicies } = analyzeEstateSizes(namespaces, options);
  const tiers = adminPolicies ? ` + ${adminPolicies} Admin and ${baselinePolicies} Baseline ClusterNetworkPolicies` : '';
  return `${namespaces} ns, ${endpoints} endpoints, ${policies} policies${tiers}`;
}

/** The three timed CLI probes of the issue; the listing's JSON is large and goes to /dev/null. */
function probes(dir) {
  return [
    {
      measure: 'reach --port 8080 --format summary',
      args: [CLI, 'reach', dir, '--port', '8080', '--format', 'summary'],
      probe: { port: 8080, protocol: 'TCP' },
    },
    {
      measure: 'reach --port 53 --protocol UDP --format summary',
      args: [CLI, 'reach', dir, '--port', '53', '--protocol', 'UDP', '--format', 'summary'],
      probe: { port: 53, protocol: 'UDP' },
    },
    { measure: 'reach (all ports) --format json > /dev/null', args: [CLI, 'reach', dir, '--format', 'json'], discardStdout: true },
  ];
}

function summaryAllowed(stdout, what) {
  try {
    return JSON.parse(stdout).allowed;
  } catch {
    throw new Error(`analyze: \`${what}\` printed no {"endpoints", "allowed"} summary:\n${stdout.slice(0, 500)}`);
  }
}

/**
 * analyze: the CLI's reach probes on a generated estate against (a) the parse + validate
 * floor (`netpol validate`) and (b) the simple reference evaluator, plus scaling.
 */
function runAnalyze({ quick }) {
  const { main, scaling, reference, runs } = plan(quick);
  const root = temporaryDir('analyze');
  try {
    const dirs = new Map();
    for (const namespaces of [...new Set([main, ...scaling, ...reference])].sort((a, b) => a - b)) {
      dirs.set(namespaces, writeEstate(analyzeEstate(namespaces), path.join(root, `ns-${namespaces}`)));
    }
    const dir = dirs.get(main);
    const rows = [];
    const goals = [];
    const notes = [
      'CLI times are whole `node build/cli/main.js` processes (start, read, parse, validate, analyse, print).',
      'The machine is shared with other work; compare ratios measured in the same run rather than absolute times across runs.',
    ];

    // (a) the floor: reading and validating the same files.
    const floor = measureCommand(process.execPath, [CLI, 'validate', dir, '--format', 'json'], { runs, discardStdout: true });
    console.log(`  floor: netpol validate ${floor.medianMs} ms (${sizeText(main)})`);
    rows.push(resultRow('netpol validate --format json (parse floor)', floor, { size: sizeText(main) }));

    // In-process engine answers at the main size, to check the CLI's counts (its probes
    // include 8080/TCP and 53/UDP, see analyze-child.js).
    const engineMain = measureChild(CHILD, [dir, '--no-reference'], { runs: 1 });
    const engineCounts = engineMain.reports[0].probes;

    /** The three CLI probes against a floor, each checked against the in-process engine's counts, with the goals. */
    const measureProbes = (estateDir, estateFloor, counts, size, label) => {
      for (const probe of probes(estateDir)) {
        const measure = `${probe.measure}${label}`;
        const measured = measureCommand(process.execPath, probe.args, { runs, discardStdout: probe.discardStdout });
        const ratio = round(measured.medianMs / estateFloor.medianMs, 2);
        console.log(`  ${measure}: ${measured.medianMs} ms, ${ratio}x floor, ${measured.peakRssMiB} MiB`);
        if (probe.probe) {
          const expected = counts.find((count) => count.port === probe.probe.port && count.protocol === probe.probe.protocol);
          const allowed = summaryAllowed(measured.stdout, measure);
          if (expected.allowed !== allowed) {
            throw new Error(`analyze: \`${measure}\` says ${allowed} allowed pairs, the library's Analyzer ${expected.allowed}`);
          }
        }
        rows.push(resultRow(measure, measured, { size, baseline: `parse floor${label}`, ratio }));
        const profile = { command: process.execPath, args: probe.args };
        goals.push(
          checkGoal({ goal: `${measure} time`, value: measured.medianMs, limit: PROBE_LIMIT_MS, bound: 'at most', unit: 'ms', profile }),
          checkGoal({ goal: `${measure} / parse floor`, value: ratio, limit: FLOOR_RATIO_LIMIT, bound: 'at most', unit: 'x', profile }),
          checkGoal({ goal: `${measure} peak RSS`, value: measured.peakRssMiB, limit: RSS_LIMIT_MIB, bound: 'at most', unit: 'MiB', profile }),
        );
      }
    };
    measureProbes(dir, floor, engineCounts, sizeText(main), '');

    // The same estate with the platform's admin tier (50 Admin policies, a Baseline default
    // deny), the same probes and goals, against its own parse floor, in the same run.
    const adminTierDir = writeEstate(analyzeEstate(main, ADMIN_TIER), path.join(root, `ns-${main}-admin-tier`));
    const adminTierSize = sizeText(main, ADMIN_TIER);
    const adminTierFloor = measureCommand(process.execPath, [CLI, 'validate', adminTierDir, '--format', 'json'], { runs, discardStdout: true });
    console.log(`  floor (admin tier): netpol validate ${adminTierFloor.medianMs} ms (${adminTierSize})`);
    rows.push(resultRow('netpol validate --format json (parse floor, admin tier)', adminTierFloor, { size: adminTierSize }));
    const adminTierEngine = measureChild(CHILD, [adminTierDir, '--no-reference'], { runs: 1 });
    measureProbes(adminTierDir, adminTierFloor, adminTierEngine.reports[0].probes, adminTierSize, ' (admin tier)');

    if (floor.medianMs > PROBE_LIMIT_MS) {
      notes.push(
        `Reading and validating the ${main}-namespace estate alone takes ${floor.medianMs} ms, over the ${PROBE_LIMIT_MS} ms probe goal: ` +
          'a probe cannot meet that goal until parsing gets faster (see bench/profiles/PROFILE.md).',
      );
    }

    // Scaling of one probe with the estate's size.
    let previous;
    for (const namespaces of scaling) {
      const measured = measureCommand(process.execPath, probes(dirs.get(namespaces))[0].args, { runs });
      const growth = previous ? round(measured.medianMs / previous.medianMs, 2) : undefined;
      const note = previous ? `size x${round(namespaces / previous.namespaces, 2)}` : undefined;
      console.log(`  scaling ${sizeText(namespaces)}: ${measured.medianMs} ms${growth ? ` (x${growth} for ${note})` : ''}`);
      rows.push(
        resultRow('scaling: reach --port 8080 --format summary', measured, {
          size: sizeText(namespaces),
          baseline: previous ? `${previous.namespaces} ns` : undefined,
          ratio: growth,
          note,
        }),
      );
      previous = { namespaces, medianMs: measured.medianMs };
    }
    const first = rows.find((row) => row.measure.startsWith('scaling'));
    const last = rows[rows.length - 1];
    const sizeFactor = scaling[scaling.length - 1] / scaling[0];
    notes.push(
      `Scaling: ${scaling[0]} -> ${scaling[scaling.length - 1]} namespaces (x${sizeFactor} endpoints and policies) ` +
        `multiplies the probe's time by x${round(last.medianMs / first.medianMs, 2)}.`,
    );

    // (b) the reference evaluator, only on small estates: it is cubic (pairs x policies).
    const referenceResults = reference.map((namespaces, i) => {
      const referenceRuns = i === reference.length - 1 ? 1 : runs;
      const measured = measureChild(CHILD, [dirs.get(namespaces)], { runs: referenceRuns });
      const engineMs = round(median(measured.reports.map((report) => report.engineMs)));
      const mismatches = measured.reports.flatMap((report) => report.probes.filter((probe) => !probe.same));
      console.log(`  reference at ${sizeText(namespaces)}: ${measured.medianMs} ms, engine ${engineMs} ms, ${mismatches.length} mismatching probes`);
      return { namespaces, measured, engineMs, mismatches };
    });
    for (const { namespaces, measured, engineMs } of referenceResults) {
      const speedup = round(measured.medianMs / engineMs, 1);
      rows.push(
        // Same processes as the reference: their RSS and process time belong to both, so none is shown.
        resultRow('engine in-process: new Analyzer + 3 reach probes', { ...measured, medianMs: engineMs, processMedianMs: undefined, peakRssMiB: undefined }, { size: sizeText(namespaces) }),
        resultRow('reference evaluator in-process: 3 reach probes', measured, {
          size: sizeText(namespaces),
          baseline: 'engine in-process',
          ratio: speedup,
          note: measured.runs === 1 ? 'single run (slow)' : undefined,
        }),
      );
    }
    const [small, large] = referenceResults;
    const exponent = Math.log(large.measured.medianMs / small.measured.medianMs) / Math.log(large.namespaces / small.namespaces);
    const extrapolatedMs = round(large.measured.medianMs * (main / large.namespaces) ** exponent, 0);
    const engineMainMs = round(engineMain.medianMs);
    rows.push(
      resultRow('engine in-process: new Analyzer + 3 reach probes', engineMain, { size: sizeText(main) }),
      {
        measure: `reference evaluator, EXTRAPOLATED (time ~ size^${round(exponent, 2)} fitted on ${small.namespaces} and ${large.namespaces} ns)`,
        size: sizeText(main),
        medianMs: extrapolatedMs,
        runs: 0,
        baseline: 'engine in-process',
        ratio: round(extrapolatedMs / engineMainMs, 0),
        note: 'extrapolated, not measured',
      },
    );
    notes.push(
      `The reference evaluator ran only up to ${large.namespaces} namespaces; its time at ${main} namespaces is extrapolated ` +
        `(exponent ${round(exponent, 2)} fitted on two sizes), not measured.`,
    );
    // The engine against the reference on the admin-tier estate too, at the smallest size.
    const tieredReferenceDir = writeEstate(analyzeEstate(reference[0], ADMIN_TIER), path.join(root, `ns-${reference[0]}-admin-tier`));
    const tieredReference = measureChild(CHILD, [tieredReferenceDir], { runs: 1 });
    const tieredMismatches = tieredReference.reports.flatMap((report) => report.probes.filter((probe) => !probe.same));
    console.log(`  reference at ${sizeText(reference[0], ADMIN_TIER)}: ${tieredMismatches.length} mismatching probes`);
    goals.push(
      checkGoal({
        goal: `engine and reference disagree on the admin-tier estate (probes 8080/TCP, 53/UDP, 9090/TCP at ${reference[0]} ns)`,
        value: tieredMismatches.length,
        limit: 0,
        bound: 'at most',
        unit: 'probes',
      }),
    );
    const mismatches = referenceResults.flatMap((result) => result.mismatches);
    goals.push(
      checkGoal({
        goal: `engine and reference disagree (probes 8080/TCP, 53/UDP, 9090/TCP at ${reference.join(' and ')} ns)`,
        value: mismatches.length,
        limit: 0,
        bound: 'at most',
        unit: 'probes',
      }),
      checkGoal({
        goal: `engine speed-up over the reference evaluator (measured at ${large.namespaces} ns)`,
        value: round(large.measured.medianMs / large.engineMs, 1),
        limit: REFERENCE_SPEEDUP,
        bound: 'at least',
        unit: 'x',
      }),
    );
    return { sizes: analyzeEstateSizes(main), rows, goals, profiles: profileFailedGoals(goals), notes };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

module.exports = { name: 'analyze', run: runAnalyze };
