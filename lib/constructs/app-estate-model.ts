import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ClusterModel, ContainerPort, Endpoint, NAMESPACE_NAME_LABEL, Namespace, PROTOCOLS, PolicyEntry, Protocol, compareText, podTemplatePath } from '../model';
import { cdk8sPlusWorkloadName } from './cdk8s-plus-workload-name';
import { isCdk8sPlusWorkload } from './workload';

/** The namespace an object without one is in, as `kubectl apply` would put it. */
const DEFAULT_NAMESPACE = 'default';

type Json = Record<string, unknown>;

/** The constructs that declare a namespace of the app (NamespacePolicyCharts), with its name. */
const declaring = new WeakMap<IConstruct, string>();

/** Records that `construct` declares namespace `name` for the app-wide lint (undeclared-namespace). */
export function declareAppNamespace(construct: IConstruct, name: string): void {
  declaring.set(construct, name);
}

function objectAt(value: unknown, path: readonly string[]): Json | undefined {
  let current = value;
  for (const key of path) {
    current = typeof current === 'object' && current !== null ? (current as Json)[key] : undefined;
  }
  return typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Json) : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  const entries = typeof value === 'object' && value !== null ? Object.entries(value as Json) : [];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function containerPorts(spec: Json | undefined): ContainerPort[] {
  const containers = Array.isArray(spec?.containers) ? (spec.containers as Json[]) : [];
  return containers.flatMap((container) => {
    const ports = Array.isArray(container?.ports) ? (container.ports as Json[]) : [];
    return ports.flatMap((port): ContainerPort[] => {
      const protocol = port?.protocol ?? 'TCP';
      if (typeof port?.containerPort !== 'number' || !(PROTOCOLS as readonly unknown[]).includes(protocol)) {
        return [];
      }
      return [{ port: port.containerPort, protocol: protocol as Protocol, ...(typeof port.name === 'string' ? { name: port.name } : {}) }];
    });
  });
}

/**
 * A workload object of the app (a Pod, or a kind with a pod template) as an endpoint: its
 * namespace, its name (a cdk8s-plus workload's construct id when cdk8s generated the name, as
 * `Workload.of` names it), its pod labels and container ports, read from its final JSON.
 */
function workloadEndpoint(object: ApiObject): Endpoint | undefined {
  const templatePath = podTemplatePath(object.apiVersion, object.kind);
  if (!templatePath) {
    return undefined;
  }
  const json = object.toJson();
  const template = objectAt(json, templatePath);
  const owner = object.node.scope;
  const name = owner && isCdk8sPlusWorkload(owner) && object.node.id === 'Resource' ? cdk8sPlusWorkloadName(owner) : object.name;
  return {
    namespace: object.metadata.namespace ?? DEFAULT_NAMESPACE,
    name,
    kind: object.kind,
    labels: stringRecord(objectAt(template, ['metadata'])?.labels),
    ports: containerPorts(objectAt(template, ['spec'])),
    ips: [],
    source: { file: object.node.path },
  };
}

/**
 * The cdk8s app as the estate lint sees it, built from the tree: the policies given, the
 * namespaces the app declares (each NamespacePolicyChart's, and every `Namespace` object's with
 * its labels, each with its construct path as source) plus those any object lives in, and the
 * workloads the app defines as endpoints. The workloads our constructs only name as peers
 * (`Workload.select`) are not endpoints here: a selector would always match the workload it
 * declares itself.
 */
export function appEstateModel(root: IConstruct, policies: readonly PolicyEntry[]): ClusterModel {
  const namespaces = new Map<string, Namespace>();
  const lived = new Set<string>(policies.map((entry) => entry.policy.metadata.namespace ?? ''));
  const endpoints: Endpoint[] = [];
  for (const node of root.node.findAll()) {
    const declared = declaring.get(node);
    if (declared !== undefined && !namespaces.has(declared)) {
      namespaces.set(declared, { name: declared, labels: { [NAMESPACE_NAME_LABEL]: declared }, source: { file: node.node.path } });
    }
    if (!ApiObject.isApiObject(node)) {
      continue;
    }
    if (node.kind === 'Namespace' && node.apiVersion === 'v1') {
      const labels = stringRecord(objectAt(node.toJson(), ['metadata'])?.labels);
      namespaces.set(node.name, { name: node.name, labels: { ...labels, [NAMESPACE_NAME_LABEL]: node.name }, source: { file: node.node.path } });
      continue;
    }
    if (node.metadata.namespace !== undefined) {
      lived.add(node.metadata.namespace);
    }
    const endpoint = workloadEndpoint(node);
    if (endpoint) {
      lived.add(endpoint.namespace);
      endpoints.push(endpoint);
    }
  }
  for (const name of lived) {
    if (!namespaces.has(name)) {
      namespaces.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
    }
  }
  const byName = (a: { name: string }, b: { name: string }): number => compareText(a.name, b.name);
  return {
    namespaces: [...namespaces.values()].sort(byName),
    endpoints: endpoints.sort((a, b) => compareText(a.namespace, b.namespace) || byName(a, b)),
    policies,
  };
}
