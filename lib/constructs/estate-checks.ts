import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ClusterModel, NAMESPACE_NAME_LABEL, NetworkPolicy, PolicyEntry } from '../model';
import { lintModel, ObjectFinding } from '../validate';
import { warnOnce } from './synth-warnings';

interface EstateState {
  /** Paths of the constructs that report their own estate errors. */
  readonly owners: Set<string>;
  /** The findings of the current validation pass. */
  findings?: ObjectFinding[];
}

const states = new WeakMap<IConstruct, EstateState>();

/**
 * Registers a policy construct for the app-wide checks: duplicate names in a namespace
 * (across charts too) and estate lint such as blocked DNS. The checks run as a validation of
 * the root, which cdk8s validates first in every pass (app.synth, synthYaml, chart.toJson,
 * Testing.synth); each construct then reports its own errors, and warnings print once.
 */
export function addEstateChecks(construct: IConstruct): void {
  const root = construct.node.root;
  let state = states.get(root);
  if (!state) {
    const created: EstateState = { owners: new Set() };
    root.node.addValidation({ validate: () => checkEstate(root, created) });
    states.set(root, created);
    state = created;
  }
  state.owners.add(construct.node.path);
}

/** The estate errors (severity 'error') about the policy emitted by `construct`. */
export function estateErrorsFor(construct: IConstruct): string[] {
  const state = states.get(construct.node.root);
  if (!state) {
    return [];
  }
  state.findings ??= lintModel(estateModel(construct.node.root));
  return state.findings
    .filter((finding) => finding.severity === 'error' && finding.source?.file === construct.node.path)
    .map((finding) => `${finding.path}: ${finding.message}`);
}

function checkEstate(root: IConstruct, state: EstateState): string[] {
  state.findings = lintModel(estateModel(root));
  const unclaimed: string[] = [];
  for (const finding of state.findings) {
    const where = `${finding.source?.file ?? `${finding.namespace}/${finding.name}`}: ${finding.path}: ${finding.message}`;
    if (finding.severity === 'warning') {
      warnOnce(root, where);
    } else if (!state.owners.has(finding.source?.file ?? '')) {
      unclaimed.push(where);
    }
  }
  return unclaimed;
}

/**
 * Every NetworkPolicy in the tree (ours and hand-written L1 objects) as a model. A policy's
 * source is its owning construct: cdk8s wraps an L1 object as the child `Resource`. The
 * workloads of a cdk8s app are not all known here, so the model has no endpoints.
 */
function estateModel(root: IConstruct): ClusterModel {
  const policies: PolicyEntry[] = [];
  for (const node of root.node.findAll()) {
    if (!(node instanceof ApiObject) || node.kind !== 'NetworkPolicy' || node.apiVersion !== 'networking.k8s.io/v1') {
      continue;
    }
    const owner = node.node.id === 'Resource' && node.node.scope ? node.node.scope : node;
    policies.push({ policy: node.toJson() as NetworkPolicy, source: { file: owner.node.path } });
  }
  const namespaces = [...new Set(policies.map((entry) => entry.policy.metadata.namespace ?? 'default'))].sort();
  return {
    namespaces: namespaces.map((name) => ({ name, labels: { [NAMESPACE_NAME_LABEL]: name } })),
    endpoints: [],
    policies,
  };
}
