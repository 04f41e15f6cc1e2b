'use strict';

/**
 * A performance goal checked against a measured value: `value <= limit` ('at most') or
 * `value >= limit` ('at least'). Prints PASS/FAIL as it is checked.
 *
 * profile: optional { command, args, cwd, env } to profile with --cpu-prof when it fails.
 */
function checkGoal({ goal, value, limit, bound, unit, profile }) {
  const pass = bound === 'at least' ? value >= limit : value <= limit;
  const verdict = pass ? 'PASS' : 'FAIL';
  console.log(`  ${verdict}  ${goal}: ${value} ${unit} (${bound} ${limit} ${unit})`);
  return { goal, value, limit, bound, unit, pass, profile };
}

module.exports = { checkGoal };
