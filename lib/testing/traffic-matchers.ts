import { IConstruct } from 'constructs';
import { Protocol } from '../model';
import { renderExplainText } from '../report';
import { ExpectationChecks, explainFlow } from '../workflows';
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

function judge(scope: IConstruct, expectation: TrafficExpectation, want: 'allow' | 'deny', isNot: boolean): MatcherResult {
  const protocol = checkProbe(expectation.port, expectation.protocol);
  const checks = new ExpectationChecks(synthClusterModel(scope));
  const query = {
    from: resolveFlowEnd(expectation.from, 'from', checks.analyzer),
    to: resolveFlowEnd(expectation.to, 'to', checks.analyzer),
    probe: { port: expectation.port, protocol },
  };
  const explanation = explainFlow(checks.analyzer, query, { from: 'from', to: 'to', inputs: scopeName(scope) });
  const { holds } = checks.flowHolds(want, explanation.from, explanation.to, query.probe);
  const expected = (want === 'allow') !== isNot ? 'allowed' : 'denied';
  const actual = explanation.ambiguous ? 'ambiguous' : explanation.allowed ? 'allowed' : 'denied';
  return {
    pass: holds,
    message: () => `expected the traffic to be ${expected}, but it is ${actual}:\n${renderExplainText(explanation)}`,
  };
}

/** `expect(appOrChart).toAllowTraffic({ from, to, port, protocol? })`. */
export function toAllowTraffic(this: MatcherContext, scope: IConstruct, expectation: TrafficExpectation): MatcherResult {
  return judge(scope, expectation, 'allow', this.isNot);
}

/** `expect(appOrChart).toDenyTraffic({ from, to, port, protocol? })`. */
export function toDenyTraffic(this: MatcherContext, scope: IConstruct, expectation: TrafficExpectation): MatcherResult {
  return judge(scope, expectation, 'deny', this.isNot);
}

/** The matchers, for `expect.extend(trafficMatchers)` when registering by hand. */
export const trafficMatchers = { toAllowTraffic, toDenyTraffic };
