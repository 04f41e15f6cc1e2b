import { Endpoint, NAMESPACE_NAME_LABEL, Namespace, Service, ServiceReference, apiGroup, podTemplatePath } from '../model';
import { Finding, JsonObject, STAGED_KUBERNETES_NETWORK_POLICY_KIND, isAbsent, isObject } from '../validate';
import { ControllerRef, readControllerReference } from './controller-reference';
import { FieldReader, ManifestSource } from './field-reader';
import { ManifestError, describeValue } from './manifest-error';
import { identityErrors } from './object-identity-checks';
import { readEndpoint } from './read-endpoint';
import { readService } from './read-service';
import { readServiceReferences, referringKind } from './read-service-references';
import { unevaluatedPolicyKind } from './unevaluated-policy-kinds';

export interface ManifestObjectBase {
  readonly source: ManifestSource;
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * The namespace the object lives in: its own, or the default namespace when it names none.
   * Undefined for a Namespace (cluster-scoped) and for other kinds that name none.
   */
  readonly namespace?: string;
  /** `metadata.name`; empty when absent or unreadable (a NetworkPolicy so named is rejected by validation). */
  readonly name: string;
  /** True when the file named no namespace and the default was taken. */
  readonly namespaceAssumed: boolean;
  /** The object as read from the file, untouched. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A NetworkPolicy, still unvalidated. */
export interface PolicyObject extends ManifestObjectBase {
  readonly role: 'policy';
  readonly namespace: string;
}

/**
 * Calico's StagedKubernetesNetworkPolicy (projectcalico.org/v3, crd.projectcalico.org/v1), still
 * unvalidated: a NetworkPolicy Calico evaluates and logs but does not enforce. Not in the model
 * unless the analysis is asked to treat staged policies as enforced (buildClusterModel `staged`).
 */
export interface StagedPolicyObject extends ManifestObjectBase {
  readonly role: 'staged';
  readonly namespace: string;
}

/** A Pod or a workload with a pod template. */
export interface EndpointObject extends ManifestObjectBase {
  readonly role: 'endpoint';
  readonly namespace: string;
  readonly endpoint: Endpoint;
  /** The owner reference with `controller: true`, of any kind. */
  readonly controller?: ControllerRef;
}

/** A Namespace declaration, its labels including the automatic name label. */
export interface NamespaceObject extends ManifestObjectBase {
  readonly role: 'namespace';
  readonly declared: Namespace;
}

/** A core/v1 Service, with its selector and ports. */
export interface ServiceObject extends ManifestObjectBase {
  readonly role: 'service';
  readonly namespace: string;
  readonly service: Service;
}

/**
 * An object that sends traffic to Services: an Ingress, a Gateway API HTTPRoute or
 * GRPCRoute, or an admission webhook configuration (read-service-references.ts).
 */
export interface ServiceReferrerObject extends ManifestObjectBase {
  readonly role: 'service-referrer';
  /** Its references to Services, in field order; references to other kinds are not listed. */
  readonly references: readonly ServiceReference[];
}

/** Any other kind: counted, not used. */
export interface OtherObject extends ManifestObjectBase {
  readonly role: 'other';
}

/**
 * A policy of a kind that changes traffic but that the analysis does not evaluate
 * (unevaluated-policy-kinds.ts): read no further, and named in a warning wherever a verdict is.
 */
export interface UnevaluatedPolicyObject extends ManifestObjectBase {
  readonly role: 'unevaluated';
  /** Who enforces it: `Cilium`, `the admin tier, ...`. */
  readonly enforcer: string;
}

/**
 * An object of a kind that is read (NetworkPolicy, Namespace, Pod, workload) with a field of
 * the wrong shape, which the API server would reject: reported as an error and left out.
 * Kind, namespace and name are what could be read before the error.
 */
export interface InvalidObject extends ManifestObjectBase {
  readonly role: 'invalid';
  readonly error: Finding;
}

/**
 * A document that is not an object of the cluster: no apiVersion and kind (a Helm values
 * file, a JSON report), not a mapping (a bare list, a string), or a kind that only client
 * tools read (kustomization.yaml). Skipped, with a warning.
 */
export interface SkippedDocument extends ManifestObjectBase {
  readonly role: 'skipped';
  /** Why, for people: `it has no apiVersion and kind`, ... */
  readonly reason: string;
}

/** One object read from a manifest, with what it means for the model. */
export type ManifestObject =
  | PolicyObject
  | StagedPolicyObject
  | EndpointObject
  | NamespaceObject
  | ServiceObject
  | ServiceReferrerObject
  | OtherObject
  | UnevaluatedPolicyObject
  | InvalidObject
  | SkippedDocument;

/**
 * API groups of configuration that client tools read and never send to a cluster: kustomize's
 * Kustomization (kustomize.config.k8s.io/v1beta1) and Component (v1alpha1), per
 * kubernetes-sigs/kustomize api/types/kustomization.go (KustomizationVersion, ComponentVersion).
 */
const CLIENT_SIDE_GROUPS = ['kustomize.config.k8s.io'];

/**
 * NetworkPolicy of networking.k8s.io in any version, and of the retired extensions group, so
 * that validation rejects a wrong apiVersion instead of the policy being skipped unseen.
 * Same-named kinds of other groups (Calico's projectcalico.org) are other objects.
 */
const POLICY_GROUPS = ['networking.k8s.io', 'extensions'];

function isPolicyKind(apiVersion: string, kind: string): boolean {
  return kind === 'NetworkPolicy' && POLICY_GROUPS.includes(apiGroup(apiVersion));
}

/** Calico's API group and the CRD group behind it, in any version: validation refuses a version it does not read. */
const CALICO_GROUPS = ['projectcalico.org', 'crd.projectcalico.org'];

function isStagedPolicyKind(apiVersion: string, kind: string): boolean {
  return kind === STAGED_KUBERNETES_NETWORK_POLICY_KIND && CALICO_GROUPS.includes(apiGroup(apiVersion));
}

function isNamespaceKind(apiVersion: string, kind: string): boolean {
  return kind === 'Namespace' && apiGroup(apiVersion) === '';
}

/** Why a value is not a Kubernetes object of the cluster, or undefined when it is one. */
function notAnObject(value: unknown): string | undefined {
  if (!isObject(value)) {
    return `not a Kubernetes object: it is ${describeValue(value)}, not a mapping with apiVersion, kind and metadata`;
  }
  const problems = (['apiVersion', 'kind'] as const).flatMap((field) => {
    const given = value[field];
    if (typeof given === 'string' && given !== '') {
      return [];
    }
    return [isAbsent(given) || given === '' ? `no ${field}` : `${field} is ${describeValue(given)}`];
  });
  if (problems.length > 0) {
    return `not a Kubernetes object: ${problems.join(', ')}`;
  }
  const apiVersion = value.apiVersion as string;
  if (CLIENT_SIDE_GROUPS.includes(apiGroup(apiVersion))) {
    return `${value.kind as string} (${apiVersion}) is read by kustomize, not sent to the cluster`;
  }
  return undefined;
}

/** What every object's metadata says about where it is. */
interface ObjectIdentity {
  readonly metadata: JsonObject;
  readonly name: string;
  /** The namespace the object names, if any. */
  readonly ownNamespace?: string;
}

function readIdentity(reader: FieldReader, value: JsonObject): ObjectIdentity {
  const metadata = reader.optionalMapping(value.metadata, 'metadata') ?? {};
  const name = reader.optionalString(metadata.name, 'metadata.name') ?? '';
  // An empty namespace means none, as kubectl reads it.
  const ownNamespace = reader.optionalString(metadata.namespace, 'metadata.namespace') || undefined;
  return { metadata, name, ownNamespace };
}

function isServiceKind(apiVersion: string, kind: string): boolean {
  return kind === 'Service' && apiVersion === 'v1';
}

/** Kinds that live in a namespace and are read: a policy, a Pod, a workload, a Service, an Ingress or route. */
function isPlacedKind(apiVersion: string, kind: string): boolean {
  return (
    isPolicyKind(apiVersion, kind) ||
    isStagedPolicyKind(apiVersion, kind) ||
    podTemplatePath(apiVersion, kind) !== undefined ||
    isServiceKind(apiVersion, kind) ||
    referringKind(apiVersion, kind)?.namespaced === true
  );
}

/**
 * Reads one parsed document as a Kubernetes object. A document that is not one (see
 * SkippedDocument) is skipped. Recognised kinds are read further (pods and workloads into
 * endpoints, namespaces with their labels, Services, and the objects referring to Services); a field of the wrong shape makes the object an
 * InvalidObject naming the field path, and so does a name, namespace or label the API server
 * refuses (object-identity-checks.ts: the first error is reported). Policy content is left
 * for lib/validate. Never throws for the content of a document.
 */
export function readManifestObject(value: unknown, source: ManifestSource, defaultNamespace: string): ManifestObject {
  const reason = notAnObject(value);
  const object = isObject(value) ? value : {};
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const unread = { source, apiVersion, kind, name: '', namespaceAssumed: false, raw: object };
  if (reason !== undefined) {
    return { ...unread, role: 'skipped', reason };
  }
  const reader = new FieldReader(source);
  let identity: ObjectIdentity | undefined;
  try {
    identity = readIdentity(reader, object);
    const read = readKnownKind(reader, object, identity, defaultNamespace);
    const [error] = identityErrors(read);
    return error ? { ...unread, name: read.name, namespace: read.namespace, role: 'invalid', error } : read;
  } catch (error) {
    if (!(error instanceof ManifestError)) {
      throw error;
    }
    const namespace = identity?.ownNamespace ?? (isPlacedKind(apiVersion, kind) ? defaultNamespace : undefined);
    return { ...unread, name: identity?.name ?? '', namespace, role: 'invalid', error: error.toFinding() };
  }
}

/** The object as its kind is read; a field of the wrong shape fails the reader. */
function readKnownKind(reader: FieldReader, value: JsonObject, identity: ObjectIdentity, defaultNamespace: string): ManifestObject {
  const apiVersion = value.apiVersion as string;
  const kind = value.kind as string;
  const { metadata, name, ownNamespace } = identity;
  const base = { source: reader.source, apiVersion, kind, name, raw: value };

  if (isNamespaceKind(apiVersion, kind)) {
    const labels = { ...reader.labels(metadata.labels, 'metadata.labels'), [NAMESPACE_NAME_LABEL]: name };
    return { ...base, role: 'namespace', namespaceAssumed: false, declared: { name: requireName(reader, name), labels, source: reader.source } };
  }
  const unevaluated = unevaluatedPolicyKind(apiVersion, kind);
  if (unevaluated !== undefined) {
    const namespace = unevaluated.namespaced ? (ownNamespace ?? defaultNamespace) : undefined;
    return { ...base, role: 'unevaluated', namespace, namespaceAssumed: unevaluated.namespaced && ownNamespace === undefined, enforcer: unevaluated.enforcer };
  }
  const referring = referringKind(apiVersion, kind);
  if (referring && !referring.namespaced) {
    const references = readServiceReferences(reader, value, referring, { kind, name });
    return { ...base, role: 'service-referrer', namespace: ownNamespace, namespaceAssumed: false, references };
  }
  if (!isPlacedKind(apiVersion, kind)) {
    return { ...base, role: 'other', namespace: ownNamespace, namespaceAssumed: false };
  }
  const namespace = ownNamespace ?? defaultNamespace;
  const placed = { ...base, namespace, namespaceAssumed: ownNamespace === undefined };
  if (isStagedPolicyKind(apiVersion, kind)) {
    return { ...placed, role: 'staged' };
  }
  if (isServiceKind(apiVersion, kind)) {
    return { ...placed, role: 'service', service: readService(reader, value, { namespace, name: requireName(reader, name) }) };
  }
  if (referring) {
    return { ...placed, role: 'service-referrer', references: readServiceReferences(reader, value, referring, { kind, namespace, name }) };
  }
  const templatePath = podTemplatePath(apiVersion, kind);
  if (!templatePath) {
    return { ...placed, role: 'policy' };
  }
  const endpoint = readEndpoint(reader, value, { kind, namespace, name: requireName(reader, name) }, templatePath);
  const controller = readControllerReference(reader, metadata);
  return { ...placed, role: 'endpoint', endpoint, ...(controller ? { controller } : {}) };
}

function requireName(reader: FieldReader, name: string): string {
  return name || reader.fail('metadata.name', 'required: a non-empty name');
}
