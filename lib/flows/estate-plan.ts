import type { Labels, Protocol, SkippedObservations } from '../model';

/**
 * What `netpol generate` proposes from observed flows: the workloads by their stable labels
 * and one allowance per observed pair (workflows planEstate computes it, lib/report renders it
 * as TypeScript for the DSL). Plain data.
 */

/** A workload as the observed pods show it, selected by the labels all of them share. */
export interface PlannedWorkload {
  /** The TypeScript variable that holds its `Workload` (`shopWeb`). */
  readonly variable: string;
  readonly namespace: string;
  /** Readable: Hubble's workload name, else its `app`-like label, else its labels. */
  readonly name: string;
  /** The stable labels every observed pod of it carries (never `pod-template-hash` and the like). */
  readonly labels: Labels;
}

/** One end of a planned allowance. */
export type PlannedEnd =
  | { readonly kind: 'workload'; readonly workload: PlannedWorkload }
  /** An address (`IpRange.address`) or network (`IpRange.cidr`) outside the cluster; `names` as the log saw them. */
  | { readonly kind: 'addresses'; readonly text: string; readonly names: readonly string[] };

/** Everything observed from one end to another: one `AllowTraffic`. */
export interface PlannedAllowance {
  /** The construct id, readable and unique (`web-to-api`). */
  readonly id: string;
  readonly from: PlannedEnd;
  readonly to: PlannedEnd;
  /** The observed destination ports, by protocol then number. */
  readonly ports: readonly { readonly port: number; readonly protocol: Protocol }[];
  /** Observations it stands for. */
  readonly count: number;
}

/** Observed flows a plan does not allow, and why. */
export interface LeftOutFlow {
  /** `from -> to on TCP/8080`. */
  readonly flow: string;
  readonly reason: string;
  readonly count: number;
}

/** A starting policy estate for the namespaces the flows show. */
export interface EstatePlan {
  /** Every namespace with an observed pod: each gets a NamespacePolicyChart with the zero-trust baseline. Sorted. */
  readonly namespaces: readonly string[];
  /** By namespace, then name. */
  readonly workloads: readonly PlannedWorkload[];
  /** By id. */
  readonly allowances: readonly PlannedAllowance[];
  readonly leftOut: readonly LeftOutFlow[];
  readonly skipped: readonly SkippedObservations[];
  readonly files: readonly string[];
}
