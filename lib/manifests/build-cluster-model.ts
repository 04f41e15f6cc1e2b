import { AdminTierPolicyEntry, ClusterModel, Endpoint, NAMESPACE_NAME_LABEL, Namespace, PolicyEntry, Service, ServiceReference, endpointId, apiGroup } from '../model';
import { Finding, StagedAction, findDuplicateNames, isObject, validateNetworkPolicy, validateStagedKubernetesNetworkPolicy } from '../validate';
import { readAdminTierObject } from './decode-admin-tier';
import { decodeNetworkPolicy } from './decode-network-policy';
import { ManifestFinding, findingAbout, fromObjectFinding } from './manifest-finding';
import { EndpointObject, ManifestObject, PolicyObject, StagedPolicyObject } from './manifest-object';
import { PolicyPodReads } from './policy-pod-reads';
import { WorkloadEndpointOptions, deriveWorkloadEndpoints } from './workload-owners';

/**
 * An object left out of the model because the API server would reject it: a policy that
 * validation rejects, or an object of a kind that is read with a field of the wrong shape.
 */
export interface RejectedObject {
  readonly object: ManifestObject;
  /** The errors, at API-server field paths. */
  readonly errors: readonly Finding[];
}

export interface ClusterModelBuild {
  readonly model: ClusterModel;
  /**
   * What building found, in object order: every policy's validation findings (errors and
   * warnings), objects read with a field of the wrong shape (errors), documents skipped as
   * not Kubernetes objects and policies of kinds the analysis does not evaluate (warnings),
   * policies sharing a namespace and name (lib/validate's duplicate error), objects that
   * named no namespace, and endpoints or namespaces replacing an earlier one.
   */
  readonly findings: readonly ManifestFinding[];
  /** Objects left out of the model, with their errors (also in `findings`). */
  readonly rejected: readonly RejectedObject[];
  /**
   * The findings (also in `findings`) that every answer computed from the model must show
   * beside it: the errors that left objects out, documents skipped, policies not evaluated,
   * and how pods became endpoints (`endpointWarnings`).
   */
  readonly verdictFindings: readonly ManifestFinding[];
  /**
   * The findings (also in `findings` and `verdictFindings`) about how pods became endpoints:
   * pods of one workload kept apart because policies tell them apart.
   */
  readonly endpointWarnings: readonly ManifestFinding[];
  /** Policies of kinds the analysis does not evaluate: the verdicts do not include them. */
  readonly notEvaluated: readonly ManifestObject[];
  /**
   * The valid StagedKubernetesNetworkPolicies, in input order, with what each stages. Without
   * the `staged` option they are not in the model (Calico does not enforce them); with it, Set
   * and Delete are (see ClusterModelOptions), and Learn and Ignore are also in `notEvaluated`.
   */
  readonly staged: readonly StagedPolicy[];
}

/** A valid StagedKubernetesNetworkPolicy and what it stages. */
export interface StagedPolicy {
  /** The object as read. */
  readonly object: StagedPolicyObject;
  /** `Set` (the default), `Delete`, or the policy recommendation's `Learn` and `Ignore`. */
  readonly action: StagedAction;
}

/** A staged policy's action and, for Set, the NetworkPolicy entry it stands for. */
interface StagedEntry extends StagedPolicy {
  readonly entry?: PolicyEntry;
}

/** The policy as the API server sees it once kubectl has filled in the target namespace. */
function placedPolicy(object: PolicyObject | StagedPolicyObject): Record<string, unknown> {
  const metadata = isObject(object.raw.metadata) ? object.raw.metadata : {};
  return { ...object.raw, metadata: { ...metadata, namespace: object.namespace } };
}

function byKey<T>(entries: Map<string, T>): T[] {
  return [...entries.keys()].sort().map((key) => entries.get(key) as T);
}

/** Orders findings by the position of their object in the input; stable within an object. */
function inObjectOrder(findings: ManifestFinding[], objects: readonly ManifestObject[]): ManifestFinding[] {
  const position = new Map(objects.map((object, index) => [`${object.source.file}#${object.source.documentIndex}`, index]));
  const rank = (finding: ManifestFinding): number => position.get(`${finding.file}#${finding.documentIndex}`) ?? objects.length;
  return findings.map((finding, index) => ({ finding, index })).sort((a, b) => rank(a.finding) - rank(b.finding) || a.index - b.index).map(({ finding }) => finding);
}

/**
 * Keeps the last admin-tier policy of a kind and name, as `kubectl apply` would; an earlier
 * one of the same identity is an error, like two NetworkPolicies sharing a namespace and name.
 */
function keepAdminTierPolicy(kept: Map<string, AdminTierPolicyEntry>, entry: AdminTierPolicyEntry, object: ManifestObject, findings: ManifestFinding[]): void {
  const id = `${entry.policy.kind}/${entry.policy.metadata.name}`;
  const earlier = kept.get(id)?.source;
  if (earlier) {
    findings.push(
      findingAbout(object, {
        severity: 'error',
        rule: 'duplicate-policy-name',
        path: 'metadata.name',
        message: `Duplicate value: ${JSON.stringify(entry.policy.metadata.name)}: replaces the ${entry.policy.kind} of the same name from ${earlier.file} (document ${earlier.documentIndex}); only the last is analysed`,
      }),
    );
  }
  kept.set(id, entry);
}

