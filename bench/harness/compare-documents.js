'use strict';

/**
 * Compares two multi-document YAML texts as sets of documents (order-insensitive, since
 * the question is "same objects", not "same emission order"). Returns undefined when equal,
 * otherwise a short description of the first difference.
 */
function compareDocuments(leftName, leftYaml, rightName, rightYaml) {
  const left = documents(leftYaml);
  const right = documents(rightYaml);
  if (left.length !== right.length) {
    return `${leftName} has ${left.length} documents, ${rightName} has ${right.length}`;
  }
  for (let i = 0; i < left.length; i++) {
    if (left[i] !== right[i]) {
      return `first differing document (sorted order, #${i}):\n--- ${leftName}\n${left[i]}\n--- ${rightName}\n${right[i]}`;
    }
  }
  return undefined;
}

function documents(yaml) {
  return yaml
    .split(/^---$/m)
    .map((doc) => doc.trim())
    .filter((doc) => doc !== '')
    .sort();
}

module.exports = { compareDocuments };
