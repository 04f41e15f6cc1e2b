import { Endpoint, NAMESPACE_NAME_LABEL, Namespace } from '../model';
import { FieldReader, ManifestSource } from './field-reader';
import { isObject } from '../validate';
import { describeValue } from './manifest-error';
import { apiGroup, podTemplatePath } from './pod-template';
import { readEndpoint } from './read-endpoint';

interface ManifestObjectBase {
  readonly source: ManifestSource;
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * The namespace the object lives in: its own, or the default namespace when it names none.
   * Undefined for a Namespace (cluster-scoped) and for other kinds that name none.
   */
  readonly namespace?: string;
  /** `metadata.name`; empty when absent (only possible for a NetworkPolicy, which validation rejects). */
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

/** A Pod or a workload with a pod template. */
export interface EndpointObject extends ManifestObjectBase {
  readonly role: 'endpoint';
  readonly namespace: string;
  readonly endpoint: Endpoint;
}

/** A Namespace declaration, its labels including the automatic name label. */
export interface NamespaceObject extends ManifestObjectBase {
  readonly role: 'namespace';
  readonly declared: Namespace;
}

/** Any other kind: counted, not used. */
export interface OtherObject extends ManifestObjectBase {
  readonly role: 'other';
}

/** One object read from a manifest, with what it means for the model. */
export type ManifestObject = PolicyObject | EndpointObject | NamespaceObject | OtherObject;

/**
 * NetworkPolicy of networking.k8s.io in any version, and of the retired extensions group, so
 * that validation rejects a wrong apiVersion instead of the policy being skipped unseen.
 * Same-named kinds of other groups (Calico's projectcalico.org) are other objects.
 */
const POLICY_GROUPS = ['networking.k8s.io', 'extensions'];

function isPolicyKind(apiVersion: string, kind: string): boolean {
  return kind === 'NetworkPolicy' && POLICY_GROUPS.includes(apiGroup(apiVersion));
}

function isNamespaceKind(apiVersion: string, kind: string): boolean {
  return kind === 'Namespace' && apiGroup(apiVersion) === '';
}

/**
 * Reads one parsed document as a Kubernetes object. It must be a mapping with string
 * `apiVersion` and `kind` and a mapping `metadata`; recognised kinds are read further
 * (pods and workloads into endpoints, namespaces with their labels). Shape errors throw a
 * ManifestError; policy content is left for lib/validate.
 */
export function readManifestObject(value: unknown, source: ManifestSource, defaultNamespace: string): ManifestObject {
  const reader: FieldReader = new FieldReader(source);
  if (!isObject(value)) {
    reader.fail('', `must be a Kubernetes object (a mapping with apiVersion, kind and metadata), got ${describeValue(value)}`);
  }
  const apiVersion = reader.optionalString(value.apiVersion, 'apiVersion') || reader.fail('apiVersion', 'required: every object needs apiVersion and kind');
  const kind = reader.optionalString(value.kind, 'kind') || reader.fail('kind', 'required: every object needs apiVersion and kind');
  const metadata = reader.optionalMapping(value.metadata, 'metadata') ?? {};
  const name = reader.optionalString(metadata.name, 'metadata.name') ?? '';
  // An empty namespace means none, as kubectl reads it.
  const ownNamespace = reader.optionalString(metadata.namespace, 'metadata.namespace') || undefined;
  const base = { source, apiVersion, kind, name, raw: value };

  if (isNamespaceKind(apiVersion, kind)) {
    const labels = { ...reader.labels(metadata.labels, 'metadata.labels'), [NAMESPACE_NAME_LABEL]: name };
    return { ...base, role: 'namespace', namespaceAssumed: false, declared: { name: requireName(reader, name), labels, source } };
  }
  const templatePath = podTemplatePath(apiVersion, kind);
  if (!isPolicyKind(apiVersion, kind) && !templatePath) {
    return { ...base, role: 'other', namespace: ownNamespace, namespaceAssumed: false };
  }
  const namespace = ownNamespace ?? defaultNamespace;
  const placed = { ...base, namespace, namespaceAssumed: ownNamespace === undefined };
  if (!templatePath) {
    return { ...placed, role: 'policy' };
  }
  const endpoint = readEndpoint(reader, value, { kind, namespace, name: requireName(reader, name) }, templatePath);
  return { ...placed, role: 'endpoint', endpoint };
}

function requireName(reader: FieldReader, name: string): string {
  return name || reader.fail('metadata.name', 'required: a non-empty name');
}
