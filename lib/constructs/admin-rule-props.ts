import { CLUSTER_SUBJECT_PROP, ClusterPolicyDefinition, ClusterPolicySubject } from './cluster-network-policy-base';
import { Namespaces } from './namespaces';
import { Port, PORTS_PROP } from './port';
import { optionalProp, PropsShape, requiredProp, WHOLE_NUMBER } from './props-check';

/**
 * What the Admin-tier presets (`AdminDenyEgressTo`, `AdminAllowFrom`, `AdminPassTo`) share:
 * the priority, the ports of their rules and the pods they apply to. Each adds its peers.
 */
export interface AdminRuleProps {
  /**
   * The precedence within the Admin tier (0 to 1000, lower first). Guardrails that must not be
   * passed over (`AdminDenyEgressTo`) need lower values than the `AdminPassTo` and Admin
   * Accept rules that could match the same traffic: those would otherwise decide first.
   */
  readonly priority: number;
  /**
   * The destination ports of the rules (named ports resolve on the destination pods).
   * @default every protocol and port
   */
  readonly ports?: readonly Port[];
  /**
   * The pods the policy applies to.
   * @default every pod of every namespace
   */
  readonly subject?: ClusterPolicySubject;
}

/** The Admin-tier definition of `props` with these rules (each gets the props' ports). */
export function adminDefinition(
  props: AdminRuleProps,
  rules: Pick<ClusterPolicyDefinition, 'ingress' | 'egress'>,
): ClusterPolicyDefinition {
  const withPorts = (list: ClusterPolicyDefinition['ingress']) => list?.map((rule) => ({ ...rule, ports: props.ports }));
  return { tier: 'Admin', priority: props.priority, subject: props.subject ?? Namespaces.all(), ingress: withPorts(rules.ingress), egress: withPorts(rules.egress) };
}

/** The run-time check of `AdminRuleProps`, which each Admin preset extends with its peers. */
export const ADMIN_RULE_PROPS: PropsShape<AdminRuleProps> = {
  priority: requiredProp(WHOLE_NUMBER),
  ports: optionalProp(PORTS_PROP),
  subject: optionalProp(CLUSTER_SUBJECT_PROP),
};
