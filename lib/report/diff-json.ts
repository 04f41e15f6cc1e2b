import { PolicyDiff } from '../analysis/diff';
import { portFlowJson } from './reach';

/** `{"added": [...], "removed": [...]}` with each flow's ports as text and as ranges. */
export function renderDiffJson(diff: PolicyDiff): string {
  return JSON.stringify({ added: diff.added.map(portFlowJson), removed: diff.removed.map(portFlowJson) }, null, 2) + '\n';
}
