'use strict';

const fs = require('fs');

/** The hostile inputs of issue #15, generated at run time (bench/benchmarks/hostile.js). */

/**
 * One NetworkPolicy whose first ingress rule anchors a list of `peers` pod peers and whose
 * other `aliases` rules each refer to it: a small file (about 875 KB at 20,000 peers) that
 * expands to aliases x peers peers.
 */
function writeAliasFanOut(file, { peers, aliases }) {
  const lines = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: fan-out, namespace: shop}',
    'spec:',
    '  podSelector: {}',
    '  ingress:',
    '    - from: &peers',
  ];
  for (let i = 0; i < peers; i++) {
    lines.push(`      - podSelector: {matchLabels: {app: a${i}}}`);
  }
  for (let i = 0; i < aliases; i++) {
    lines.push('    - from: *peers');
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return fs.statSync(file).size;
}

/** `count` tiny documents (a ConfigMap each, about 52 bytes), written in chunks. */
function writeTinyDocuments(file, count) {
  const fd = fs.openSync(file, 'w');
  try {
    const chunk = 10_000;
    for (let start = 0; start < count; start += chunk) {
      const parts = [];
      for (let i = start; i < Math.min(count, start + chunk); i++) {
        parts.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n---\n`);
      }
      fs.writeSync(fd, parts.join(''));
    }
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}

/** `count` Pods in one namespace, with no policy: every ordered pair is allowed. */
function writeOpenPods(file, count) {
  const parts = [];
  for (let i = 0; i < count; i++) {
    parts.push(`apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: open, labels: {app: p${i}}}\nspec: {containers: [{name: c, image: i}]}\n`);
  }
  fs.writeFileSync(file, parts.join('---\n'));
  return fs.statSync(file).size;
}

module.exports = { writeAliasFanOut, writeTinyDocuments, writeOpenPods };
