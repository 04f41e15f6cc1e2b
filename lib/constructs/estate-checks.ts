import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { NAMESPACE_NAME_LABEL, NetworkPolicy, PolicyEntry } from '../model';
import { ObjectFinding, lintNamespacePolicies, lintWorkloads, readAcknowledgeAnnotation, validateNetworkPolicy } from '../validate';
import { appEstateModel } from './app-estate-model';
import { acknowledges } from './construct-acknowledgements';
import { warnOnce } from './synth-warnings';

/** One NetworkPolicy the estate checks know: one of our constructs or a hand-written ApiObject. */
interface EstateMember {
  /** The policy's node in the tree. */
  readonly node: IConstruct;
  /** The construct its errors are reported under (an L1 object's wrapper, when it has one). */
  readonly owner: IConstruct;
  /** The plain wire-shape policy: ours without cdk8s resolution, hand-written from `toJson()`. */
  readonly render: () => NetworkPolicy;
  /** Ours get the API server's rules on their plain render here; cdk8s renders the others. */
  readonly ours: boolean;
  /** Its namespace (`""` for none), known once it has been rendered. */
  namespace?: string;
  /** The render of the current turn, so placing and checking it renders it once. */
  rendered?: { readonly turn: object; readonly policy: NetworkPolicy };
}

function renderOf(member: EstateMember): NetworkPolicy {
  const turn = currentTurn();
  if (member.rendered?.turn !== turn) {
    member.rendered = { turn, policy: member.render() };
  }
  return member.rendered.policy;
}

/** The checks of one namespace: its policies and their errors, reused while still valid. */
interface NamespaceChecks {
  readonly name: string;
  /**
   * Its policies in the order the index first saw them (ours in construction order, then
   * hand-written ones as found): the first of a duplicate name wins.
   */
  members: EstateMember[];
  /** The turn it was last checked in; `undefined` once a policy was added or removed. */
  checkedIn?: object;
  /** Whether that check included the API server's rules on our own policies. */
  checkedOurs: boolean;
  errorsByOwner: Map<IConstruct, string[]>;
}

/**
 * The app-wide checks as an index kept up to date as policies are added, checked per
 * namespace: a namespace is checked again only when one of its policies was added or removed,
 * or in a later turn of the event loop. Rendering N charts one after another is then linear,
 * where a whole-app pass per chart was quadratic.
 */
class EstateIndex {
  /** Every policy seen, by its node and by its owner. */
  private readonly members = new Map<IConstruct, EstateMember>();
  private readonly byOwner = new Map<IConstruct, EstateMember>();
  /** Registered, not yet rendered, so their namespace is not known yet. */
  private pending: EstateMember[] = [];
  private readonly namespaces = new Map<string, NamespaceChecks>();
  /** Owners that carry a validation reporting their estate errors. */
  private readonly reporting = new WeakSet<IConstruct>();
  /** The turn the whole app was last linted in; `undefined` once a policy was added or changed. */
  private appLintedIn?: object;

  public constructor(private readonly root: IConstruct) {}

  public register(construct: IConstruct, render: () => NetworkPolicy): void {
    this.appLintedIn = undefined;
    this.pending.push(this.remember({ node: construct, owner: construct, render, ours: true }));
  }

  public changed(construct: IConstruct): void {
    this.appLintedIn = undefined;
    const member = this.members.get(construct);
    if (member) {
      member.rendered = undefined;
    }
    const checks = member?.namespace === undefined ? undefined : this.namespaces.get(member.namespace);
    if (checks) {
      checks.checkedIn = undefined;
    }
  }

  /**
   * Brings the checks of every namespace with a policy under `scope` up to date, first
   * finding the hand-written NetworkPolicy objects there, so that the validations of the
   * constructs under `scope` report current errors. With `ours`, the API server's rules on
   * our own policies are part of the check (cdk8s's validation pass); without, they are left
   * to the rendering of each policy, which applies them to its final JSON anyway.
   */
  public refresh(scope: IConstruct, ours: boolean): void {
    this.placePending();
    const touched = new Set<NamespaceChecks>();
    for (const node of scope.node.findAll()) {
      let member = this.members.get(node);
      if (!member && isNetworkPolicyObject(node)) {
        member = this.remember(handWritten(node));
      }
      if (member) {
        touched.add(this.place(member));
      }
    }
    for (const checks of touched) {
      this.check(checks, ours);
    }
    if (scope === this.root && ours) {
      this.lintApp();
    }
  }

