import fc from 'fast-check';
import type { PortMatrixEntry } from '../../lib/analysis/analyzer';
import { ALL_PORTS, NO_PORTS, portRangeSet, unionPortSets } from '../../lib/analysis/port-set';
import { PROTOCOLS } from '../../lib/model';
import { portFlowJson, renderPortMatrixJson, writePortMatrixJson } from '../../lib/report';
import { terminalJson } from '../../lib/report/escape';

const RUNS = { seed: 20240613, numRuns: 300 };

/** What the streamed writer must reproduce byte for byte: JSON.stringify's, raw control characters escaped as every JSON report does. */
function plainJson(endpoints: readonly string[], flows: readonly PortMatrixEntry[]): string {
  return terminalJson(JSON.stringify({ endpoints, allowed: flows.map(portFlowJson) }, null, 2)) + '\n';
}

/** Ids with characters JSON must escape, and ones that look like the writer's own text. */
const idArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('x/a', 'to', '"to": "x",', '\n      "to": ', 'ü/ß', '\\', '', 'a\u2028b', 'a\u009bb', 'a\u202eb'),
);
const rangeArb = fc
  .tuple(fc.constantFrom(...PROTOCOLS), fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 70000 }))
  .map(([protocol, from, width]) => portRangeSet(protocol, from, from + width));
const portSetArb = fc.oneof(
  fc.constant(ALL_PORTS),
  fc.array(rangeArb, { maxLength: 4 }).map((ranges) => unionPortSets(NO_PORTS, ...ranges)),
);

describe('port matrix JSON', () => {
  it('is JSON.stringify of the flows byte for byte, whether PortSet objects are shared or equal copies', () => {
    const flowsArb = fc
      .tuple(fc.array(portSetArb, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(idArb, idArb, fc.nat(), fc.boolean()), { maxLength: 8 }))
      .map(([sets, pairs]) =>
        pairs.map(([from, to, which, copy]): PortMatrixEntry => {
          const ports = sets[which % sets.length];
          return { from, to, ports: copy ? structuredClone(ports) : ports };
        }),
      );
    fc.assert(
      fc.property(fc.array(idArb, { maxLength: 5 }), flowsArb, (endpoints, flows) => {
        const json = renderPortMatrixJson(endpoints, flows);
        expect(json).toBe(plainJson(endpoints, flows));
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify({ endpoints, allowed: flows.map(portFlowJson) })));
      }),
      RUNS,
    );
  });

  it('writes a large listing in bounded chunks that add up to the same text', () => {
    const ports = unionPortSets(portRangeSet('TCP', 5432), portRangeSet('TCP', 8080));
    const endpoints = Array.from({ length: 100 }, (_, i) => `ns-${Math.floor(i / 10)}/app-${i % 10}`);
    const flows = endpoints.flatMap((from) => endpoints.map((to) => ({ from, to, ports })));
    const chunks: string[] = [];
    writePortMatrixJson(endpoints, flows, { write: (text) => chunks.push(text) });
    const whole = plainJson(endpoints, flows);
    expect(whole.length).toBeGreaterThan(2_000_000);
    expect(chunks.join('')).toBe(whole);
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(100_000);
  });
});
