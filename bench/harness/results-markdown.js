'use strict';

/** The results as Markdown: one table of measurements and one of goals, for the README. */
function resultsMarkdown(results) {
  const lines = [
    '# Benchmark results',
    '',
    `Measured with \`npm run bench\` on ${results.machine.cpus} CPUs (${results.machine.cpuModel}), Node ${results.machine.node}.`,
    'Times are medians of the runs shown; peak RSS is the largest over those runs (`/usr/bin/time -v`).',
    '',
    '| Benchmark | Measurement | Size | Median (ms) | Runs | Peak RSS (MiB) | Compared with | Ratio |',
    '| --- | --- | --- | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const [name, benchmark] of Object.entries(results.benchmarks)) {
    for (const row of benchmark.rows) {
      lines.push(
        `| ${name}${benchmark.quick ? ' (quick)' : ''} | ${cell(row.measure)} | ${cell(row.size ?? sizeText(benchmark.sizes))} | ` +
          `${row.medianMs} | ${row.runs} | ${row.peakRssMiB ?? ''} | ${cell(row.baseline ?? '')} | ${row.ratio ?? ''} |`,
      );
    }
  }
  lines.push('', '| Benchmark | Goal | Value | Limit | Result |', '| --- | --- | ---: | ---: | --- |');
  for (const [name, benchmark] of Object.entries(results.benchmarks)) {
    for (const goal of benchmark.goals) {
      lines.push(
        `| ${name} | ${cell(goal.goal)} | ${goal.value} ${goal.unit} | ${goal.bound} ${goal.limit} ${goal.unit} | ${goal.pass ? 'PASS' : '**FAIL**'} |`,
      );
    }
  }
  const notes = Object.entries(results.benchmarks).flatMap(([name, benchmark]) => benchmark.notes.map((note) => `- ${name}: ${note}`));
  if (notes.length > 0) {
    lines.push('', 'Notes:', '', ...notes);
  }
  return `${lines.join('\n')}\n`;
}

function sizeText(sizes) {
  return Object.entries(sizes)
    .map(([key, value]) => `${value} ${key}`)
    .join(', ');
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

module.exports = { resultsMarkdown };