  /**
   * The estate lint that reads the whole app (its namespaces, its workloads, every
   * namespace's policies), once per turn of cdk8s's validation of the app: its findings are
   * warnings, printed once unless the policy acknowledges the rule.
   */
  private lintApp(): void {
    const turn = currentTurn();
    if (this.appLintedIn === turn) {
      return;
    }
    this.appLintedIn = turn;
    const owners = new Map<string, EstateMember>();
    const policies: PolicyEntry[] = [];
    for (const checks of this.namespaces.values()) {
      for (const member of checks.members) {
        const path = member.owner.node.path;
        owners.set(path, member);
        policies.push({ policy: renderOf(member), source: { file: path } });
      }
    }
    for (const finding of lintWorkloads(appEstateModel(this.root, policies))) {
      const member = finding.source === undefined ? undefined : owners.get(finding.source.file);
      if (!member || !isAcknowledged(member, finding)) {
        warnOnce(this.root, warningText(finding));
      }
    }
  }

  /** The estate errors of `owner`, checked again first when its namespace changed. */
  public errorsOf(owner: IConstruct): string[] {
    this.placePending();
    const member = this.byOwner.get(owner);
    if (!member) {
      return [];
    }
    const checks = this.place(member);
    this.check(checks, false);
    return checks.errorsByOwner.get(owner) ?? [];
  }

  private remember(member: EstateMember): EstateMember {
    this.members.set(member.node, member);
    this.byOwner.set(member.owner, member);
    return member;
  }

  private forget(member: EstateMember): void {
    this.members.delete(member.node);
    this.byOwner.delete(member.owner);
  }

  /** Places every registered policy in its namespace, in the order they were registered. */
  private placePending(): void {
    const pending = this.pending;
    this.pending = [];
    for (const member of pending) {
      this.place(member);
    }
  }

  private place(member: EstateMember): NamespaceChecks {
    if (member.namespace !== undefined) {
      return this.namespaceChecks(member.namespace);
    }
    member.namespace = renderOf(member).metadata.namespace ?? '';
    const checks = this.namespaceChecks(member.namespace);
    checks.members.push(member);
    checks.checkedIn = undefined;
    return checks;
  }

  private namespaceChecks(name: string): NamespaceChecks {
    let checks = this.namespaces.get(name);
    if (!checks) {
      checks = { name, members: [], checkedOurs: false, errorsByOwner: new Map() };
      this.namespaces.set(name, checks);
    }
    return checks;
  }

  /** Checks a namespace again unless it was checked this turn, as fully as `ours` asks. */
  private check(checks: NamespaceChecks, ours: boolean): void {
    const attached: EstateMember[] = [];
    for (const member of checks.members) {
      if (isAttached(member.node, this.root)) {
        attached.push(member);
      } else {
        this.forget(member);
      }
    }
    const turn = currentTurn();
    if (attached.length === checks.members.length && checks.checkedIn === turn && (checks.checkedOurs || !ours)) {
      return;
    }
    checks.members = attached;
    checks.checkedIn = turn;
    checks.checkedOurs = ours;
    checks.errorsByOwner = new Map();
    const claim = (owner: IConstruct, text: string): void => {
      const errors = checks.errorsByOwner.get(owner) ?? [];
      errors.push(text);
      checks.errorsByOwner.set(owner, errors);
      if (!this.reporting.has(owner)) {
        this.reporting.add(owner);
        owner.node.addValidation({ validate: () => this.errorsOf(owner) });
      }
    };
    const memberByPath = new Map<string, EstateMember>();
    const policies: PolicyEntry[] = [];
    for (const member of attached) {
      const policy = renderOf(member);
      const path = member.owner.node.path;
      memberByPath.set(path, member);
      policies.push({ policy, source: { file: path } });
      if (!member.ours || !ours) {
        continue;
      }
      // The API server's rules on our own policies, here too (not only when each is rendered),
      // so that cdk8s's first validation pass refuses an invalid app before it writes any file.
      for (const finding of validateNetworkPolicy(policy)) {
        if (finding.severity === 'error') {
          claim(member.owner, `${finding.path}: ${finding.message}`);
        } else if (!acknowledges(member.owner, finding.rule)) {
          warnOnce(this.root, `${path}: ${finding.path}: ${finding.message}`);
        }
      }
    }
    // The workloads of the app are read in the app-wide lint (lintApp), not per namespace.
    const model = { namespaces: [{ name: checks.name, labels: { [NAMESPACE_NAME_LABEL]: checks.name } }], endpoints: [], policies };
    for (const finding of lintNamespacePolicies(model)) {
      const path = finding.source?.file;
      const member = path === undefined ? undefined : memberByPath.get(path);
      if (finding.severity === 'warning' && member && isAcknowledged(member, finding)) {
        continue;
      }
      if (finding.severity === 'warning' || !member) {
        warnOnce(this.root, warningText(finding));
      } else {
        claim(member.owner, `${finding.path}: ${finding.message}`);
      }
    }
  }
}

