import type { DirectionVerdict } from '../analysis';
import type { Labels, NetworkPolicy, Protocol, SkippedObservations } from '../model';
import type { ResolvedEnd, UnmatchedEnd } from './resolve-flows';

/**
 * What `netpol audit` finds: observed flows judged by a policy estate (workflows auditFlows
 * computes it, lib/report renders it). Plain data.
 */

/** One end of a flow to allow: pods of a namespace by labels, or addresses outside the cluster. */
export type AllowanceEnd =
  | { readonly kind: 'pods'; readonly namespace: string; readonly name: string; readonly labels: Labels }
  | { readonly kind: 'addresses'; readonly text: string; readonly names: readonly string[] };

/** What would allow a denied flow: one DSL line, and the NetworkPolicy per denying side. */
export interface FlowAllowance {
  /** The construct's id, readable (`web-to-api-8080`). */
  readonly id: string;
  /**
   * The construct `dsl` creates: `AllowTraffic` when both sides deny or the other side is outside
   * the cluster; `AllowTo` (egress) or `AllowFrom` (ingress) in the denying side's chart when only
   * that side denies, since AllowTraffic would also isolate the side that allows the flow today.
   */
  readonly construct: 'AllowTraffic' | 'AllowTo' | 'AllowFrom';
  /** One line of TypeScript for the DSL: `new AllowTraffic(app, ...)`, `new AllowTo(chart, ...)`, `new AllowFrom(chart, ...)`. */
  readonly dsl: string;
  /** For each denying side, a NetworkPolicy with the one rule that allows the flow. */
  readonly policies: readonly NetworkPolicy[];
  /**
   * Checked by analysing the estate again with every suggested policy added: true when the flow
   * is then allowed and no observed flow allowed today is denied.
   */
  readonly verified: boolean;
  /** Why the check failed. @default none */
  readonly unverified?: string;
}

/** An end of an audited flow: as resolved, an outside one with the DNS names the log saw for it (destination only). */
export type AuditEnd =
  | Exclude<ResolvedEnd, { readonly kind: 'external' }>
  | { readonly kind: 'external'; readonly label: string; readonly names: readonly string[]; readonly identity?: string };

/** The audit of one group of observed flows (same source, destination, port and protocol). */
export interface AuditedFlow {
  readonly from: AuditEnd;
  readonly to: AuditEnd;
  readonly port: number;
  readonly protocol: Protocol;
  /** Observations the group stands for. */
  readonly count: number;
  /** Observations per verdict the log recorded. */
  readonly observedVerdicts: Readonly<Record<string, number>>;
  /** A DNS lookup to the cluster DNS (CoreDNS/kube-dns, OpenShift DNS, NodeLocal DNSCache). */
  readonly dns: boolean;
  /** `allowed`, `denied`, or `not-judged` (an end the policies cannot be asked about; see `reason`). */
  readonly verdict: 'allowed' | 'denied' | 'not-judged';
  /** Why it was not judged. @default none */
  readonly reason?: string;
  /** The sides that deny it. @default none */
  readonly deniedBy?: 'egress' | 'ingress' | 'both';
  /** Per direction, the verdict (isolation, selecting policies, allowing rules). @default none */
  readonly egress?: DirectionVerdict;
  /** @default none */
  readonly ingress?: DirectionVerdict;
  /**
   * For a network (CIDR) end: true when some of its addresses are allowed and others denied;
   * the verdict is for the denied ones.
   * @default false
   */
  readonly partly?: boolean;
  /** What would allow a denied flow. @default none */
  readonly allowance?: FlowAllowance;
  /** Where the group was first seen. */
  readonly firstSeen: { readonly file: string; readonly line: number };
}

/** Observed flows judged by a policy estate. */
export interface AuditResult {
  /** Denied first, then not judged, then allowed; each by source, destination, protocol, port. */
  readonly flows: readonly AuditedFlow[];
  /** Ends that matched no endpoint of the inputs. */
  readonly unmatched: readonly UnmatchedEnd[];
  /** Observations that are not flows (replies, ICMP, events), by reason. */
  readonly skipped: readonly SkippedObservations[];
  readonly files: readonly string[];
  readonly lines: number;
  /** The endpoints the flows name that carry caveats, with them (observed endpoints, hostNetwork pods). */
  readonly caveats: readonly { readonly endpoint: string; readonly caveat: string }[];
}

