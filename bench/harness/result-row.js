'use strict';

/**
 * One line of the results table: what was measured, its median and runs, peak RSS, and
 * (optionally) the baseline it is compared with and the ratio to it.
 */
function resultRow(measure, measured, extra = {}) {
  return {
    measure,
    size: extra.size,
    medianMs: measured.medianMs,
    processMedianMs: measured.processMedianMs,
    runs: measured.runs,
    runsMs: measured.runsMs,
    peakRssMiB: measured.peakRssMiB,
    baseline: extra.baseline,
    ratio: extra.ratio,
    note: extra.note,
  };
}

module.exports = { resultRow };
