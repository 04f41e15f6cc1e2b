import type { PortMatrixEntry } from '../analysis/analyzer';
import { formatPortSet } from '../analysis/port-set';

/** One flow as JSON: the readable port text and the exact ranges per protocol. */
export function portFlowJson(flow: PortMatrixEntry): object {
  return { from: flow.from, to: flow.to, ports: formatPortSet(flow.ports), ranges: flow.ports };
}
