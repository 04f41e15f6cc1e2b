import { ClusterModel } from '../model';
import { findBlockedDns } from './blocked-dns';
import { findDuplicateNames } from './duplicate-names';
import { compareObjectFindings, ObjectFinding } from './object-finding';
import { findUnmatchedPodSelectors } from './unmatched-pod-selectors';

/**
 * The estate rules over a whole model: duplicate names, blocked DNS, pod selectors that match
 * no known workload. Per-object validation is validateNetworkPolicy's job. Sorted by
 * namespace, name, kind, source, path and message.
 */
export function lintModel(model: ClusterModel): ObjectFinding[] {
  return [...findDuplicateNames(model.policies), ...findBlockedDns(model), ...findUnmatchedPodSelectors(model)].sort(
    compareObjectFindings,
  );
}
