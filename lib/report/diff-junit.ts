import { RULES } from '../validate';
import type { LocatedDiffGate } from './diff-gates';
import { gateFails } from './diff-gates';
import { plural } from './findings';
import { gateFlowText } from './diff-sarif';
import { JunitCase, junitLines, renderJunit } from './junit';
import { formatManifestLocation } from './manifest-location';

function flowLines(gate: LocatedDiffGate): string {
  return junitLines(gate.flows.flatMap(({ change, locations }) => [gateFlowText(gate, change), ...locations.map((location) => `  at ${formatManifestLocation(location)}`)]));
}

function gateCase(gate: LocatedDiffGate): JunitCase {
  const first = gate.flows.find((flow) => flow.locations[0]?.position)?.locations[0];
  const base = {
    name: `${gate.rule}: ${RULES[gate.rule].summary} (${gate.option})`,
    classname: 'netpol diff',
    ...(first ? { file: first.file, line: first.position!.line } : {}),
  };
  if (gateFails(gate)) {
    return { ...base, failure: { message: `${gate.option}: ${plural(gate.flows.length, 'flow')} ${gate.what}`, type: gate.rule, text: flowLines(gate) } };
  }
  return gate.flows.length > 0 ? { ...base, output: `${gate.option} not given; ${plural(gate.flows.length, 'flow')} ${gate.what}:\n${flowLines(gate)}` } : base;
}

/**
 * `netpol diff --format junit`: one suite, one case per gate. A gate asked for fails with its
 * flows; one not asked for passes and prints them; a gate with no flows passes.
 */
export function renderDiffJunit(gates: readonly LocatedDiffGate[]): string {
  return renderJunit('netpol diff', [{ name: 'netpol diff gates', cases: gates.map(gateCase) }]);
}
