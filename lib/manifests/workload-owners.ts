import { Endpoint, HOST_NETWORK_CAVEAT, WorkloadRef, parseIp, apiGroup } from '../model';
import { compareText } from '../model';
import { templateEndpoints } from './control-plane-labels';
import type { Finding } from '../validate';
import { ControllerRef } from './controller-reference';
import { ManifestError } from './manifest-error';
import { ManifestFinding, findingAbout } from './manifest-finding';
import { EndpointObject } from './manifest-object';
import { PolicyPodReads } from './policy-pod-reads';

/**
 * The controllers whose pods are grouped, by `group/Kind`. A controller of another kind
 * (a Node owning a static pod's mirror, a custom resource) is not followed: its pods, or
 * the ReplicaSet it owns, stay the top of their chain.
 */
const WORKLOAD_KINDS = new Set(['/ReplicationController', 'apps/ReplicaSet', 'apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob']);

/** Which objects an object's `group/Kind namespace/name` identity names. */
function identity(type: string, namespace: string, name: string): string {
  return `${type} ${namespace}/${name}`;
}

function objectType(object: EndpointObject): string {
  return `${apiGroup(object.apiVersion)}/${object.kind}`;
}

/** The controller of an object, when it is one whose pods are grouped (WORKLOAD_KINDS). */
function controllerOf(object: EndpointObject): ControllerRef | undefined {
  return object.controller && WORKLOAD_KINDS.has(object.controller.type) ? object.controller : undefined;
}

/** The objects of one top controller: the controller (when in the input), the workloads under it, and its pods. */
interface WorkloadGroup {
  readonly namespace: string;
  readonly top: WorkloadRef & { readonly type: string };
  topObject?: EndpointObject;
  readonly pods: EndpointObject[];
  readonly workloads: EndpointObject[];
}

/** An endpoint with the object a finding about it is placed on. */
export interface DerivedEndpoint {
  readonly endpoint: Endpoint;
  readonly object: EndpointObject;
}

export interface WorkloadEndpoints {
  readonly endpoints: readonly DerivedEndpoint[];
  readonly findings: readonly ManifestFinding[];
  /** Workloads whose template fields (replicas, ordinals, generation) have the wrong shape: no endpoint. */
  readonly rejected: readonly { readonly object: EndpointObject; readonly error: Finding }[];
}

/** Options of deriveWorkloadEndpoints. */
export interface WorkloadEndpointOptions {
  /**
   * Every pod is an endpoint of its own; a workload stands for itself only when none of its pods is in the input.
   * @default false
   */
  readonly perPod?: boolean;
}

interface Signature {
  /** Equal for pods no policy can tell apart. */
  readonly key: string;
  /** The label keys some selector reads, with their values. */
  readonly labels: readonly [string, string][];
  /** The other aspects policies read, by name. */
  readonly aspects: readonly (readonly [string, string])[];
}

/** What of a pod the policies can see. */
function signature(endpoint: Endpoint, reads: PolicyPodReads): Signature {
  const labels = reads.readLabels(endpoint.labels);
  const aspects = [
    ['container ports', JSON.stringify(endpoint.ports.map((port) => [port.protocol, port.port, port.name ?? '']).sort())],
    ['hostNetwork', String(endpoint.hostNetwork === true)],
    ['ipBlocks matched', JSON.stringify(reads.matchedBlocks(endpoint.ips.flatMap((ip) => parseIp(ip) ?? [])))],
  ] as const;
  return { key: JSON.stringify([labels, aspects]), labels, aspects };
}

/** What differs between the signatures, for people: label keys, then the other aspects. */
function differences(signatures: readonly Signature[]): string[] {
  const valueOf = (entry: Signature, key: string): string | undefined => entry.labels.find(([labelKey]) => labelKey === key)?.[1];
  const keys = [...new Set(signatures.flatMap((entry) => entry.labels.map(([key]) => key)))].sort(compareText);
  const labels = keys.filter((key) => new Set(signatures.map((entry) => valueOf(entry, key))).size > 1).map((key) => `label ${key}`);
  const aspects = signatures[0].aspects.map(([name]) => name).filter((_, index) => new Set(signatures.map((entry) => entry.aspects[index][1])).size > 1);
  return [...labels, ...aspects];
}

function commonLabels(endpoints: readonly Endpoint[]): Record<string, string> {
  const [first, ...others] = endpoints;
  return Object.fromEntries(Object.entries(first.labels).filter(([key, value]) => others.every((other) => other.labels[key] === value)));
}

