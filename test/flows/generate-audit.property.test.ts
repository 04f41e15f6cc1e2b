import * as path from 'path';
import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import type { ObservedFlowGroup, ObservedFlows, ObservedPod, Protocol } from '../../lib/model';
import { renderEstateTypeScript } from '../../lib/report';
import { synthClusterModel } from '../../lib/testing';
import { auditFlows, planEstate } from '../../lib/workflows';
import { loadGeneratedEstate } from './generated-module';

/** lib/ itself, so synthClusterModel sees the generated constructs as its own. */
const LIB = path.join(__dirname, '..', '..', 'lib', 'index');

const NAMESPACES = ['shop', 'billing', 'monitoring'];
const APPS = ['web', 'api', 'db'];
const PORTS: ReadonlyArray<readonly [number, Protocol]> = [
  [80, 'TCP'],
  [443, 'TCP'],
  [5432, 'TCP'],
  [53, 'UDP'],
  [3868, 'SCTP'],
];

function pod(namespace: string, app: string): ObservedPod {
  return { kind: 'pod', namespace, labels: { app, team: namespace }, workload: { kind: 'Deployment', name: app } };
}

/** A flow group between two pods. */
type PodFlow = ObservedFlowGroup & { readonly from: ObservedPod; readonly to: ObservedPod };

function group(from: ObservedPod, to: ObservedPod, port: number, protocol: Protocol): PodFlow {
  return { from, to, port, protocol, count: 1, verdicts: { FORWARDED: 1 }, destinationNames: [], firstSeen: { file: 'random', line: 1 } };
}

function flowsOf(groups: readonly ObservedFlowGroup[]): ObservedFlows {
  return { groups, skipped: [], lines: groups.length, files: ['random'] };
}

const key = (flow: { from: ObservedPod; to: ObservedPod; port: number; protocol: Protocol }) =>
  `${flow.from.namespace}/${flow.from.workload!.name} ${flow.to.namespace}/${flow.to.workload!.name} ${flow.port}/${flow.protocol}`;

/** Random flow sets between pods of a few workloads in a few namespaces. */
const flowSets = fc
  .uniqueArray(
    fc.record({
      from: fc.tuple(fc.constantFrom(...NAMESPACES), fc.constantFrom(...APPS)),
      to: fc.tuple(fc.constantFrom(...NAMESPACES), fc.constantFrom(...APPS)),
      port: fc.constantFrom(...PORTS),
    }),
    { minLength: 1, maxLength: 12, selector: (flow) => `${flow.from} ${flow.to} ${flow.port}` },
  )
  .map((flows) => flows.map((flow) => group(pod(...flow.from), pod(...flow.to), flow.port[0], flow.port[1])));

describe('generate then audit (#13.5)', () => {
  test('the generated estate denies nothing observed and allows nothing else between the observed workloads on the observed ports', () => {
    fc.assert(
      fc.property(flowSets, (groups) => {
        const observed = flowsOf(groups);
        const app = Testing.app();
        loadGeneratedEstate(renderEstateTypeScript(planEstate(observed)), LIB)(app);
        const model = synthClusterModel(app);
        const audit = auditFlows(model, observed);
        expect(audit.flows.filter((flow) => flow.verdict !== 'allowed')).toEqual([]);

        const workloads = [...new Map(groups.flatMap((flow) => [flow.from, flow.to]).map((end) => [`${end.namespace}/${end.workload!.name}`, end])).values()];
        const ports = [...new Map(groups.map((flow) => [`${flow.port}/${flow.protocol}`, [flow.port, flow.protocol] as const])).values()];
        const every = workloads.flatMap((from) => workloads.flatMap((to) => ports.map(([port, protocol]) => group(from, to, port, protocol))));
        const allowed = auditFlows(model, flowsOf(every))
          .flows.filter((flow) => flow.verdict === 'allowed')
          .map((flow) => {
            const id = (end: (typeof flow)['from']) => (end.kind === 'endpoint' ? end.id : '?');
            return `${id(flow.from)} ${id(flow.to)} ${flow.port}/${flow.protocol}`;
          });
        expect(new Set(allowed)).toEqual(new Set(groups.map(key)));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
