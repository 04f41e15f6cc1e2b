import fc from 'fast-check';
import { Readable } from 'stream';
import { Analyzer } from '../../lib/analysis';
import { buildClusterModel, loadManifests } from '../../lib/manifests';
import { endpointId } from '../../lib/model';
import { clusterArb, probeArb, tieredClusterArb } from '../analysis/arbitrary-cluster';
import { ReferenceEvaluator } from '../analysis/reference-evaluator';
import { clusterObjects, crdValid, manifestText, spellingArb, withEdgeNames } from './cluster-manifests';

/*
 * The engine and the reference evaluator agree through the YAML path: a random cluster is
 * written as manifests (in several spellings, half of them with names at the edges of the API's
 * rules), read back by lib/manifests, analysed, and its verdicts compared with the reference
 * evaluator's on the cluster it was written from.
 */

const RUNS = { seed: 20261202, numRuns: 60, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true };

// Above the time-limit guard, so fast-check's interruption is what fails, with its counterexample.
jest.setTimeout(120_000);

async function load(text: string) {
  const loaded = await loadManifests(['-'], { stdin: Readable.from([Buffer.from(text)]) });
  return buildClusterModel(loaded.objects);
}

describe.each([
  ['NetworkPolicies only', clusterArb],
  ['the three tiers mixed', tieredClusterArb],
])('manifests of a random cluster, read back, give the reference verdicts: %s', (_name, arbitrary) => {
  test('every object is read, and reach agrees with the reference for every probe', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(arbitrary.map(crdValid), fc.boolean()).map(([cluster, edge]) => (edge ? withEdgeNames(cluster) : cluster)), spellingArb, fc.array(probeArb, { minLength: 1, maxLength: 3 }), async (cluster, spelling, probes) => {
        const built = await load(manifestText(clusterObjects(cluster), spelling));
        expect(built.rejected).toEqual([]);
        expect(built.model.endpoints.map(endpointId).sort()).toEqual(cluster.endpoints.map(endpointId).sort());
        expect(built.model.policies).toHaveLength(cluster.policies.length);
        expect(built.model.adminTierPolicies ?? []).toHaveLength(cluster.adminTierPolicies?.length ?? 0);
        const analyzer = new Analyzer(built.model);
        const reference = new ReferenceEvaluator(cluster);
        for (const probe of probes) {
          const result = analyzer.reach(probe);
          expect([probe, result.allowed]).toEqual([probe, reference.reach(probe)]);
          expect([probe, result.ambiguous ?? []]).toEqual([probe, reference.pairs(probe, 'ambiguous')]);
        }
      }),
      RUNS,
    );
  });
});
