import { ClusterModel, Endpoint, NAMESPACE_NAME_LABEL, Namespace, NetworkPolicy, PolicyEntry, endpointId } from '../model';
import { Finding, validateNetworkPolicy } from '../validate';
import { isMapping } from './manifest-error';
import { ManifestFinding, findingAbout } from './manifest-finding';
import { ManifestObject, PolicyObject } from './manifest-object';

/** A policy left out of the model because the API server would reject it. */
export interface RejectedPolicy {
  readonly object: PolicyObject;
  /** The validation errors, at API-server field paths. */
  readonly errors: readonly Finding[];
}

export interface ClusterModelBuild {
  readonly model: ClusterModel;
  /**
   * What building found, in object order: every policy's validation findings (errors and
   * warnings), objects that named no namespace, and objects replacing an earlier one with
   * the same identity.
   */
  readonly findings: readonly ManifestFinding[];
  readonly rejected: readonly RejectedPolicy[];
}

/** The policy as the API server sees it once kubectl has filled in the target namespace. */
function placedPolicy(object: PolicyObject): Record<string, unknown> {
  const metadata = isMapping(object.raw.metadata) ? object.raw.metadata : {};
  return { ...object.raw, metadata: { ...metadata, namespace: object.namespace } };
}

function byKey<T>(entries: Map<string, T>): T[] {
  return [...entries.keys()].sort().map((key) => entries.get(key) as T);
}

/**
 * Builds the ClusterModel from loaded objects. Policies enter only when validation finds no
 * error. Namespaces are those declared plus those any object lives in; every one carries
 * `kubernetes.io/metadata.name`. When two objects share an identity (a policy's or
 * endpoint's `namespace/name`, a namespace's name) the later one wins, as with
 * `kubectl apply`, and a warning says so. Output lists are sorted.
 */
export function buildClusterModel(objects: readonly ManifestObject[]): ClusterModelBuild {
  const findings: ManifestFinding[] = [];
  const rejected: RejectedPolicy[] = [];
  const policies = new Map<string, PolicyEntry>();
  const endpoints = new Map<string, Endpoint>();
  const declared = new Map<string, Namespace>();
  const referenced = new Set<string>();
  const firstSeen = new Map<string, ManifestObject>();

  const keep = <T>(entries: Map<string, T>, key: string, value: T, object: ManifestObject): void => {
    const identity = `${object.role} ${key}`;
    const earlier = firstSeen.get(identity);
    if (earlier) {
      const where = `${earlier.source.file} (document ${earlier.source.documentIndex})`;
      findings.push(
        findingAbout(object, {
          severity: 'warning',
          path: 'metadata.name',
          message: `replaces ${earlier.kind} ${key} from ${where}: only the last object named ${key} is analysed`,
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
          rejected.push({ object, errors });
        } else {
          const entry = { policy: policy as unknown as NetworkPolicy, source: object.source };
          keep(policies, `${object.namespace}/${object.name}`, entry, object);
        }
        break;
      }
      case 'endpoint':
        keep(endpoints, endpointId(object.endpoint), object.endpoint, object);
        break;
      case 'namespace':
        keep(declared, object.declared.name, object.declared, object);
        break;
      case 'other':
        break;
    }
  }

  for (const name of referenced) {
    if (!declared.has(name)) {
      declared.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
    }
  }
  return {
    model: { namespaces: byKey(declared), endpoints: byKey(endpoints), policies: byKey(policies) },
    findings,
    rejected,
  };
}
