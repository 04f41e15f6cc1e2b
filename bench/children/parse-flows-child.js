'use strict';

/**
 * The floor of `netpol audit --flows`: reading a flow file line by line and JSON.parse of
 * each line, nothing else. Prints { lines, ms, heapUsedMiB, rssMiB } as JSON.
 *
 *   node parse-flows-child.js FILE
 */

const fs = require('fs');
const readline = require('readline');

async function main() {
  const started = process.hrtime.bigint();
  const reader = readline.createInterface({ input: fs.createReadStream(process.argv[2]), crlfDelay: Infinity });
  let lines = 0;
  let objects = 0;
  for await (const text of reader) {
    lines++;
    if (text.trim() !== '' && typeof JSON.parse(text) === 'object') {
      objects++;
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const memory = process.memoryUsage();
  console.log(JSON.stringify({ lines, objects, ms, heapUsedMiB: memory.heapUsed / 1048576, rssMiB: memory.rss / 1048576 }));
}

main();
