/**
 * Jest matchers over the reachability analysis of a cdk8s App or Chart. Importing this module
 * (e.g. from a jest setup file: `import 'cdk8s-netpol/testing'`) registers them on `expect`;
 * they are exported too for `expect.extend({ ...trafficMatchers, ...setMatchers })` by hand.
 */
import type { EndpointLike } from './matcher-inputs';
import { IsolationExpectation, OnlyReachableExpectation, OutsideExpectation, setMatchers } from './set-matchers';
import { TrafficExpectation, trafficMatchers } from './traffic-matchers';

export * from './traffic-matchers';
export * from './set-matchers';
export type { EndpointLike, MatcherContext, MatcherResult } from './matcher-inputs';
// The types the matchers' signatures use, so this entry is complete on its own: the DSL's
// and the cluster model's.
export type * from '../constructs/public-api';
export type * from '../model/public-api';
// The constructs, not the model's plain objects (which the DSL calls ...Object).
export type { ClusterNetworkPolicy, NetworkPolicy, Service } from '../constructs/public-api';
// The cluster model's Service (ClusterModel.services), named apart from the DSL's Service.
export type { Service as ClusterModelService } from '../model/public-api';
export * from './synth-cluster-model';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R, T = {}> {
      /** Passes when the flow is allowed; the failure message explains the verdict. */
      toAllowTraffic(expectation: TrafficExpectation): R;
      /** Passes when the flow is denied; the failure message explains the verdict. */
      toDenyTraffic(expectation: TrafficExpectation): R;
      /** Passes when some policy selects each endpoint (default: all) for each direction (default: both). */
      toBeIsolated(expectation?: IsolationExpectation): R;
      /** Passes when every source reaches `to` and no other endpoint or outside address does. */
      toOnlyBeReachableFrom(sources: readonly EndpointLike[], expectation: OnlyReachableExpectation): R;
      /** Passes when no address outside the cluster reaches the endpoints (default: all). */
      toNotBeReachableFromOutside(expectation?: OutsideExpectation): R;
    }
  }
}

const jestExpect = (globalThis as { expect?: { extend(matchers: object): void } }).expect;
if (jestExpect) {
  jestExpect.extend({ ...trafficMatchers, ...setMatchers });
}
