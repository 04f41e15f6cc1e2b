import type { Analyzer, EndpointFilter, PortProbe } from '../analysis';
import { ClusterModel, serviceId } from '../model';
import type { IngressControllerFlow, ServiceExplanation, ServiceReach, ServiceReachGroup, UnresolvedTargets } from '../report';
import { IngressController } from './ingress-controller';
import { ReachScope, reachOnPort } from './reach';
import { ResolvedService, ResolvedServicePort, referencedService } from './service-reference';

/** The pods of one Service port grouped by the port number their targetPort resolves to, and those it does not resolve on. */
function byTargetPort(resolved: ResolvedService, entry: ResolvedServicePort): { groups: Map<number, string[]>; unresolved?: UnresolvedTargets } {
  const groups = new Map<number, string[]>();
  const missing: string[] = [];
  for (const target of entry.targets) {
    if (target.port === undefined) {
      missing.push(target.endpoint);
    } else {
      groups.set(target.port, [...(groups.get(target.port) ?? []), target.endpoint]);
    }
  }
  const { servicePort } = entry;
  const unresolved =
    missing.length > 0
      ? { service: serviceId(resolved.service, servicePort.port), targetPort: String(servicePort.targetPort), protocol: servicePort.protocol, endpoints: missing }
      : undefined;
  return { groups, unresolved };
}

/**
 * `reach --to svc/...`: for each Service port asked for, who reaches its pods on the port its
 * targetPort resolves to on them: one reach per distinct number (a named targetPort may
 * resolve differently per pod), its destinations those pods only. `scope.filter.to` is
 * ignored: the Service names the destinations.
 */
export function reachService(analyzer: Analyzer, resolved: ResolvedService, scope: ReachScope = {}): ServiceReach {
  const groups: ServiceReachGroup[] = [];
  const unresolved: UnresolvedTargets[] = [];
  for (const entry of resolved.ports) {
    const { groups: byPort, unresolved: missing } = byTargetPort(resolved, entry);
    if (missing) {
      unresolved.push(missing);
    }
    for (const [port, pods] of [...byPort.entries()].sort((a, b) => a[0] - b[0])) {
      const filter: EndpointFilter = { ...scope.filter, to: (id) => pods.includes(id) };
      const probe: PortProbe = { port, protocol: entry.servicePort.protocol };
      const result = reachOnPort(analyzer, probe, { ...scope, filter });
      groups.push({ service: serviceId(resolved.service, entry.servicePort.port), targetPort: entry.servicePort.targetPort, result });
    }
  }
  return { groups, unresolved };
}

/** `explain --to svc/...`: the flow from `from` to each pod of the Service port, on its resolved target port. */
export function explainService(
  explain: (to: string, probe: PortProbe) => ServiceExplanation['explanation'],
  resolved: ResolvedService,
): { explanations: ServiceExplanation[]; unresolved: UnresolvedTargets[] } {
  const explanations: ServiceExplanation[] = [];
  const unresolved: UnresolvedTargets[] = [];
  for (const entry of resolved.ports) {
    const { unresolved: missing } = byTargetPort(resolved, entry);
    if (missing) {
      unresolved.push(missing);
    }
    for (const target of entry.targets) {
      if (target.port !== undefined) {
        const explanation = explain(target.endpoint, { port: target.port, protocol: target.protocol });
        explanations.push({ service: serviceId(resolved.service, entry.servicePort.port), targetPort: entry.servicePort.targetPort, explanation });
      }
    }
  }
  return { explanations, unresolved };
}

/**
 * Item 4 of reach: when Ingress or route objects are in the inputs, the ingress controller's
 * flow to each pod behind each backend, on the port the backend's Service delivers to there
 * (see IngressController for who the controller is). Backends that reach no pod say why.
 * Rows in input order of the references, then by pod.
 */
export function ingressControllerFlows(model: ClusterModel, controller: IngressController): IngressControllerFlow[] {
  const flows: IngressControllerFlow[] = [];
  for (const reference of model.serviceReferences ?? []) {
    if (reference.caller !== 'ingress-controller') {
      continue;
    }
    const via = `${reference.kind} ${reference.namespace}/${reference.name}`;
    const backend = serviceId(reference.service, reference.port);
    const noVerdict = (note: string): void => {
      flows.push({ via, backend, from: controller.label, to: '', allowed: false, note });
    };
    const { service, servicePort, targets } = referencedService(model, reference);
    if (!service) {
      noVerdict('the Service is not in the inputs');
    } else if (!servicePort) {
      noVerdict(`the Service has no port ${reference.port}`);
    } else if (service.selector === undefined) {
      noVerdict('the Service has no selector: its endpoints are not pods');
    } else if (targets.length === 0) {
      noVerdict('the Service selects no pod of the inputs');
    }
    for (const target of targets) {
      if (target.port === undefined) {
        flows.push({ via, backend, from: controller.label, to: target.endpoint, allowed: false, note: `targetPort ${servicePort?.targetPort} does not resolve on this pod` });
        continue;
      }
      const probe = { port: target.port, protocol: target.protocol };
      for (const flow of controller.flowsTo(target.endpoint, probe)) {
        flows.push({ via, backend, from: flow.from, to: target.endpoint, port: target.port, protocol: target.protocol, allowed: flow.allowed });
      }
    }
  }
  return flows;
}
