import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ClusterModel, NAMESPACE_NAME_LABEL, NetworkPolicy, PolicyEntry } from '../model';
import { Finding, lintModel, validateNetworkPolicy } from '../validate';
import { acknowledges } from './construct-acknowledgements';
import { warnOnce } from './synth-warnings';

/** The result of one run of the estate checks. */
interface EstateResult {
  /** The `estateGeneration` it was computed at. */
  readonly generation: number;
  /** Errors about policies of our constructs, reported by each construct under its own path. */
  readonly errorsByOwner: Map<IConstruct, string[]>;
  /** Errors about other NetworkPolicy objects, reported by the root. */
  readonly unclaimed: string[];
}

interface EstateState {
  /** Our policy constructs and their plain render. */
  readonly members: Map<IConstruct, () => NetworkPolicy>;
  /** Our constructs that carry a validation reporting their estate errors. */
  readonly reporting: Set<IConstruct>;
  /** The last result, while it may still be reused. */
  last?: EstateResult;
}

const states = new WeakMap<IConstruct, EstateState>();

/**
 * Bumped whenever one of our policy constructs or a NamespacePolicyChart is created: a
 * remembered estate result from an older generation is never reused.
 */
let estateGeneration = 0;

/** Marks the estate as changed, so the next validation recomputes the estate checks. */
export function bumpEstateGeneration(): void {
  estateGeneration++;
}

/**
 * Registers a policy construct for the app-wide checks: the API server's rules on its plain
 * render, duplicate names in a namespace (across charts too) and estate lint such as blocked
 * DNS. `render` is the construct's plain
 * wire-shape policy, read without cdk8s resolution.
 *
 * The checks run as one validation of the root; each registered construct's errors are
 * reported under its path, and warnings print once. cdk8s validates the whole app once per
 * chart it renders, so the result is reused while nothing can have changed: within the same
 * synchronous turn of the event loop and the same `estateGeneration`. The limitation of that
 * reuse is narrow: within one turn, a NetworkPolicy ApiObject of another kind of construct
 * created between two validations, a JSON patch, or a pod label read by `Workload.of` that
 * changed in between, is not seen until the next turn or the next of our constructs.
 * JSON patches on our own policies are never seen here (they are validated when rendered).
 */
export function addEstateChecks(construct: IConstruct, render: () => NetworkPolicy): void {
  bumpEstateGeneration();
  const root = construct.node.root;
  let state = states.get(root);
  if (!state) {
    const created: EstateState = { members: new Map(), reporting: new Set() };
    root.node.addValidation({ validate: () => validateRoot(root, created) });
    states.set(root, created);
    state = created;
  }
  state.members.set(construct, render);
}

/**
 * The root's validation: errors about other objects are the root's; a construct of ours with
 * errors gets a validation of its own (once), so cdk8s reports them under its path. cdk8s
 * validates the root first in every pass, so that validation still runs in the same pass.
 * Only constructs with errors carry one: a validation on every construct would be called in
 * every pass, charts + 1 times per synthesis.
 */
function validateRoot(root: IConstruct, state: EstateState): string[] {
  const result = currentResult(root, state);
  for (const owner of result.errorsByOwner.keys()) {
    if (!state.reporting.has(owner)) {
      state.reporting.add(owner);
      owner.node.addValidation({ validate: () => currentResult(root, state).errorsByOwner.get(owner) ?? [] });
    }
  }
  return result.unclaimed;
}

function currentResult(root: IConstruct, state: EstateState): EstateResult {
  if (state.last && state.last.generation === estateGeneration) {
    return state.last;
  }
  const result = checkEstate(root, state);
  state.last = result;
  queueMicrotask(() => {
    if (state.last === result) {
      state.last = undefined;
    }
  });
  return result;
}

function checkEstate(root: IConstruct, state: EstateState): EstateResult {
  const { model, ownerByPath } = estateModel(root, state);
  const errorsByOwner = new Map<IConstruct, string[]>();
  const unclaimed: string[] = [];
  const claim = (owner: IConstruct, finding: Finding): void => {
    const errors = errorsByOwner.get(owner) ?? [];
    errors.push(`${finding.path}: ${finding.message}`);
    errorsByOwner.set(owner, errors);
  };
  // The API server's rules on our own policies, here too (not only when each is rendered), so
  // that cdk8s's validation pass refuses an invalid app before it writes any file.
  for (const { policy, source } of model.policies) {
    const owner = source && ownerByPath.get(source.file);
    if (!owner || !state.members.has(owner)) {
      continue;
    }
    for (const finding of validateNetworkPolicy(policy)) {
      if (finding.severity === 'error') {
        claim(owner, finding);
      } else {
        warnOnce(root, `${owner.node.path}: ${finding.path}: ${finding.message}`);
      }
    }
  }
  for (const finding of lintModel(model)) {
    const file = finding.source?.file;
    const where = `${file ?? `${finding.namespace}/${finding.name}`}: ${finding.path}: ${finding.message}`;
    const owner = file === undefined ? undefined : ownerByPath.get(file);
    if (finding.severity === 'warning') {
      if (!acknowledges(owner, finding.rule)) {
        warnOnce(root, where);
      }
    } else if (owner && state.members.has(owner)) {
      claim(owner, finding);
    } else {
      unclaimed.push(where);
    }
  }
  return { generation: estateGeneration, errorsByOwner, unclaimed };
}

/**
 * Every NetworkPolicy in the tree as a model: ours from their plain render, hand-written
 * ApiObjects (rare) from `toJson()`. A policy's source is its owning construct: cdk8s wraps
 * an L1 object as the child `Resource`. The workloads of a cdk8s app are not all known here,
 * so the model has no endpoints.
 */
function estateModel(root: IConstruct, state: EstateState): { model: ClusterModel; ownerByPath: Map<string, IConstruct> } {
  const policies: PolicyEntry[] = [];
  const ownerByPath = new Map<string, IConstruct>();
  const add = (policy: NetworkPolicy, owner: IConstruct): void => {
    ownerByPath.set(owner.node.path, owner);
    policies.push({ policy, source: { file: owner.node.path } });
  };
  for (const node of root.node.findAll()) {
    const render = state.members.get(node);
    if (render) {
      add(render(), node);
    } else if (node instanceof ApiObject && node.kind === 'NetworkPolicy' && node.apiVersion === 'networking.k8s.io/v1') {
      add(node.toJson() as NetworkPolicy, node.node.id === 'Resource' && node.node.scope ? node.node.scope : node);
    }
  }
  const namespaces = [...new Set(policies.map((entry) => entry.policy.metadata.namespace ?? 'default'))].sort();
  return {
    model: {
      namespaces: namespaces.map((name) => ({ name, labels: { [NAMESPACE_NAME_LABEL]: name } })),
      endpoints: [],
      policies,
    },
    ownerByPath,
  };
}
