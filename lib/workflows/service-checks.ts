import type { PortProbe, RuleRef } from '../analysis';
import type { ManifestFinding } from '../manifests';
import { ClusterModel, Endpoint, Service, ServicePort, ServiceReference, ServiceTarget, endpointId, serviceId, serviceTargets } from '../model';
import type { RuleId } from '../validate';
import { IngressController } from './ingress-controller';
import { IngressControllerRef, referencedService } from './service-reference';
import { ServiceProbe } from './service-probe';

/** Options of the Service checks. */
export interface ServiceCheckOptions {
  /**
   * The ingress controller's pods: Ingress and route backends that do not admit them are
   * reported (`ingress-backend-not-admitted`).
   * @default not checked: the controller is unknown
   */
  readonly ingressController?: IngressControllerRef;
}

/** Stable ids of the Service rules (README "Services vs pod ports"). */
export const SERVICE_RULES = {
  portNotTargetPort: 'service-port-not-target-port',
  namedTargetPortUnresolved: 'service-named-target-port-unresolved',
  unreachable: 'service-unreachable',
  ingressBackendNotAdmitted: 'ingress-backend-not-admitted',
  exposedNotAdmitted: 'service-exposed-not-admitted',
  webhookNotAdmitted: 'webhook-not-admitted',
} as const;

type Located = Pick<ManifestFinding, 'file' | 'documentIndex' | 'kind' | 'namespace' | 'name'>;

function onService(service: Service): Located {
  return { file: service.source?.file ?? '', documentIndex: service.source?.documentIndex, kind: 'Service', namespace: service.namespace, name: service.name };
}

function onReference(reference: ServiceReference): Located {
  return { file: reference.source?.file ?? '', documentIndex: reference.source?.documentIndex, kind: reference.kind, namespace: reference.namespace, name: reference.name };
}

function warning(at: Located, rule: RuleId, path: string, message: string): ManifestFinding {
  return { ...at, severity: 'warning', rule, path, message };
}

/** `TCP 8080`, or `TCP 8080 (targetPort http)` for a named one. */
function targetText(servicePort: ServicePort, port: number): string {
  return typeof servicePort.targetPort === 'string' ? `${servicePort.protocol} ${port} (targetPort ${servicePort.targetPort})` : `${servicePort.protocol} ${port}`;
}

function listed(ids: readonly string[]): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
}

/** The pods a Service port delivers to, each with its number. */
function resolvedTargets(targets: readonly ServiceTarget[]): { readonly endpoint: string; readonly probe: PortProbe }[] {
  return targets.flatMap((target) => (target.port === undefined ? [] : [{ endpoint: target.endpoint, probe: { port: target.port, protocol: target.protocol } }]));
}

/**
 * The Service rules, judged by the analysis engine (ServiceProbe) on the pods each Service
 * selects and the port each Service port delivers to on them:
 * - `service-port-not-target-port`: a policy rule admits the Service's `port` on a pod that does
 *   not listen on it, while nothing admits the `targetPort` at all, or nothing admits the
 *   rule's source of the inputs (or outside) on it;
 * - `service-named-target-port-unresolved`: a named targetPort that resolves to different
 *   numbers on the pods, or to nothing on some;
 * - `service-unreachable`: pods isolated for ingress where no rule admits the target port from any peer;
 * - `ingress-backend-not-admitted`: an Ingress or route backend whose pods do not admit the
 *   ingress controller (only with `ingressController`);
 * - `service-exposed-not-admitted`: a NodePort or LoadBalancer Service whose pods admit no
 *   address outside the cluster on the target port;
 * - `webhook-not-admitted`: a webhook whose Service's pods admit no address outside the
 *   cluster (the API server is not a pod) on the target port, worded by its failurePolicy.
 */
export function serviceFindings(model: ClusterModel, options: ServiceCheckOptions = {}, probe = new ServiceProbe(model)): ManifestFinding[] {
  const services = model.services ?? [];
  const references = model.serviceReferences ?? [];
  if (services.length === 0) {
    return [];
  }
  const findings: ManifestFinding[] = [];
  const endpoints = new Map(model.endpoints.map((endpoint) => [endpointId(endpoint), endpoint]));
  for (const service of services) {
    service.ports.forEach((servicePort, index) => {
      const targets = serviceTargets(service, servicePort, model.endpoints);
      findings.push(...namedTargetPortFindings(service, servicePort, index, targets));
      findings.push(...portNotTargetPortFindings(model, probe, service, servicePort, targets, endpoints));
      findings.push(...unreachableFindings(probe, service, servicePort, index, targets));
      findings.push(...exposedFindings(probe, service, servicePort, index, targets));
    });
  }
  const controller = options.ingressController ? new IngressController(model, options.ingressController, probe) : undefined;
  for (const reference of references) {
    const { service, servicePort, targets } = referencedService(model, reference);
    if (!service || !servicePort) {
      continue;
    }
    if (reference.caller === 'api-server') {
      findings.push(...webhookFindings(probe, reference, service, servicePort, targets));
    } else if (controller) {
      findings.push(...backendFindings(controller, reference, service, servicePort, targets));
    }
  }
  return findings;
}

