import { IConstruct } from 'constructs';
import { compareText, endpointId } from '../model';
import { NetworkPolicyBase } from './network-policy-base';
import { DeclaredWorkload } from './peer';

/**
 * Every specific workload our constructs below `scope` apply to or name as peers, once each,
 * sorted by namespace then name; whole namespaces (`Workload.allIn`) are left out. Lets tests
 * and analysis treat the workloads of a cdk8s app as endpoints.
 *
 * Throws when two different label sets claim the same `namespace/name`.
 */
export function declaredWorkloads(scope: IConstruct): DeclaredWorkload[] {
  const byId = new Map<string, DeclaredWorkload>();
  for (const construct of scope.node.findAll()) {
    if (!(construct instanceof NetworkPolicyBase)) {
      continue;
    }
    for (const workload of construct.declaredWorkloads()) {
      const id = endpointId(workload);
      const known = byId.get(id);
      if (known && labelText(known.labels) !== labelText(workload.labels)) {
        throw new Error(
          `${construct.node.path}: workload "${id}" is declared with labels {${labelText(workload.labels)}} ` +
            `and elsewhere with {${labelText(known.labels)}}; give one of them a different name option`,
        );
      }
      byId.set(id, workload);
    }
  }
  return [...byId.values()].sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
}

function labelText(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}: ${labels[key]}`)
    .join(', ');
}
