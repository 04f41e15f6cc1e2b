import { FlowChange, formatPortSet, gainedPorts, lostPorts } from '../analysis';
import type { LocatedDiffGate, LocatedFlowChange } from './diff-gates';
import { gateFails } from './diff-gates';
import { packageVersion, sarifRule } from './findings-sarif';
import { SarifLevel, SarifResultInput, renderSarif } from './sarif';

/** `shop/web -> shop/db: TCP 5432 newly allowed (policy change)`: the ports the gate counts. */
export function gateFlowText(gate: Pick<LocatedDiffGate, 'rule' | 'what'>, change: FlowChange): string {
  const ports = gate.rule === 'diff-flow-removed' ? lostPorts(change) : gainedPorts(change);
  return `${change.from} -> ${change.to}: ${formatPortSet(ports)} ${gate.what} (${change.reason})`;
}

function result(gate: LocatedDiffGate, level: SarifLevel, { change, locations }: LocatedFlowChange): SarifResultInput {
  const [main, ...others] = locations;
  const where = main ? `; ${main.object}${main.fieldPath ? ` ${main.fieldPath}` : ''} ${main.note}` : '';
  return {
    ruleId: gate.rule,
    level,
    message: `${gateFlowText(gate, change)}${where}`,
    ...(main
      ? {
          file: main.file,
          position: main.position,
          objectPosition: main.objectPosition,
          object: main.object,
          fieldPath: main.fieldPath || undefined,
          related: others.map((other) => ({ file: other.file, position: other.position, message: `${other.object}${other.fieldPath ? ` ${other.fieldPath}` : ''} ${other.note}` })),
        }
      : { object: `flow ${change.from} -> ${change.to}` }),
  };
}

/**
 * `netpol diff --format sarif`: the three gates as rules, and one result per flow each counts,
 * located at the new side's policy rule that makes it so. A gate asked for (`--fail-on-*`)
 * writes its results as errors, one not asked for as notes: they inform the review and fail nothing.
 */
export function renderDiffSarif(gates: readonly LocatedDiffGate[], cwd?: string): string {
  const results = gates.flatMap((gate) => gate.flows.map((flow) => result(gate, gateFails(gate) ? 'error' : 'note', flow)));
  return renderSarif({ name: 'netpol', version: packageVersion() }, gates.map((gate) => sarifRule(gate.rule)), results, cwd);
}