/** A lint finding as a synth warning: `construct/path: field: message (rule id)`. */
function warningText(finding: ObjectFinding): string {
  return `${finding.source?.file ?? `${finding.namespace}/${finding.name}`}: ${finding.path}: ${finding.message} (rule ${finding.rule})`;
}

/**
 * Whether the policy accepts findings of the rule: our constructs by `acknowledge()`,
 * hand-written objects by the netpol.dev/acknowledge annotation in their JSON.
 */
function isAcknowledged(member: EstateMember, finding: ObjectFinding): boolean {
  if (member.ours) {
    return acknowledges(member.owner, finding.rule);
  }
  return readAcknowledgeAnnotation(renderOf(member).metadata.annotations)?.rules.includes(finding.rule) ?? false;
}

const indexes = new WeakMap<IConstruct, EstateIndex>();

function indexOf(scope: IConstruct): EstateIndex {
  const root = scope.node.root;
  let index = indexes.get(root);
  if (!index) {
    const created = new EstateIndex(root);
    // cdk8s validates the root first in every pass, so the validations this adds to owners
    // with errors still run in the same pass.
    root.node.addValidation({
      validate: () => {
        created.refresh(root, true);
        return [];
      },
    });
    indexes.set(root, created);
    index = created;
  }
  return index;
}

/**
 * Registers a policy construct for the app-wide checks: the API server's rules on its plain
 * render, duplicate names in a namespace (across charts too) and estate lint such as blocked
 * DNS. `render` is the construct's plain wire-shape policy, read without cdk8s resolution.
 *
 * Errors are reported under each construct's own path (by a validation added to the
 * constructs that have errors), warnings print once. The checks of a namespace are reused
 * until one of its policies is added or removed, or the synchronous turn of the event loop
 * ends. The limitation of that reuse is narrow: within one turn, a change to an existing
 * policy's render that adds no construct (a pod label read by `Workload.of`, a JSON patch on a
 * hand-written object) is not seen until the next turn, unless the construct calls
 * `markEstateChanged`. JSON patches on our own policies are never seen here (they are
 * validated when rendered). Hand-written NetworkPolicy objects are found by walking the
 * tree: the whole app in cdk8s's validation pass, a chart's subtree when a
 * NamespacePolicyChart renders itself.
 */
export function addEstateChecks(construct: IConstruct, render: () => NetworkPolicy): void {
  indexOf(construct).register(construct, render);
}

/** Tells the estate checks that a registered construct's render changed after it was created. */
export function markEstateChanged(construct: IConstruct): void {
  indexOf(construct).changed(construct);
}

/**
 * Brings the app-wide checks of the namespaces with a policy under `scope` up to date, so
 * that validating the constructs under `scope` reports current estate errors, for rendering
 * `scope`: the API server's rules on our own policies are left to their rendering.
 */
export function refreshEstateChecks(scope: IConstruct): void {
  indexOf(scope).refresh(scope, false);
}

let turn: object | undefined;

/** A token for the current synchronous turn of the event loop. */
function currentTurn(): object {
  if (!turn) {
    const created = {};
    turn = created;
    queueMicrotask(() => {
      if (turn === created) {
        turn = undefined;
      }
    });
  }
  return turn;
}

function isNetworkPolicyObject(node: IConstruct): node is ApiObject {
  return node instanceof ApiObject && node.kind === 'NetworkPolicy' && node.apiVersion === 'networking.k8s.io/v1';
}

/** A hand-written L1 object; cdk8s wraps an L1 object as the child `Resource` of its construct. */
function handWritten(node: ApiObject): EstateMember {
  const owner = node.node.id === 'Resource' && node.node.scope ? node.node.scope : node;
  return { node, owner, render: () => node.toJson() as NetworkPolicy, ours: false };
}

/** False once the node, or one of its ancestors, was removed from the tree. */
function isAttached(node: IConstruct, root: IConstruct): boolean {
  let current = node;
  while (current !== root) {
    const scope = current.node.scope;
    if (!scope || scope.node.tryFindChild(current.node.id) !== current) {
      return false;
    }
    current = scope;
  }
  return true;
}
