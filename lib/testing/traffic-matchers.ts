import { IConstruct } from 'constructs';
import { Analyzer, Peer } from '../analysis';
import { Workload } from '../constructs';
import { MAX_PORT, MIN_PORT, PROTOCOLS, Protocol, endpointId, parseEndpointId } from '../model';
import { renderExplainText } from '../report';
import { explainFlow } from '../workflows';
import { synthClusterModel } from './synth-cluster-model';

/** One flow to check: endpoints as `namespace/name`, a Workload, or an IP address outside the cluster. */
export interface TrafficExpectation {
  readonly from: string | Workload;
  readonly to: string | Workload;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: Protocol;
}

/** What jest hands a matcher and wants back; declared here so the build needs no jest types. */
interface MatcherContext {
  readonly isNot: boolean;
}
interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

function resolveWorkload(workload: Workload, scope: IConstruct, analyzer: Analyzer): string {
  const candidates = analyzer.endpointIds().filter((id) => {
    const [declared] = workload.declaredWorkloads(parseEndpointId(id).namespace);
    return declared !== undefined && endpointId(declared) === id;
  });
  if (candidates.length !== 1) {
    const found = candidates.length === 0 ? 'none' : candidates.join(', ');
    throw new Error(
      `${scope.node.path || '<app>'}: the Workload with labels ${JSON.stringify(workload.labels)} must match exactly one endpoint ` +
        `(found ${found}); pass "namespace/name" instead`,
    );
  }
  return candidates[0];
}

/** A Workload as the one endpoint it declares; text is left to explainFlow. */
function resolvePeer(peer: string | Workload, field: string, scope: IConstruct, analyzer: Analyzer): string | Peer {
  if (peer instanceof Workload) {
    return { kind: 'endpoint', id: resolveWorkload(peer, scope, analyzer) };
  }
  if (typeof peer !== 'string') {
    throw new Error(`${field}: ${JSON.stringify(peer)} is not valid: use "namespace/name", an IP address or a Workload`);
  }
  return peer;
}

function checkExpectation(expectation: TrafficExpectation): Protocol {
  const protocol = expectation.protocol ?? 'TCP';
  if (!PROTOCOLS.includes(protocol)) {
    throw new Error(`protocol: ${JSON.stringify(protocol)} is not valid: use one of ${PROTOCOLS.join(', ')}`);
  }
  if (!Number.isInteger(expectation.port) || expectation.port < MIN_PORT || expectation.port > MAX_PORT) {
    throw new Error(`port: ${JSON.stringify(expectation.port)} is not valid: use an integer between ${MIN_PORT} and ${MAX_PORT}`);
  }
  return protocol;
}

function judge(scope: IConstruct, expectation: TrafficExpectation, wantAllowed: boolean, isNot: boolean): MatcherResult {
  const protocol = checkExpectation(expectation);
  const analyzer = new Analyzer(synthClusterModel(scope));
  const query = {
    from: resolvePeer(expectation.from, 'from', scope, analyzer),
    to: resolvePeer(expectation.to, 'to', scope, analyzer),
    probe: { port: expectation.port, protocol },
  };
  const explanation = explainFlow(analyzer, query, { from: 'from', to: 'to', inputs: scope.node.path || 'the app' });
  const pass = explanation.allowed === wantAllowed;
  const expected = wantAllowed !== isNot ? 'allowed' : 'denied';
  return {
    pass,
    message: () => `expected the traffic to be ${expected}, but it is ${explanation.allowed ? 'allowed' : 'denied'}:\n${renderExplainText(explanation)}`,
  };
}

/** `expect(appOrChart).toAllowTraffic({ from, to, port, protocol? })`. */
export function toAllowTraffic(this: MatcherContext, scope: IConstruct, expectation: TrafficExpectation): MatcherResult {
  return judge(scope, expectation, true, this.isNot);
}

/** `expect(appOrChart).toDenyTraffic({ from, to, port, protocol? })`. */
export function toDenyTraffic(this: MatcherContext, scope: IConstruct, expectation: TrafficExpectation): MatcherResult {
  return judge(scope, expectation, false, this.isNot);
}

/** The matchers, for `expect.extend(trafficMatchers)` when registering by hand. */
export const trafficMatchers = { toAllowTraffic, toDenyTraffic };
