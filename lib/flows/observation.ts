import type { ObservedEnd, Protocol } from '../model';

/** One line of a flow file, decoded: a flow to group, or something that is not one and why. */
export type Observation = { readonly kind: 'flow'; readonly flow: ObservedFlow } | { readonly kind: 'skip'; readonly reason: string };

/** One observed flow before grouping. */
export interface ObservedFlow {
  readonly from: ObservedEnd;
  readonly to: ObservedEnd;
  /**
   * The IP addresses of the packet, when the log has them: replies are told by them.
   * @default unknown
   */
  readonly fromIp?: string;
  /** @default unknown */
  readonly toIp?: string;
  /**
   * The source port: a flow from port P is a reply when a flow the other way to port P was seen.
   * @default unknown
   */
  readonly sourcePort?: number;
  readonly port: number;
  readonly protocol: Protocol;
  /** True for a reply, false for a request, undefined when the log does not say (Hubble's `is_reply` absent). */
  readonly reply: boolean | undefined;
  /** The log's verdict (`FORWARDED`, `DROPPED`, ...), `unknown` when it records none. */
  readonly verdict: string;
  /** How many observations this line stands for. */
  readonly count: number;
  readonly destinationNames: readonly string[];
  /** `namespace/name` of the Service the flow was addressed to. @default none */
  readonly destinationService?: string;
}