function namedTargetPortFindings(service: Service, servicePort: ServicePort, index: number, targets: readonly ServiceTarget[]): ManifestFinding[] {
  if (typeof servicePort.targetPort !== 'string' || targets.length === 0) {
    return [];
  }
  const name = `${servicePort.targetPort}/${servicePort.protocol}`;
  const unresolved = targets.filter((target) => target.port === undefined).map((target) => target.endpoint);
  const numbers = [...new Set(targets.flatMap((target) => (target.port === undefined ? [] : [target.port])))].sort((a, b) => a - b);
  const at = onService(service);
  const path = `spec.ports[${index}].targetPort`;
  const found: ManifestFinding[] = [];
  if (unresolved.length > 0) {
    found.push(
      warning(at, SERVICE_RULES.namedTargetPortUnresolved, path,
        `named targetPort ${name} of ${serviceId(service, servicePort.port)} resolves to nothing on ${listed(unresolved)}: no container port is named ${servicePort.targetPort} with protocol ${servicePort.protocol}, so the Service sends those pods no traffic on this port; name a container port ${servicePort.targetPort} or use a number`),
    );
  }
  if (numbers.length > 1) {
    const by = numbers.map((port) => `${port} on ${listed(targets.filter((target) => target.port === port).map((target) => target.endpoint))}`);
    found.push(
      warning(at, SERVICE_RULES.namedTargetPortUnresolved, path,
        `named targetPort ${name} of ${serviceId(service, servicePort.port)} resolves to different ports: ${by.join('; ')}; a policy must allow each of ${numbers.join(', ')}, or the named port ${servicePort.targetPort}`),
    );
  }
  return found;
}

function ruleKey(rule: RuleRef): string {
  return `${rule.policy}#${rule.ruleIndex}`;
}

function portNotTargetPortFindings(
  model: ClusterModel,
  probe: ServiceProbe,
  service: Service,
  servicePort: ServicePort,
  targets: readonly ServiceTarget[],
  endpoints: ReadonlyMap<string, Endpoint>,
): ManifestFinding[] {
  // Per policy rule: the pods it opens the Service port on, and the target port they listen on.
  const byRule = new Map<string, { rule: RuleRef; pods: string[]; targets: Set<number> }>();
  for (const { endpoint, probe: target } of resolvedTargets(targets)) {
    const servicePortProbe: PortProbe = { port: servicePort.port, protocol: servicePort.protocol };
    const listens = endpoints.get(endpoint)?.ports.some((port) => port.port === servicePort.port && port.protocol === servicePort.protocol);
    if (target.port === servicePort.port || listens || !probe.isIngressIsolated(endpoint, target)) {
      continue;
    }
    const flag = (rule: RuleRef): void => {
      const entry = byRule.get(ruleKey(rule)) ?? { rule, pods: [], targets: new Set<number>() };
      if (!entry.pods.includes(endpoint)) {
        entry.pods.push(endpoint);
      }
      entry.targets.add(target.port);
      byRule.set(ruleKey(rule), entry);
    };
    const onTargetRules = probe.ingressRulesOnPort(endpoint, target);
    // Rules opening the Service port but not the target port: with none, no source can be admitted on one and not the other.
    const suspects = probe.ingressRulesOnPort(endpoint, servicePortProbe).filter((rule) => !onTargetRules.some((other) => ruleKey(other) === ruleKey(rule)));
    if (suspects.length === 0) {
      continue;
    }
    if (onTargetRules.length === 0) {
      // Nothing admits the target port from anyone: every rule opening the Service port is the mistake.
      suspects.forEach(flag);
      continue;
    }
    // Otherwise, per source of the inputs (and outside): admitted on the Service port, not on the target port.
    const onTarget = probe.ingressVerdicts(endpoint, target);
    probe.ingressVerdicts(endpoint, servicePortProbe).forEach(({ verdict }, sourceIndex) => {
      if (verdict.allowed && !onTarget[sourceIndex].verdict.allowed) {
        verdict.allowedBy.forEach(flag);
      }
    });
  }
  return [...byRule.values()].map(({ rule, pods, targets: ports }) => {
    const policy = model.policies.find((entry) => `${entry.policy.metadata.namespace}/${entry.policy.metadata.name}` === rule.policy);
    const [namespace, name] = [rule.policy.slice(0, rule.policy.indexOf('/')), rule.policy.slice(rule.policy.indexOf('/') + 1)];
    const numbers = [...ports].sort((a, b) => a - b);
    const named = typeof servicePort.targetPort === 'string' ? ` (or the named port ${servicePort.targetPort})` : '';
    return warning(
      { file: policy?.source?.file ?? '', documentIndex: policy?.source?.documentIndex, kind: 'NetworkPolicy', namespace, name },
      SERVICE_RULES.portNotTargetPort,
      `spec.${rule.direction}[${rule.ruleIndex}]`,
      `allows ${servicePort.protocol} ${servicePort.port}, the port of Service ${serviceId(service)}, on ${listed(pods)}, but the pods listen on targetPort ${numbers.join(', ')}: traffic through the Service arrives on ${servicePort.protocol} ${numbers.join(', ')}, which this rule does not allow; allow port ${numbers.join(', ')}${named} instead of ${servicePort.port}`,
    );
  });
}

