import { IConstruct } from 'constructs';
import { Analyzer } from '../analysis';
import { Protocol } from '../model';
import { renderExplainText } from '../report';
import { explainFlow } from '../workflows';
import { checkProbe, EndpointLike, MatcherContext, MatcherResult, resolveFlowEnd, scopeName } from './matcher-inputs';
import { synthClusterModel } from './synth-cluster-model';

/** One flow to check. */
export interface TrafficExpectation {
  /** The client: `namespace/name`, an IP address outside the cluster, a Workload or a cdk8s-plus workload. */
  readonly from: EndpointLike;
  /** The server: `namespace/name`, an IP address outside the cluster, a Workload or a cdk8s-plus workload. */
  readonly to: EndpointLike;
  /** The destination port. */
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: Protocol;
}

function judge(scope: IConstruct, expectation: TrafficExpectation, wantAllowed: boolean, isNot: boolean): MatcherResult {
  const protocol = checkProbe(expectation.port, expectation.protocol);
  const analyzer = new Analyzer(synthClusterModel(scope));
  const query = {
    from: resolveFlowEnd(expectation.from, 'from', analyzer),
    to: resolveFlowEnd(expectation.to, 'to', analyzer),
    probe: { port: expectation.port, protocol },
  };
  const explanation = explainFlow(analyzer, query, { from: 'from', to: 'to', inputs: scopeName(scope) });
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
