import fc from 'fast-check';
import { ALL_PORTS, NO_PORTS, intersectPortSets, portRangeSet, unionPortSets } from '../../lib/analysis/port-set';
import { ALL_PORTS_ID, NO_PORTS_ID, PortSetTable } from '../../lib/analysis/port-set-table';
import { PortSet } from '../../lib/analysis/types';
import { PROTOCOLS } from '../../lib/model';

const RUNS = { seed: 20240612, numRuns: 300 };

/** Few distinct bounds, so that unions and intersections often produce sets seen before. */
const rangeArb = fc
  .tuple(fc.constantFrom(...PROTOCOLS), fc.constantFrom(1, 53, 80, 81, 443, 8080, 65535), fc.constantFrom(0, 1, 100, 70000))
  .map(([protocol, from, width]) => portRangeSet(protocol, from, from + width));
const portSetArb: fc.Arbitrary<PortSet> = fc.array(rangeArb, { maxLength: 4 }).map((ranges) => unionPortSets(NO_PORTS, ...ranges));

describe('PortSetTable', () => {
  it('numbers NO_PORTS and ALL_PORTS first, and equal sets alike, keeping the first object', () => {
    const table = new PortSetTable();
    expect(table.intern({ TCP: [], UDP: [], SCTP: [] })).toBe(NO_PORTS_ID);
    expect(table.intern(unionPortSets(ALL_PORTS))).toBe(ALL_PORTS_ID);
    const dns = unionPortSets(portRangeSet('TCP', 53), portRangeSet('UDP', 53));
    const id = table.intern(dns);
    expect(table.intern(unionPortSets(portRangeSet('UDP', 53), portRangeSet('TCP', 53)))).toBe(id);
    expect(table.get(id)).toBe(dns);
    // The same ports under another protocol are another set.
    expect(table.intern(unionPortSets(portRangeSet('TCP', 53), portRangeSet('SCTP', 53)))).not.toBe(id);
  });

  it('union and intersect agree with the range arithmetic, and equal answers are one object', () => {
    fc.assert(
      fc.property(fc.array(portSetArb, { minLength: 2, maxLength: 6 }), (sets) => {
        const table = new PortSetTable();
        const ids = sets.map((set) => table.intern(set));
        for (const a of ids) {
          for (const b of ids) {
            const union = table.union(a, b);
            const intersection = table.intersect(a, b);
            expect(table.get(union)).toEqual(unionPortSets(table.get(a), table.get(b)));
            expect(table.get(intersection)).toEqual(intersectPortSets(table.get(a), table.get(b)));
            expect(table.union(b, a)).toBe(union);
            expect(table.intersect(b, a)).toBe(intersection);
            expect(table.intern(unionPortSets(table.get(a), table.get(b)))).toBe(union);
          }
        }
      }),
      RUNS,
    );
  });
});
