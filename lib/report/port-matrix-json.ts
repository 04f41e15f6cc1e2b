import type { PortMatrixEntry } from '../analysis/analyzer';
import { portFlowJson } from './port-flow-json';

/** `{"endpoints": [...], "allowed": [{from, to, ports, ranges}]}` for pairs that allow something. */
export function renderPortMatrixJson(endpoints: readonly string[], flows: readonly PortMatrixEntry[]): string {
  return JSON.stringify({ endpoints, allowed: flows.map(portFlowJson) }, null, 2) + '\n';
}
