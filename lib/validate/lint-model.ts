import { ClusterModel } from '../model';
import { findBlockedDns } from './blocked-dns';
import { findDuplicateNames } from './duplicate-names';
import { EstateView } from './estate-view';
import { findHalfOpenFlows } from './half-open-flows';
import { compareObjectFindings, ObjectFinding } from './object-finding';
import { findUndeclaredNamespaces } from './undeclared-namespaces';
import { findUnmatchedPeerSelectors } from './unmatched-peer-selectors';
import { findUnmatchedPodSelectors } from './unmatched-pod-selectors';
import { findWorkloadBlockedDns } from './workload-blocked-dns';

/**
 * The estate rules a namespace's policies decide alone: duplicate names, and blocked DNS for
 * every pod of a namespace. The constructs run them per namespace as each chart renders.
 */
export function lintNamespacePolicies(model: ClusterModel): ObjectFinding[] {
  return [...findDuplicateNames(model.policies), ...findBlockedDns(model)].sort(compareObjectFindings);
}

/**
 * The estate rules that read the whole model (its namespaces, its workloads and every
 * namespace's policies): selectors that match no known workload (the policy's and its peers'),
 * an AND of selectors probably meant as an OR, undeclared namespaces, half-open flows, and
 * workloads left without DNS. The constructs run them once over the whole app at synth.
 */
export function lintWorkloads(model: ClusterModel): ObjectFinding[] {
  const view = new EstateView(model);
  return [
    ...findUnmatchedPodSelectors(model),
    ...findUnmatchedPeerSelectors(model, view),
    ...findUndeclaredNamespaces(model, view),
    ...findHalfOpenFlows(model, view),
    ...findWorkloadBlockedDns(model, view),
  ].sort(compareObjectFindings);
}

/**
 * Every estate rule over a whole model (lintNamespacePolicies and lintWorkloads).
 * Per-object validation is validateNetworkPolicy's job. Sorted by namespace, name, kind,
 * source, path and message.
 */
export function lintModel(model: ClusterModel): ObjectFinding[] {
  return [...lintNamespacePolicies(model), ...lintWorkloads(model)].sort(compareObjectFindings);
}
