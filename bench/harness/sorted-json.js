'use strict';

/** JSON with object keys sorted at every level, so the file's key order never changes. */
function sortedJson(value) {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value) {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value && typeof value === 'object') {
    const sorted = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) {
        sorted[key] = sortKeys(value[key]);
      }
    }
    return sorted;
  }
  return value;
}

module.exports = { sortedJson };
