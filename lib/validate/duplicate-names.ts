import { PolicyEntry } from '../model';
import { describeSource, ObjectFinding, policyFinding } from './object-finding';

/**
 * Policies that share a namespace and name: applying both keeps only the last one, so the
 * other's rules silently disappear. One error for every repeat after the first.
 */
export function findDuplicateNames(policies: readonly PolicyEntry[]): ObjectFinding[] {
  const first = new Map<string, PolicyEntry>();
  const findings: ObjectFinding[] = [];
  for (const entry of policies) {
    const { namespace, name } = entry.policy.metadata;
    const id = `${namespace ?? ''}/${name}`;
    const earlier = first.get(id);
    if (!earlier) {
      first.set(id, entry);
      continue;
    }
    findings.push(
      policyFinding(entry, {
        severity: 'error',
        rule: 'duplicate-policy-name',
        path: 'metadata.name',
        message: `Duplicate value: ${JSON.stringify(name)}: NetworkPolicy ${id} is also defined in ${describeSource(earlier.source)}; applying both keeps only the last, so rename one`,
      }),
    );
  }
  return findings;
}
