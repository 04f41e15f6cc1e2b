import type { PolicyRule } from './network-policy-base';
import { PeersLike } from './peer';
import { Port, PORTS_PROP } from './port';
import { optionalProp, PropsShape, requiredProp } from './props-check';
import { WORKLOAD_PROP, WorkloadLike } from './workload';

/**
 * What `AllowFrom` and `AllowTo` share: the pods the policy applies to, and the ports of its
 * one rule. Each adds its peers (`from` or `to`).
 */
export interface OneRuleProps {
  /**
   * The pods the policy applies to (its podSelector): those receiving the traffic for
   * `AllowFrom`, those sending it for `AllowTo`.
   */
  readonly pods: WorkloadLike;
  /**
   * The destination ports. Named ports resolve on the destination pods: `pods` for
   * `AllowFrom`, the peers for `AllowTo`.
   * @default every port of every protocol
   */
  readonly ports?: readonly Port[];
}

/** The one rule of `props`: traffic with `peers` (several are an OR) on its ports. */
export function oneRule(props: OneRuleProps, peers: PeersLike): PolicyRule[] {
  return [{ peers, ports: props.ports }];
}

/** The run-time check of `OneRuleProps`, which `AllowFrom` and `AllowTo` extend with their peers. */
export const ONE_RULE_PROPS: PropsShape<OneRuleProps> = { pods: requiredProp(WORKLOAD_PROP), ports: optionalProp(PORTS_PROP) };
