/**
 * Jest matchers over the reachability analysis of a cdk8s App or Chart. Importing this module
 * (e.g. from a jest setup file: `import 'cdk8s-netpol/testing'`) registers them on `expect`;
 * they are exported too for `expect.extend(trafficMatchers)` by hand.
 */
import { TrafficExpectation, trafficMatchers } from './traffic-matchers';

export * from './traffic-matchers';
export * from './synth-cluster-model';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R, T = {}> {
      /** Passes when the flow is allowed; the failure message explains the verdict. */
      toAllowTraffic(expectation: TrafficExpectation): R;
      /** Passes when the flow is denied; the failure message explains the verdict. */
      toDenyTraffic(expectation: TrafficExpectation): R;
    }
  }
}

const jestExpect = (globalThis as { expect?: { extend(matchers: object): void } }).expect;
if (jestExpect) {
  jestExpect.extend(trafficMatchers);
}