/** Options of buildClusterModel. */
export interface ClusterModelOptions extends WorkloadEndpointOptions {
  /**
   * Treat Calico's StagedKubernetesNetworkPolicies as enforced: each Set one is the NetworkPolicy
   * it stands for and replaces the NetworkPolicy of its namespace and name (Calico's "stage
   * updates to an enforced policy"), each Delete one removes that NetworkPolicy; Learn and
   * Ignore (policy recommendation states) are named as not evaluated.
   * @default false: staged policies enforce nothing and are not in the model
   */
  readonly staged?: boolean;
}

const STAGED_EVALUATED: readonly StagedAction[] = ['Set', 'Delete'];

/** Whether the `staged` option evaluates a staged policy of this action (Set, Delete) or names it as not evaluated. */
export function isEvaluatedStagedAction(action: StagedAction): boolean {
  return STAGED_EVALUATED.includes(action);
}

/**
 * The NetworkPolicies in force once the staged ones are: a staged policy replaces (Set) or
 * removes (Delete) the NetworkPolicy of its namespace and name; the last staged one of a name wins.
 */
function withStaged(policies: readonly PolicyEntry[], staged: readonly StagedEntry[]): PolicyEntry[] {
  const key = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`;
  const byName = new Map(staged.map((each) => [key(each.object.namespace, each.object.name), each]));
  const kept = policies.filter((entry) => !byName.has(key(entry.policy.metadata.namespace, entry.policy.metadata.name)));
  return [...kept, ...[...byName.values()].flatMap((each) => (each.entry ? [each.entry] : []))];
}

/**
 * Builds the ClusterModel from loaded objects. Policies enter only when validation finds no
 * error, decoded as the API server decodes them (null is absent; see decode-network-policy.ts);
 * so do the admin-tier objects, validated against their CRDs (decode-admin-tier.ts).
 * Namespaces are those declared plus those any object lives in; every one carries
 * `kubernetes.io/metadata.name`. Pods and workloads become endpoints by workload (see
 * deriveWorkloadEndpoints; `perPod` keeps pods apart). When two objects share an identity
 * (a policy's `namespace/name`, a pod's or workload's kind and `namespace/name`, a
 * namespace's name, an endpoint's `namespace/name`) the later one wins, as with
 * `kubectl apply`: an error for policies, a warning for the others. Output lists are sorted.
 */
export function buildClusterModel(objects: readonly ManifestObject[], options: ClusterModelOptions = {}): ClusterModelBuild {
  const findings: ManifestFinding[] = [];
  const verdictFindings: ManifestFinding[] = [];
  const rejected: RejectedObject[] = [];
  const notEvaluated: ManifestObject[] = [];
  /** A finding that answers must show too. */
  const forVerdicts = (finding: ManifestFinding): void => {
    findings.push(finding);
    verdictFindings.push(finding);
  };
  const reject = (object: ManifestObject, errors: readonly Finding[]): void => {
    rejected.push({ object, errors });
    verdictFindings.push(...errors.map((error) => findingAbout(object, error)));
  };
  const policies: PolicyEntry[] = [];
  const endpoints = new Map<string, Endpoint>();
  const endpointObjects = new Map<string, EndpointObject>();
  const declared = new Map<string, Namespace>();
  const referenced = new Set<string>();
  const firstSeen = new Map<string, ManifestObject>();
  const services = new Map<string, Service>();
  const serviceReferences: ServiceReference[] = [];
  const adminTierPolicies = new Map<string, AdminTierPolicyEntry>();
  const staged: StagedEntry[] = [];

  const keep = <T>(entries: Map<string, T>, key: string, value: T, object: ManifestObject, label = key): void => {
    const identity = `${object.role} ${key}`;
    const earlier = firstSeen.get(identity);
    if (earlier) {
      const where = `${earlier.source.file} (document ${earlier.source.documentIndex})`;
      findings.push(
        findingAbout(object, {
          severity: 'warning',
          rule: 'duplicate-object',
          path: 'metadata.name',
          message: `replaces ${earlier.kind} ${label} from ${where}: only the last object named ${label} is analysed`,
        }),
      );
    }
    firstSeen.set(identity, object);
    entries.set(key, value);
  };

  for (const object of objects) {
    if (object.namespace !== undefined) {
      referenced.add(object.namespace);
    }
    if (object.namespaceAssumed) {
      findings.push(
        findingAbout(object, {
          severity: 'warning',
          rule: 'namespace-unset',
          path: 'metadata.namespace',
          message: `no namespace in file, assumed "${object.namespace}"`,
        }),
      );
    }
    switch (object.role) {
      case 'policy': {
        const policy = placedPolicy(object);
        const validation = validateNetworkPolicy(policy);
        findings.push(...validation.map((finding) => findingAbout(object, finding)));
        const errors = validation.filter((finding) => finding.severity === 'error');
        if (errors.length > 0) {
          reject(object, errors);
        } else {
          policies.push({ policy: decodeNetworkPolicy(policy), source: object.source });
        }
        break;
      }
      case 'staged': {
        const validation = validateStagedKubernetesNetworkPolicy(placedPolicy(object));
        findings.push(...validation.findings.map((finding) => findingAbout(object, finding)));
        if (validation.action === undefined) {
          reject(object, validation.findings.filter((finding) => finding.severity === 'error'));
        } else {
          const entry = validation.networkPolicy && { policy: decodeNetworkPolicy(validation.networkPolicy), source: object.source };
          staged.push({ object, action: validation.action, ...(entry ? { entry } : {}) });
        }
        break;
      }
      case 'endpoint': {
        const id = endpointId(object.endpoint);
        keep(endpointObjects, `${apiGroup(object.apiVersion)}/${object.kind} ${id}`, object, object, id);
        break;
      }
      case 'namespace':
        keep(declared, object.declared.name, object.declared, object);
        break;
      case 'service':
        keep(services, `${object.namespace}/${object.name}`, object.service, object);
        break;
      case 'service-referrer':
        serviceReferences.push(...object.references);
        break;
      case 'invalid':
        findings.push(findingAbout(object, object.error));
        reject(object, [object.error]);
        break;
      case 'unevaluated':
        notEvaluated.push(object);
        forVerdicts(
          findingAbout(object, {
            severity: 'warning',
            rule: 'not-evaluated',
            path: '',
            message: `not evaluated: ${object.kind} is enforced by ${object.enforcer}, and the verdicts do not include it`,
          }),
        );
        break;
      case 'skipped':
        // Not an object: the finding names the file and document, not a kind and name.
        forVerdicts({
          ...findingAbout(object, { severity: 'warning', rule: 'document-skipped', path: '', message: `document ${object.source.documentIndex} skipped: ${object.reason}` }),
          kind: '',
          name: '',
        });
        break;
      case 'other': {
        const adminTier = readAdminTierObject(object);
        if (adminTier) {
          findings.push(...adminTier.findings.map((finding) => findingAbout(object, finding)));
          if (adminTier.policy) {
            keepAdminTierPolicy(adminTierPolicies, { policy: adminTier.policy, source: object.source }, object, findings);
          } else {
            reject(object, adminTier.findings.filter((finding) => finding.severity === 'error'));
          }
        }
        break;
      }
    }
  }

  const evaluatedStaged = options.staged ? staged.filter((each) => isEvaluatedStagedAction(each.action)) : [];
  for (const each of options.staged ? staged.filter((entry) => !isEvaluatedStagedAction(entry.action)) : []) {
    notEvaluated.push(each.object);
    forVerdicts(
      findingAbout(each.object, {
        severity: 'warning',
        rule: 'not-evaluated',
        path: 'spec.stagedAction',
        message: `not evaluated: stagedAction ${each.action} is a state of Calico's policy recommendation, and what it would enforce is not documented for a StagedKubernetesNetworkPolicy; the verdicts do not include it`,
      }),
    );
  }
  const evaluated = withStaged(policies, evaluatedStaged);
  const workloads = deriveWorkloadEndpoints([...endpointObjects.values()], new PolicyPodReads(evaluated), options);
  workloads.findings.forEach(forVerdicts);
  for (const { object, error } of workloads.rejected) {
    findings.push(findingAbout(object, error));
    reject(object, [error]);
  }
  for (const { endpoint, object } of workloads.endpoints) {
    keep(endpoints, endpointId(endpoint), endpoint, object);
  }

  for (const name of referenced) {
    if (!declared.has(name)) {
      declared.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
    }
  }
  findings.push(...findDuplicateNames(policies).map(fromObjectFinding));
  findings.push(...findDuplicateNames(staged.flatMap((each) => (each.entry ? [each.entry] : []))).map(fromObjectFinding));
  const lastPolicies = new Map(evaluated.map((entry) => [`${entry.policy.metadata.namespace}/${entry.policy.metadata.name}`, entry]));
  return {
    model: {
      namespaces: byKey(declared),
      endpoints: byKey(endpoints),
      policies: byKey(lastPolicies),
      ...(services.size > 0 ? { services: byKey(services) } : {}),
      ...(serviceReferences.length > 0 ? { serviceReferences } : {}),
      ...(adminTierPolicies.size > 0 ? { adminTierPolicies: byKey(adminTierPolicies) } : {}),
    },
    findings: inObjectOrder(findings, objects),
    rejected,
    verdictFindings: inObjectOrder(verdictFindings, objects),
    endpointWarnings: workloads.findings,
    notEvaluated,
    staged: staged.map(({ object, action }) => ({ object, action })),
  };
}
