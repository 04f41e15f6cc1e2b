import { IConstruct } from 'constructs';
import { Analyzer, Peer } from '../analysis';
import { isCdk8sPlusWorkload, toWorkload, Workload, WorkloadLike } from '../constructs';
import { MAX_PORT, MIN_PORT, PROTOCOLS, Protocol, endpointId, parseEndpointId } from '../model';
import { parseFlowEnd } from '../workflows';

/**
 * An endpoint as a test names it: `namespace/name`, a `Workload`, or a cdk8s-plus
 * Deployment, StatefulSet, DaemonSet, Job or Pod of any line (named by its construct id when
 * cdk8s generated its name).
 */
export type EndpointLike = string | WorkloadLike;

/** What jest hands a matcher and wants back; declared here so the build needs no jest types. */
export interface MatcherContext {
  readonly isNot: boolean;
}
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** How errors name the app or chart a matcher was given. */
export function scopeName(scope: IConstruct): string {
  return scope.node.path || 'the app';
}

/** The one endpoint a Workload declares, among the analyzed endpoints. */
function resolveWorkload(workload: Workload, field: string, analyzer: Analyzer): string {
  const candidates = analyzer.endpointIds().filter((id) => {
    const [declared] = workload.declaredWorkloads(parseEndpointId(id).namespace);
    return declared !== undefined && endpointId(declared) === id;
  });
  if (candidates.length !== 1) {
    const found = candidates.length === 0 ? 'none' : candidates.join(', ');
    throw new Error(
      `${field}: the Workload with labels ${JSON.stringify(workload.labels)} must match exactly one endpoint ` +
        `(found ${found}); pass "namespace/name" instead`,
    );
  }
  return candidates[0];
}

/**
 * A flow end: text (`namespace/name` or an IP address outside the cluster) is left to
 * explainFlow; a Workload or cdk8s-plus workload becomes the one endpoint it declares.
 */
export function resolveFlowEnd(value: EndpointLike, field: string, analyzer: Analyzer): string | Peer {
  if (typeof value === 'string') {
    return value;
  }
  if (value instanceof Workload || isCdk8sPlusWorkload(value)) {
    return { kind: 'endpoint', id: resolveWorkload(toWorkload(value, field), field, analyzer) };
  }
  throw new Error(`${field}: ${JSON.stringify(value)} is not valid: use "namespace/name", an IP address, a Workload or a cdk8s-plus workload`);
}

/** An endpoint of the analyzed scope, by id; an IP address is refused (`field` names the argument). */
export function resolveEndpoint(value: EndpointLike, field: string, analyzer: Analyzer, scope: IConstruct): string {
  const end = resolveFlowEnd(value, field, analyzer);
  const peer = typeof end === 'string' ? parseFlowEnd({ field, inputs: scopeName(scope) }, end, analyzer.endpointIds()) : end;
  if (peer.kind !== 'endpoint') {
    throw new Error(`${field}: ${JSON.stringify(peer.ip)} is an address outside the cluster; name an endpoint ("namespace/name", a Workload or a cdk8s-plus workload)`);
  }
  return peer.id;
}

/** The protocol of a probe (TCP unless given), once the port and protocol are checked. */
export function checkProbe(port: number, protocol: Protocol = 'TCP'): Protocol {
  if (!PROTOCOLS.includes(protocol)) {
    throw new Error(`protocol: ${JSON.stringify(protocol)} is not valid: use one of ${PROTOCOLS.join(', ')}`);
  }
  if (!Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) {
    throw new Error(`port: ${JSON.stringify(port)} is not valid: use an integer between ${MIN_PORT} and ${MAX_PORT}`);
  }
  return protocol;
}
