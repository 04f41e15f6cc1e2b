import { ClusterModel, compileSelector, groupBy } from '../model';
import { ObjectFinding, policyFinding } from './object-finding';

/**
 * Policies whose spec.podSelector matches no known endpoint of their namespace: usually a
 * label typo, and the policy protects nothing. Only namespaces with at least one known
 * endpoint are judged; where the model knows no workloads (policies read alone) silence is
 * the honest answer.
 */
export function findUnmatchedPodSelectors(model: ClusterModel): ObjectFinding[] {
  const endpointsByNamespace = groupBy(model.endpoints, (endpoint) => endpoint.namespace);
  const findings: ObjectFinding[] = [];
  for (const entry of model.policies) {
    const namespace = entry.policy.metadata.namespace ?? '';
    const endpoints = endpointsByNamespace.get(namespace) ?? [];
    if (endpoints.length === 0) {
      continue;
    }
    const matches = compileSelector(entry.policy.spec.podSelector ?? {});
    if (!endpoints.some((endpoint) => matches(endpoint.labels))) {
      findings.push(
        policyFinding(entry, {
          severity: 'warning',
          rule: 'unmatched-pod-selector',
          path: 'spec.podSelector',
          message: `matches none of the ${endpoints.length} known workloads in namespace "${namespace}", so this policy applies to no pod; check the labels`,
        }),
      );
    }
  }
  return findings;
}
