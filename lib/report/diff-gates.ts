import type { FlowChange } from '../analysis';
import type { ManifestLocation } from './manifest-location';

/** The rule id of each gate of `netpol diff` (docs/rules/<rule>.md). */
export type DiffGateRule = 'diff-flow-added' | 'diff-flow-removed' | 'diff-flow-exposed';

/** One gate of a diff, asked for or not, with the flows it counts. */
export interface DiffGate<Flow = FlowChange> {
  /** Its rule id. */
  readonly rule: DiffGateRule;
  /** The option that asks for it, e.g. `--fail-on-added`. */
  readonly option: string;
  /** What its flows are, e.g. `newly allowed`. */
  readonly what: string;
  /** Whether the run asked for it: then its flows fail the run. */
  readonly asked: boolean;
  /** The flows it counts, in diff order. */
  readonly flows: readonly Flow[];
}

/** A flow a gate counts, with the places of the new side that make it so (the first is the main one). */
export interface LocatedFlowChange {
  readonly change: FlowChange;
  /** The policies' rules that allow it (or isolate and deny it), or the new workload; empty when none is known. */
  readonly locations: readonly ManifestLocation[];
}

/** A gate whose flows are located. */
export type LocatedDiffGate = DiffGate<LocatedFlowChange>;

/** Whether a gate fails the run: asked for, and counting some flow. */
export function gateFails(gate: DiffGate<unknown>): boolean {
  return gate.asked && gate.flows.length > 0;
}
