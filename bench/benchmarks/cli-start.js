'use strict';

const fs = require('fs');
const path = require('path');
const { profileFailedGoals } = require('../harness/cpu-profile');
const { checkGoal } = require('../harness/goal');
const { measureCommand } = require('../harness/measure');
const { CLI } = require('../harness/paths');
const { resultRow } = require('../harness/result-row');
const { round } = require('../harness/stats');
const { temporaryDir } = require('../estate/write-estate');

const SMALL_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-api-to-db
  namespace: production
spec:
  podSelector:
    matchLabels:
      app: postgres
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web-api
      ports:
        - protocol: TCP
          port: 5432
`;
const GOAL_MS = 150;

/** cli-start: what `netpol` costs to start, over bare `node -e 0`. */
function runCliStart({ quick }) {
  const runs = quick ? 3 : 10;
  const dir = temporaryDir('cli-start');
  try {
    const file = path.join(dir, 'policy.yaml');
    fs.writeFileSync(file, SMALL_POLICY);
    const node = process.execPath;
    const bare = measureCommand(node, ['-e', '0'], { runs });
    const commands = [
      { measure: 'netpol --version', args: [CLI, '--version'] },
      { measure: 'netpol validate <one small file>', args: [CLI, 'validate', file] },
    ];
    const size = 'one file, 1 policy';
    const rows = [resultRow('node -e 0 (baseline)', bare, { size })];
    const goals = [];
    for (const { measure, args } of commands) {
      const measured = measureCommand(node, args, { runs });
      const overMs = round(measured.medianMs - bare.medianMs);
      rows.push(resultRow(measure, measured, { size, baseline: 'node -e 0', ratio: round(measured.medianMs / bare.medianMs, 2) }));
      goals.push(
        checkGoal({ goal: `${measure} over bare node`, value: overMs, limit: GOAL_MS, bound: 'at most', unit: 'ms', profile: { command: node, args } }),
      );
    }
    return {
      sizes: { policies: 1 },
      rows,
      goals,
      profiles: profileFailedGoals(goals),
      notes: [`Process wall time, median of ${runs} runs each.`],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { name: 'cli-start', run: runCliStart };
