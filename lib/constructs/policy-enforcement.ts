import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ConstructInputError } from './construct-input-error';

/**
 * How a policy reaches the cluster: `enforced`, a NetworkPolicy (networking.k8s.io/v1); or
 * `staged`, Calico's StagedKubernetesNetworkPolicy (projectcalico.org/v3, Calico 3.30 and
 * later) with the same spec, which Calico evaluates and records in its flow logs but does not
 * enforce, so a team can observe what a policy would deny before it enforces it.
 */
export type PolicyEnforcement = 'enforced' | 'staged';

/** The prop every NetworkPolicy construct takes to stage itself instead of being enforced. */
export interface PolicyEnforcementProps {
  /**
   * `staged` emits the policy as Calico's StagedKubernetesNetworkPolicy (same name and spec,
   * `stagedAction: Set`); `enforced` as a NetworkPolicy.
   * @default the `enforcement` of its NamespacePolicyChart; `enforced` in any other chart
   */
  readonly enforcement?: PolicyEnforcement;
}

/** The enforcement a chart gives the policies it holds (NamespacePolicyChart's prop). */
const CHART_ENFORCEMENT = new WeakMap<Chart, PolicyEnforcement>();

const ENFORCEMENTS: readonly string[] = ['enforced', 'staged'];

/** `value` when it is an enforcement; a ConstructInputError naming the construct otherwise (JavaScript callers, JSON config). */
function checked(path: string, value: PolicyEnforcement | undefined): PolicyEnforcement | undefined {
  if (value === undefined || ENFORCEMENTS.includes(value)) {
    return value;
  }
  throw new ConstructInputError('INVALID_ENFORCEMENT', path, 'enforcement', `Unsupported value: ${JSON.stringify(value)}: supported values: "enforced", "staged"`);
}

/** Records the enforcement a chart's policies inherit. */
export function setChartEnforcement(chart: Chart, enforcement: PolicyEnforcement | undefined): void {
  const valid = checked(chart.node.path, enforcement);
  if (valid !== undefined) {
    CHART_ENFORCEMENT.set(chart, valid);
  }
}

/** A policy's enforcement (`path` names it in errors): its own, else its chart's, else enforced. */
export function policyEnforcement(scope: IConstruct, path: string, own: PolicyEnforcement | undefined): PolicyEnforcement {
  return checked(path, own) ?? CHART_ENFORCEMENT.get(Chart.of(scope)) ?? 'enforced';
}