function unreachableFindings(probe: ServiceProbe, service: Service, servicePort: ServicePort, index: number, targets: readonly ServiceTarget[]): ManifestFinding[] {
  const resolved = resolvedTargets(targets);
  const closed = resolved.filter(({ endpoint, probe: target }) => probe.isIngressIsolated(endpoint, target) && probe.ingressRulesOnPort(endpoint, target).length === 0);
  if (closed.length === 0) {
    return [];
  }
  const ports = [...new Set(closed.map(({ probe: target }) => target.port))].sort((a, b) => a - b);
  return [
    warning(onService(service), SERVICE_RULES.unreachable, `spec.ports[${index}]`,
      `${serviceId(service, servicePort.port)} is unreachable on ${listed(closed.map(({ endpoint }) => endpoint))}: the pods are isolated for ingress and no policy admits anything on ${targetText(servicePort, ports[0])}${ports.length > 1 ? ` (nor ${ports.slice(1).join(', ')})` : ''}, its target port; add an ingress rule on that port`),
  ];
}

function exposedFindings(probe: ServiceProbe, service: Service, servicePort: ServicePort, index: number, targets: readonly ServiceTarget[]): ManifestFinding[] {
  if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') {
    return [];
  }
  const closed = resolvedTargets(targets).filter(({ endpoint, probe: target }) => probe.isIngressIsolated(endpoint, target) && !probe.admitsOutside(endpoint, target));
  if (closed.length === 0) {
    return [];
  }
  const port = closed[0].probe.port;
  const source =
    service.externalTrafficPolicy === 'Local'
      ? 'with externalTrafficPolicy Local the pods see the client address'
      : 'with externalTrafficPolicy Cluster the pods see a node address, not the client';
  return [
    warning(onService(service), SERVICE_RULES.exposedNotAdmitted, `spec.ports[${index}]`,
      `${serviceId(service, servicePort.port)} is a ${service.type} Service, but its pods (${listed(closed.map(({ endpoint }) => endpoint))}) admit nothing from outside the cluster on ${targetText(servicePort, port)}: traffic from outside is dropped at the pods; add an ingress rule with an ipBlock on that port (${source})`),
  ];
}

function backendFindings(controller: IngressController, reference: ServiceReference, service: Service, servicePort: ServicePort, targets: readonly ServiceTarget[]): ManifestFinding[] {
  const denied: string[] = [];
  let port = 0;
  for (const { endpoint, probe: target } of resolvedTargets(targets)) {
    for (const flow of controller.flowsTo(endpoint, target)) {
      if (!flow.allowed) {
        const side = flow.explanation?.egress && !flow.explanation.egress.allowed ? `egress of ${flow.from}` : `ingress of ${endpoint}`;
        denied.push(`${flow.from} -> ${endpoint} (denied by the ${side})`);
        port = target.port;
      }
    }
  }
  if (denied.length === 0) {
    return [];
  }
  return [
    warning(onReference(reference), SERVICE_RULES.ingressBackendNotAdmitted, reference.path,
      `backend ${serviceId(service, reference.port)} does not admit the ingress controller ${controller.label} on ${targetText(servicePort, port)}, its target port: ${listed(denied)}; requests routed to this backend fail; allow the controller's pods on that port`),
  ];
}

function webhookFindings(probe: ServiceProbe, reference: ServiceReference, service: Service, servicePort: ServicePort, targets: readonly ServiceTarget[]): ManifestFinding[] {
  const closed = resolvedTargets(targets).filter(({ endpoint, probe: target }) => probe.isIngressIsolated(endpoint, target) && !probe.admitsOutside(endpoint, target));
  if (closed.length === 0) {
    return [];
  }
  const webhook = reference.webhook;
  const consequence =
    webhook?.failurePolicy === 'Ignore'
      ? 'failurePolicy Ignore: admission is silently skipped, and objects are admitted unchecked'
      : 'failurePolicy Fail: every API request this webhook matches fails';
  return [
    warning(onReference(reference), SERVICE_RULES.webhookNotAdmitted, reference.path,
      `webhook ${webhook?.name ?? ''} calls ${serviceId(service, reference.port)}, but its pods (${listed(closed.map(({ endpoint }) => endpoint))}) are isolated for ingress and no rule admits the API server on ${targetText(servicePort, closed[0].probe.port)}, the target port (the API server is not a pod: only an ipBlock or an all-sources rule on that port admits it); with ${consequence}`),
  ];
}