/** The caveats an endpoint's verdicts carry: hostNetwork, and labels the input cannot tell that a policy reads. */
function withCaveats(endpoint: Endpoint, reads: PolicyPodReads): Endpoint {
  const caveats = [...(endpoint.caveats ?? [])];
  if (endpoint.hostNetwork) {
    caveats.push(HOST_NETWORK_CAVEAT);
  }
  for (const key of endpoint.unknownLabels ?? []) {
    const readers = reads.labelKeys.get(key);
    if (readers) {
      caveats.push(`label ${key}: Kubernetes sets it on these pods with a value the input does not tell, and ${readers.join(', ')} select(s) on it: the verdict may differ`);
    }
  }
  return caveats.length > 0 ? { ...endpoint, caveats: [...new Set(caveats)].sort(compareText) } : endpoint;
}

/**
 * The endpoints of pods and workloads: pods with a controller are grouped under their top
 * controller (Pod -> ReplicaSet -> Deployment, Pod -> Job -> CronJob, followed through the
 * owners' own ownerReferences as far as the input holds them) as one endpoint named after
 * it, holding all their IPs; a controller and its pods are one endpoint. A StatefulSet is
 * one endpoint per pod (`web-0`, ...). A workload with no pod in the input stands for its
 * pods through its template, with the labels the control plane adds. Pods of one
 * controller that the policies can tell apart (a label key a selector reads, named ports,
 * hostNetwork, ipBlocks) are kept apart, one endpoint per pod, with a warning.
 */
export function deriveWorkloadEndpoints(objects: readonly EndpointObject[], reads: PolicyPodReads, options: WorkloadEndpointOptions = {}): WorkloadEndpoints {
  const byIdentity = new Map(objects.map((object) => [identity(objectType(object), object.namespace, object.name), object]));
  const controllers = new Map<EndpointObject, ControllerRef | undefined>(objects.map((object) => [object, controllerOf(object)]));
  const groups = new Map<string, WorkloadGroup>();
  const findings: ManifestFinding[] = [];
  const rejected: { object: EndpointObject; error: Finding }[] = [];

  for (const object of objects) {
    let top: ControllerRef = { type: objectType(object), kind: object.kind, name: object.name };
    let topObject: EndpointObject | undefined = object;
    const seen = new Set<EndpointObject>([object]);
    for (let owner = controllers.get(object); owner; ) {
      top = owner;
      topObject = byIdentity.get(identity(owner.type, object.namespace, owner.name));
      if (!topObject || seen.has(topObject)) {
        break;
      }
      seen.add(topObject);
      owner = controllers.get(topObject);
    }
    const key = identity(top.type, object.namespace, top.name);
    const group = groups.get(key) ?? { namespace: object.namespace, top: { type: top.type, kind: top.kind, name: top.name }, pods: [], workloads: [] };
    groups.set(key, group);
    group.topObject ??= topObject;
    (object.kind === 'Pod' && apiGroup(object.apiVersion) === '' ? group.pods : group.workloads).push(object);
  }

  const endpoints: DerivedEndpoint[] = [];
  const add = (endpoint: Endpoint, object: EndpointObject): void => {
    endpoints.push({ endpoint: withCaveats(endpoint, reads), object });
  };
  for (const group of groups.values()) {
    const workload: WorkloadRef = { kind: group.top.kind, name: group.top.name };
    const standsAlone = group.top.type === '/Pod';
    if (group.pods.length === 0) {
      const templates = group.topObject ? [group.topObject] : group.workloads;
      for (const object of templates) {
        try {
          templateEndpoints(object).forEach((endpoint) => add(endpoint, object));
        } catch (error) {
          if (!(error instanceof ManifestError)) {
            throw error;
          }
          rejected.push({ object, error: error.toFinding() });
        }
      }
      continue;
    }
    const pods = [...group.pods].sort((a, b) => compareText(a.name, b.name));
    const placedOn = group.topObject ?? pods[0];
    if (standsAlone || options.perPod || group.top.type === 'apps/StatefulSet') {
      pods.forEach((pod) => add(standsAlone ? pod.endpoint : { ...pod.endpoint, workload }, pod));
      continue;
    }
    const signatures = pods.map((pod) => signature(pod.endpoint, reads));
    if (new Set(signatures.map((entry) => entry.key)).size > 1) {
      findings.push(
        findingAbout(placedOn, {
          severity: 'warning',
          rule: 'workload-pods-differ',
          path: 'metadata.labels',
          message: `pods of ${workload.kind} ${group.namespace}/${workload.name} differ in what policies read (${differences(signatures).join(', ')}): analysed one pod at a time: ${pods.map((pod) => pod.name).join(', ')}`,
        }),
      );
      pods.forEach((pod) => add({ ...pod.endpoint, workload }, pod));
      continue;
    }
    const members = pods.map((pod) => pod.endpoint);
    add(
      {
        namespace: group.namespace,
        name: workload.name,
        kind: workload.kind,
        labels: commonLabels(members),
        ports: members[0].ports,
        ips: [...new Set(members.flatMap((member) => member.ips))],
        source: placedOn.source,
        pods: pods.map((pod) => pod.name),
        ...(members[0].hostNetwork ? { hostNetwork: true } : {}),
      },
      placedOn,
    );
  }
  return { endpoints, findings, rejected };
}
