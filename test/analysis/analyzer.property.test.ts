import fc from 'fast-check';
import { Analyzer } from '../../lib/analysis/analyzer';
import { portSetHas } from '../../lib/analysis/port-set';
import { Peer, PortProbe } from '../../lib/analysis/types';
import { PROTOCOLS } from '../../lib/model';
import { EXTERNAL_IPS, PROBE_PORTS, clusterArb, probeArb, tieredClusterArb } from './arbitrary-cluster';
import { ReferenceEvaluator } from './reference-evaluator';

const RUNS = { seed: 20240607, numRuns: 200 };

const endpoint = (id: string): Peer => ({ kind: 'endpoint', id });

const ALL_PROBES: PortProbe[] = PROTOCOLS.flatMap((protocol) => PROBE_PORTS.map((port) => ({ port, protocol })));

describe.each([
  ['NetworkPolicies only', clusterArb],
  ['the three tiers mixed', tieredClusterArb],
])('Analyzer agrees with the pairwise reference evaluator: %s', (_, clusterArb) => {
  it('reach lists exactly the pairs the reference allows, and those it finds ambiguous', () => {
    fc.assert(
      fc.property(clusterArb, fc.array(probeArb, { minLength: 1, maxLength: 4 }), (cluster, probes) => {
        const analyzer = new Analyzer(cluster);
        const reference = new ReferenceEvaluator(cluster);
        for (const probe of probes) {
          const result = analyzer.reach(probe);
          expect(result.allowed).toEqual(reference.reach(probe));
          expect(result.ambiguous ?? []).toEqual(reference.pairs(probe, 'ambiguous'));
        }
      }),
      RUNS,
    );
  });

  it('filtered reach is the reference restricted to the filtered sources and destinations', () => {
    fc.assert(
      fc.property(clusterArb, probeArb, fc.integer({ min: 0, max: 3 }), (cluster, probe, salt) => {
        const analyzer = new Analyzer(cluster);
        const keepFrom = (id: string) => (id.length + salt) % 2 === 0;
        const keepTo = (id: string) => id.endsWith(`-${salt % 2}`);
        const expected = new ReferenceEvaluator(cluster).reach(probe).filter(([from, to]) => keepFrom(from) && keepTo(to));
        const result = analyzer.reach(probe, { from: keepFrom, to: keepTo });
        expect(result.allowed).toEqual(expected);
        expect(result.endpoints).toEqual(analyzer.endpointIds().filter((id) => keepFrom(id) || keepTo(id)));
      }),
      RUNS,
    );
  });

  it('isAllowed and explain().allowed agree with the reference for every pair, external peers included', () => {
    fc.assert(
      fc.property(clusterArb, probeArb, fc.constantFrom(...EXTERNAL_IPS), (cluster, probe, ip) => {
        const analyzer = new Analyzer(cluster);
        const reference = new ReferenceEvaluator(cluster);
        const peers: Peer[] = [...analyzer.endpointIds().map(endpoint), { kind: 'external', ip }];
        for (const from of peers) {
          for (const to of peers) {
            if (from.kind === 'external' && to.kind === 'external') {
              continue;
            }
            const expected = reference.verdict(from, to, probe);
            expect(analyzer.isAllowed(from, to, probe)).toBe(expected === 'allowed');
            const explanation = analyzer.explain(from, to, probe);
            expect([from, to, probe, explanation.allowed]).toEqual([from, to, probe, expected === 'allowed']);
            expect(explanation.ambiguous ?? false).toBe(expected === 'ambiguous');
            for (const verdict of [explanation.egress, explanation.ingress]) {
              if (verdict) {
                expect(verdict.isolated).toBe(verdict.selectedBy.length > 0);
                if (!verdict.tiers) {
                  // NetworkPolicy alone: a direction allows exactly when it is open or some rule allows it.
                  expect(verdict.allowed).toBe(!verdict.isolated || verdict.allowedBy.length > 0);
                } else if (verdict.tiers.decidedBy === 'NetworkPolicy') {
                  expect(verdict.allowed).toBe(verdict.allowedBy.length > 0);
                } else if (verdict.tiers.decidedBy === 'Admin' || verdict.tiers.decidedBy === 'Baseline') {
                  // A tier decided: by the rule it names, whose action is the verdict.
                  expect(['Accept', 'Allow'].includes(verdict.tiers.decidingRule!.action)).toBe(verdict.allowed);
                } else if (verdict.tiers.decidedBy === 'Default') {
                  expect(verdict.allowed).toBe(true);
                } else {
                  expect(verdict.tiers.ambiguity).toEqual(expect.any(String));
                  expect(verdict.allowed).toBe(false);
                }
              }
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('allowedPorts holds exactly the sample probes the reference allows', () => {
    fc.assert(
      fc.property(clusterArb, fc.constantFrom(...EXTERNAL_IPS), (cluster, ip) => {
        const analyzer = new Analyzer(cluster);
        const reference = new ReferenceEvaluator(cluster);
        const ids = analyzer.endpointIds();
        const pairs: [Peer, Peer][] = [
          [endpoint(ids[0]), endpoint(ids[ids.length - 1])],
          [endpoint(ids[ids.length - 1]), endpoint(ids[0])],
          [{ kind: 'external', ip }, endpoint(ids[0])],
          [endpoint(ids[0]), { kind: 'external', ip }],
        ];
        for (const [from, to] of pairs) {
          const ports = analyzer.allowedPorts(from, to);
          const ambiguousPorts = analyzer.ambiguousPorts(from, to);
          for (const probe of ALL_PROBES) {
            const expected = reference.verdict(from, to, probe);
            expect([probe, portSetHas(ports, probe), portSetHas(ambiguousPorts, probe)]).toEqual([probe, expected === 'allowed', expected === 'ambiguous']);
          }
        }
      }),
      RUNS,
    );
  });

  it('portMatrix lists allowedPorts (and ambiguousPorts) of every pair with something allowed or ambiguous', () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const analyzer = new Analyzer(cluster);
        const ids = analyzer.endpointIds();
        const expected = ids.flatMap((from) =>
          ids.flatMap((to) => {
            const ports = analyzer.allowedPorts(endpoint(from), endpoint(to));
            const ambiguousPorts = analyzer.ambiguousPorts(endpoint(from), endpoint(to));
            const ambiguous = PROTOCOLS.some((protocol) => ambiguousPorts[protocol].length > 0);
            return PROTOCOLS.some((protocol) => ports[protocol].length > 0) || ambiguous ? [{ from, to, ports, ...(ambiguous ? { ambiguousPorts } : {}) }] : [];
          }),
        );
        expect(analyzer.portMatrix()).toEqual(expected);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });

  it('reachCount and portMatrixCount count what reach and portMatrix list, filtered or not', () => {
    fc.assert(
      fc.property(clusterArb, probeArb, fc.integer({ min: 0, max: 3 }), (cluster, probe, salt) => {
        const analyzer = new Analyzer(cluster);
        const filters = [{}, { from: (id: string) => (id.length + salt) % 2 === 0, to: (id: string) => id.endsWith(`-${salt % 2}`) }];
        for (const filter of filters) {
          const listed = analyzer.reach(probe, filter);
          expect(analyzer.reachCount(probe, filter)).toEqual({ allowed: listed.allowed.length, ambiguous: listed.ambiguous?.length ?? 0 });
          const matrix = analyzer.portMatrix(filter);
          expect(analyzer.portMatrixCount(filter)).toEqual({
            allowed: matrix.filter((entry) => PROTOCOLS.some((protocol) => entry.ports[protocol].length > 0)).length,
            ambiguous: matrix.filter((entry) => entry.ambiguousPorts !== undefined).length,
          });
        }
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});
