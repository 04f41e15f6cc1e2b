import { FlowChange, TrafficDiff, diffTraffic, gainedPorts, isEmptyPortSet, lostPorts } from '../analysis';
import type { ClusterModel } from '../model';
import { DiffGate, LeftOutOfAnalysis, gateFails, plural } from '../report';
import { AnalysisModelLoad, leftOutOfAnalysis } from './analysis-model';

/** Which kinds of change fail a diff (`--fail-on-*`). */
export interface DiffGates {
  /**
   * Fail when any flow is newly allowed: an added flow (new workloads' flows included) or a
   * changed one that allows a port it did not.
   * @default false
   */
  readonly failOnAdded?: boolean;
  /**
   * Fail when a flow that worked is now denied (the outage gate): a removed flow, or a changed
   * one that lost a port, between ends that exist on both sides. Flows of a removed workload
   * do not count: nothing is denied to a workload that is gone.
   * @default false
   */
  readonly failOnRemoved?: boolean;
  /**
   * Fail when anything is newly reachable from outside the cluster: a flow from the outside
   * that is added or allows a port it did not.
   * @default false
   */
  readonly failOnExposure?: boolean;
}

/** What `diffManifestSets` compares, and which changes fail it. */
export interface DiffManifestSetsOptions extends DiffGates {
  /** The state before: files, directories or `-`, as the loader reads them. */
  readonly old: readonly string[];
  /** The state after. */
  readonly new: readonly string[];
  /**
   * Addresses or networks outside the cluster that get rows of their own, besides the public
   * internet and the private ranges (`--external`).
   * @default []
   */
  readonly externals?: readonly string[];
}

/** A diff and the gates it fails. */
export interface DiffOutcome {
  readonly diff: TrafficDiff;
  /** One line per failing gate, naming the option, what it counted and its rule; empty when none fails. */
  readonly failedGates: readonly string[];
  /** Every gate, asked for or not, with its flows (the SARIF and JUnit reports list them all). */
  readonly gates: readonly DiffGate[];
  /** The two sides as analysed: the reports locate each flow at the policies of `after`. */
  readonly models: { readonly before: ClusterModel; readonly after: ClusterModel };
  /** What neither side's answer includes: objects left out as invalid, kinds not evaluated (both sides, in order). */
  readonly leftOut: LeftOutOfAnalysis;
}

/** Reads one side for analysis (lib/workflows loadAnalysisModel over the files it names). */
export type ModelLoader = (paths: readonly string[]) => Promise<AnalysisModelLoad>;

/** Flows that allow something they did not before. */
export function newlyAllowed(diff: TrafficDiff): FlowChange[] {
  return [...diff.added, ...diff.changed.filter((change) => !isEmptyPortSet(gainedPorts(change)))];
}

/** Flows that worked, between ends present on both sides, and are now denied at least in part. */
export function newlyDenied(diff: TrafficDiff): FlowChange[] {
  return [...diff.removed, ...diff.changed.filter((change) => !isEmptyPortSet(lostPorts(change)))].filter(
    (change) => change.reason !== 'workload removed',
  );
}

/** Flows from outside the cluster that allow something they did not before. */
export function newlyExposed(diff: TrafficDiff): FlowChange[] {
  return newlyAllowed(diff).filter((change) => change.outside?.end === 'from');
}

/** Every gate of the diff, in option order, each with its flows and whether `gates` asks for it. */
export function diffGates(diff: TrafficDiff, gates: DiffGates): DiffGate[] {
  return [
    { rule: 'diff-flow-added', asked: gates.failOnAdded === true, option: '--fail-on-added', flows: newlyAllowed(diff), what: 'newly allowed' },
    { rule: 'diff-flow-removed', asked: gates.failOnRemoved === true, option: '--fail-on-removed', flows: newlyDenied(diff), what: 'that worked now denied' },
    { rule: 'diff-flow-exposed', asked: gates.failOnExposure === true, option: '--fail-on-exposure', flows: newlyExposed(diff), what: 'newly allowed from outside the cluster' },
  ];
}

/** One line per gate that is asked for and fails. */
export function failedGates(diff: TrafficDiff, gates: DiffGates): string[] {
  return diffGates(diff, gates)
    .filter(gateFails)
    .map((gate) => `${gate.option}: ${plural(gate.flows.length, 'flow')} ${gate.what} [${gate.rule}]`);
}

/**
 * The "diff two manifest sets" use case: loads both sides with `load`, compares them as
 * deployed (each over its own workloads, traffic with the outside included; see diffTraffic)
 * and checks the gates.
 */
export async function diffManifestSets(options: DiffManifestSetsOptions, load: ModelLoader): Promise<DiffOutcome> {
  const before = await load(options.old);
  const after = await load(options.new);
  const diff = diffTraffic(before.model, after.model, { externals: options.externals });
  const [old, current] = [leftOutOfAnalysis(before), leftOutOfAnalysis(after)];
  const leftOut = { invalid: [...old.invalid, ...current.invalid], notEvaluated: [...old.notEvaluated, ...current.notEvaluated] };
  return { diff, failedGates: failedGates(diff, options), gates: diffGates(diff, options), models: { before: before.model, after: after.model }, leftOut };
}
